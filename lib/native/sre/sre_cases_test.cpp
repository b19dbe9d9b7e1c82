// Runs the engine over CPython 3.14's recorded results (testdata/native/sre/cases.json, made by
// lib/native/tools/gen_sre_cases.py): the same code, flags and subjects must give the same
// spans, lastindex, findall/finditer/split/sub results. Each str subject runs at every
// character width that holds it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "native/sre/pattern.h"
#include "native/sre/template.h"
#include "native/unicode/utf8.h"

namespace sre = gbc::native::sre;
using nlohmann::json;

namespace {

// `variable`, when set, names another file of the same shape to run instead (a larger random set,
// say).
json load(const char* name, const char* variable) {
  const char* other = std::getenv(variable);
  std::ifstream in(other != nullptr ? std::string(other)
                                    : std::string(GBC_NATIVE_TESTDATA "/sre/") + name);
  return json::parse(in);
}

const json& cases314() {
  static const json data = load("cases.json", "SRE_CASES");
  return data;
}

const json& cases312() {
  static const json data = load("cases312.json", "SRE_CASES312");
  return data;
}

std::u32string decode(const std::string& utf8) {
  std::u32string out;
  auto error = gbc::native::unicode::decodeUtf8(utf8, out);
  REQUIRE(!error);
  return out;
}

std::string encode(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) gbc::native::unicode::appendUtf8(out, c);
  return out;
}

// One subject held at one width.
struct Held {
  std::u32string text;
  std::vector<uint8_t> narrow8;
  std::vector<uint16_t> narrow16;
  sre::Subject subject;
  std::string label;

  std::u32string slice(sre::Span span) const {
    return text.substr(span.start, span.end - span.start);
  }
};

std::vector<Held> holdings(const std::u32string& text, bool is_bytes) {
  char32_t max = 0;
  for (char32_t c : text) max = std::max(max, c);
  std::vector<std::string> labels;
  if (is_bytes) {
    labels = {"bytes"};
  } else {
    if (max < 0x100) labels.push_back("ucs1");
    if (max < 0x10000) labels.push_back("ucs2");
    labels.push_back("ucs4");
  }
  std::vector<Held> out(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    Held& h = out[i];
    h.text = text;
    h.narrow8.assign(text.begin(), text.end());
    h.narrow16.assign(text.begin(), text.end());
    h.label = labels[i];
    if (h.label == "bytes")
      h.subject = sre::Subject::bytes(h.narrow8.data(), h.narrow8.size());
    else if (h.label == "ucs1")
      h.subject = sre::Subject::ucs1(h.narrow8.data(), h.narrow8.size());
    else if (h.label == "ucs2")
      h.subject = sre::Subject::ucs2(h.narrow16.data(), h.narrow16.size());
    else
      h.subject = sre::Subject::ucs4(h.text.data(), h.text.size());
  }
  return out;
}

json record(const std::optional<sre::Match>& m) {
  if (!m) return nullptr;
  json out = json::array({m->lastindex});
  for (const auto& g : m->groups) {
    out.push_back(g.start);
    out.push_back(g.end);
  }
  return out;
}

json matchRecord(const sre::Outcome<std::optional<sre::Match>>& outcome) {
  REQUIRE(outcome.has_value());
  return record(*outcome);
}

json findallRecord(const std::vector<sre::Span>& spans, std::ptrdiff_t groups, const Held& h) {
  json out = json::array();
  size_t stride = groups == 0 ? 1 : static_cast<size_t>(groups);
  for (size_t i = 0; i < spans.size(); i += stride) {
    if (stride == 1) {
      out.push_back(encode(h.slice(spans[i])));
      continue;
    }
    json item = json::array();
    for (size_t k = 0; k < stride; ++k) item.push_back(encode(h.slice(spans[i + k])));
    out.push_back(item);
  }
  return out;
}

json splitRecord(const std::vector<sre::Span>& spans, const Held& h) {
  json out = json::array();
  for (const auto& span : spans) {
    if (!span.matched())
      out.push_back(nullptr);
    else
      out.push_back(encode(h.slice(span)));
  }
  return out;
}

// sub's result built from the pieces the engine hands over.
class Builder : public sre::SubSink, public sre::TemplateSink {
 public:
  Builder(const Held& held, const sre::Template* tmpl, const std::vector<std::u32string>& literals)
      : held_(held), template_(tmpl), literals_(literals) {}

  void appendSlice(std::ptrdiff_t start, std::ptrdiff_t end) override {
    out += held_.slice({start, end});
  }
  bool appendReplacement(const sre::Match& match) override {
    if (template_ == nullptr) {  // the function lambda m: '[' + m.group() + ']'
      out += U"[" + held_.slice(match.groups[0]) + U"]";
      return true;
    }
    auto done = template_->expand(match, *this);
    return done.has_value();
  }
  void appendLiteral(size_t index) override { out += literals_[index]; }
  void appendGroup(sre::Span span) override { out += held_.slice(span); }

  std::u32string out;

 private:
  const Held& held_;
  const sre::Template* template_;
  const std::vector<std::u32string>& literals_;
};

}  // namespace

