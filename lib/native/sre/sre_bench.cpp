// gbc_bench_sre: times gbc's regular-expression engine on the searches that
// lib/native/tools/bench_sre.py timed CPython 3.14 on, and checks it gets the same results.
// Not a test (timings vary); a tool for reports: gbc_bench_sre FILE.json [repetitions]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "native/sre/pattern.h"
#include "native/unicode/utf8.h"

namespace sre = gbc::native::sre;

namespace {

struct Counter : sre::SubSink {
  void appendSlice(std::ptrdiff_t, std::ptrdiff_t) override {}
  bool appendReplacement(const sre::Match&) override { return true; }
};

nlohmann::json run(const sre::Pattern& pattern, const sre::Subject& subject,
                   const std::string& op) {
  auto span = [](const sre::Outcome<std::optional<sre::Match>>& m) -> nlohmann::json {
    if (!m) return "error";
    if (!*m) return nullptr;
    return {(*m)->groups[0].start, (*m)->groups[0].end};
  };
  if (op == "search") return span(pattern.search(subject));
  if (op == "match") return span(pattern.match(subject));
  if (op == "findall") {
    auto all = pattern.findall(subject);
    if (!all) return "error";
    size_t stride = pattern.groups() == 0 ? 1 : static_cast<size_t>(pattern.groups());
    return all->size() / stride;
  }
  if (op == "split") {
    auto pieces = pattern.split(subject);
    if (!pieces) return "error";
    return (pieces->size() - 1) / (static_cast<size_t>(pattern.groups()) + 1) + 1;
  }
  Counter counter;
  auto n = pattern.sub(subject, 0, counter);
  if (!n) return "error";
  return *n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gbc_bench_sre FILE.json [repetitions]\n");
    return 2;
  }
  int reps = argc > 2 ? std::stoi(argv[2]) : 3;
  std::ifstream in(argv[1]);
  auto data = nlohmann::json::parse(in);
  std::printf("%-32s %10s %10s %7s  %s\n", "benchmark", "gbc ms", "CPython ms", "ratio",
              "same result");
  for (const auto& b : data.at("benches")) {
    auto pattern =
        sre::Pattern::compile(b.at("code").get<std::vector<sre::Code>>(), b.at("flags").get<int>(),
                              b.at("groups").get<int>(), sre::PatternType::Str);
    if (!pattern) {
      std::printf("%s: %s\n", b.at("name").get<std::string>().c_str(),
                  pattern.error().message.c_str());
      continue;
    }
    std::u32string text;
    (void)gbc::native::unicode::decodeUtf8(b.at("subject").get<std::string>(), text);
    sre::TextBuffer buffer(text);
    sre::Subject subject = buffer.subject();
    double best = 1e9;
    nlohmann::json result;
    for (int i = 0; i < reps; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      result = run(*pattern, subject, b.at("op").get<std::string>());
      auto t1 = std::chrono::steady_clock::now();
      best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    }
    double cpython = b.at("cpython_seconds").get<double>();
    std::printf("%-32s %10.2f %10.2f %7.2f  %s (ucs%d)\n", b.at("name").get<std::string>().c_str(),
                best * 1e3, cpython * 1e3, best / cpython, result == b.at("result") ? "yes" : "NO",
                buffer.width());
  }
  return 0;
}
