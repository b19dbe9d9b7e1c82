// gbc_bench_runtime: times the runtime's kernels against a plain memcpy of the same bytes.
// Not a test. Usage: gbc_bench_runtime [repetitions]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "runtime/ops.h"
#include "runtime/random.h"

using namespace gbc::runtime;

namespace {

/// Best wall time of `reps` runs, in milliseconds.
double timeBest(int reps, const std::function<void()>& f) {
  f();  // warm-up
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  return best;
}

Tensor must(Expected<Tensor> t) {
  if (!t) {
    std::fprintf(stderr, "error: %s\n", t.error().message.c_str());
    std::exit(1);
  }
  return *t;
}

/// memcpy of `bytes` between two resident buffers: the memory-bandwidth baseline for an op
/// producing an output of that size (the op also reads its inputs, so ~1.5x is bandwidth-bound
/// for a binary op).
double memcpyBaseline(int reps, size_t bytes) {
  std::vector<char> src(bytes, 1), dst(bytes, 0);
  return timeBest(reps, [&] {
    std::memcpy(dst.data(), src.data(), bytes);
    volatile char sink = dst[bytes / 2];
    (void)sink;
  });
}

struct Row {
  std::string name;
  double ms;
  double baselineMs;  // 0: no baseline
  double gflops;      // 0: not a flop-bound op
};

}  // namespace

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::atoi(argv[1]) : 10;
  manualSeed(0);
  std::vector<Row> rows;
  for (int64_t n : {int64_t{1} << 20, int64_t{1} << 24}) {
    Tensor a = must(randn({n})), b = must(randn({n}));
    const double copy = memcpyBaseline(reps, static_cast<size_t>(n) * 4);
    const std::string size = n == (int64_t{1} << 20) ? "1M" : "16M";
    rows.push_back({"memcpy " + size + " floats", copy, copy, 0});
    rows.push_back({"add " + size, timeBest(reps, [&] { must(add(a, b)); }), copy, 0});
    rows.push_back({"mul " + size, timeBest(reps, [&] { must(mul(a, b)); }), copy, 0});
    if (n == (int64_t{1} << 24)) {
      rows.push_back({"sum 16M", timeBest(reps, [&] { must(sum(a)); }), 0, 0});
    }
  }
  {
    Tensor a = must(randn({4096, 1024})), b = must(randn({1024}));
    const double copy = memcpyBaseline(reps, size_t{4096} * 1024 * 4);
    rows.push_back(
        {"broadcast add 4096x1024 + 1024", timeBest(reps, [&] { must(add(a, b)); }), copy, 0});
    rows.push_back(
        {"softmax 4096x1024 dim=-1", timeBest(reps, [&] { must(softmax(a, -1)); }), copy, 0});
  }
  for (int64_t n : {256, 512, 1024}) {
    Tensor a = must(randn({n, n})), b = must(randn({n, n}));
    int r = n >= 1024 ? std::max(1, reps / 4) : reps;
    double ms = timeBest(r, [&] { must(matmul(a, b)); });
    double gflops = 2.0 * static_cast<double>(n * n * n) / (ms * 1e6);
    rows.push_back({"matmul " + std::to_string(n), ms, 0, gflops});
  }
  std::printf("%-34s %12s %14s %10s\n", "benchmark", "best ms", "x memcpy", "GFLOP/s");
  for (const Row& r : rows) {
    std::printf("%-34s %12.3f", r.name.c_str(), r.ms);
    if (r.baselineMs > 0)
      std::printf(" %14.2f", r.ms / r.baselineMs);
    else
      std::printf(" %14s", "-");
    if (r.gflops > 0) std::printf(" %10.2f", r.gflops);
    std::printf("\n");
  }
  return 0;
}