// Runs every recorded case of `data` with the engine behaving as `dialect`; returns how many
// (pattern, subject, width) triples ran.
static size_t runCases(const json& data, sre::Dialect dialect) {
  size_t runs = 0;
  for (const json& c : data.at("cases")) {
    const std::string pattern_text = c.at("pattern").get<std::string>();
    const bool is_bytes = c.at("bytes").get<bool>();
    INFO("pattern " << pattern_text << (is_bytes ? " (bytes)" : "") << " flags "
                    << c.at("flags").get<int>());
    auto pattern =
        sre::Pattern::compile(c.at("code").get<std::vector<sre::Code>>(), c.at("flags").get<int>(),
                              c.at("groups").get<int>(),
                              is_bytes ? sre::PatternType::Bytes : sre::PatternType::Str, dialect);
    REQUIRE(pattern.has_value());
    const std::ptrdiff_t groups = pattern->groups();

    // The replacement template: [literal0, group1, literal1, ...].
    std::vector<std::u32string> literals;
    std::vector<std::ptrdiff_t> group_numbers;
    std::vector<bool> empty;
    for (const json& item : c.at("template")) {
      if (item.is_string()) {
        literals.push_back(decode(item.get<std::string>()));
        empty.push_back(literals.back().empty());
      } else {
        group_numbers.push_back(item.get<std::ptrdiff_t>());
      }
    }
    auto tmpl = sre::Template::make(group_numbers, empty);
    REQUIRE(tmpl.has_value());

    for (const json& s : c.at("subjects")) {
      const std::u32string text = decode(s.at("s").get<std::string>());
      for (const Held& h : holdings(text, is_bytes)) {
        INFO("subject " << s.at("s").get<std::string>() << " as " << h.label);
        const sre::Subject& subject = h.subject;
        CHECK(matchRecord(pattern->match(subject)) == s.at("match"));
        CHECK(matchRecord(pattern->fullmatch(subject)) == s.at("fullmatch"));
        CHECK(matchRecord(pattern->search(subject)) == s.at("search"));
        auto all = pattern->findall(subject);
        REQUIRE(all.has_value());
        CHECK(findallRecord(*all, groups, h) == s.at("findall"));

        auto scanner = sre::Scanner::make(*pattern, subject);
        REQUIRE(scanner.has_value());
        json iter = json::array();
        for (;;) {
          auto next = scanner->search();
          REQUIRE(next.has_value());
          if (!*next) break;
          iter.push_back(record(*next));
        }
        CHECK(iter == s.at("finditer"));

        auto pieces = pattern->split(subject);
        REQUIRE(pieces.has_value());
        CHECK(splitRecord(*pieces, h) == s.at("split"));
        ++runs;
        if (!s.contains("windows")) continue;  // a random pattern: no more recorded

        for (const json& w : s.at("windows")) {
          auto pos = w[0].get<std::ptrdiff_t>(), endpos = w[1].get<std::ptrdiff_t>();
          INFO("window " << pos << ".." << endpos);
          CHECK(matchRecord(pattern->match(subject, pos, endpos)) == w[2]);
          CHECK(matchRecord(pattern->fullmatch(subject, pos, endpos)) == w[3]);
          CHECK(matchRecord(pattern->search(subject, pos, endpos)) == w[4]);
        }

        std::ptrdiff_t n = static_cast<std::ptrdiff_t>(text.size());
        auto all_window = pattern->findall(subject, 1, std::max<std::ptrdiff_t>(n - 1, 0));
        REQUIRE(all_window.has_value());
        CHECK(findallRecord(*all_window, groups, h) == s.at("findall_window"));

        auto pieces1 = pattern->split(subject, 1);
        REQUIRE(pieces1.has_value());
        CHECK(splitRecord(*pieces1, h) == s.at("split1"));

        Builder all_subs(h, &*tmpl, literals);
        auto count = pattern->sub(subject, 0, all_subs);
        REQUIRE(count.has_value());
        CHECK(json::array({encode(all_subs.out), *count}) == s.at("sub"));
        Builder two_subs(h, &*tmpl, literals);
        REQUIRE(pattern->sub(subject, 2, two_subs).has_value());
        CHECK(encode(two_subs.out) == s.at("sub2").get<std::string>());
        Builder fn_subs(h, nullptr, literals);
        REQUIRE(pattern->sub(subject, 0, fn_subs).has_value());
        CHECK(encode(fn_subs.out) == s.at("subfn").get<std::string>());
      }
    }
  }
  return runs;
}

TEST_CASE("the recorded cases come from CPython 3.14's and 3.12's re", "[native][sre]") {
  CHECK(sre::dialectForMagic(cases314().at("magic").get<sre::Code>()) == sre::Dialect::Python314);
  CHECK(cases314().at("cases").size() > 500);
  CHECK(sre::dialectForMagic(cases312().at("magic").get<sre::Code>()) == sre::Dialect::Python312);
  CHECK(cases312().at("cases").size() > 500);
}

TEST_CASE("the engine gives CPython 3.14's results on every recorded case", "[native][sre]") {
  CHECK(runCases(cases314(), sre::Dialect::Python314) > 8000);
}

TEST_CASE("as 3.12, the engine gives CPython 3.12's results on every recorded case",
          "[native][sre]") {
  CHECK(runCases(cases312(), sre::Dialect::Python312) > 8000);
}
