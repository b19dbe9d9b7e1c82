// gbc_bench_native: timings of BigInt's large operations (not a test; numbers for the README
// and for tuning the thresholds in bigint_mul.cpp, bigint_div.cpp, bigint_text.cpp).
#include "native/bigint.h"

#include <chrono>
#include <cstdio>
#include <string>

using gbc::native::BigInt;

static int repetitions = 1;

// Mean wall time of f over `repetitions` runs.
template <typename F>
static double seconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < repetitions; ++i) f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
         repetitions;
}

int main(int argc, char** argv) {
  // gbc_bench_native [digits [repetitions]]
  int digits = argc > 1 ? std::stoi(argv[1]) : 100000;
  repetitions = argc > 2 ? std::stoi(argv[2]) : 1;
  // Pseudo-random decimal text of `digits` digits.
  std::string text;
  unsigned state = 12345;
  for (int i = 0; i < digits; ++i) {
    state = state * 1103515245u + 12345u;
    text.push_back(static_cast<char>('1' + (state >> 16) % 9));
  }
  BigInt a, b, p, sq;
  std::string back;
  double t_parse = seconds([&] { a = std::get<BigInt>(BigInt::parse(text, 10, 0)); });
  b = a + BigInt(987654321);
  double t_mul = seconds([&] { p = a * b; });
  double t_sqr = seconds([&] { sq = a * a; });
  double t_str = seconds([&] { back = a.toString(10); });
  gbc::native::BigDivMod qr;
  double t_div = seconds([&] { qr = BigInt::divmodNonZero(p, b); });
  double t_hex = seconds([&] { back = p.toString(16); });
  std::printf(
      "digits=%d parse=%.6fs mul=%.6fs square=%.6fs str=%.6fs divmod(2n/n)=%.6fs hex=%.6fs\n",
      digits, t_parse, t_mul, t_sqr, t_str, t_div, t_hex);
  bool ok = qr.quotient == a && qr.remainder.isZero() && sq == a * BigInt(a) &&
            std::get<BigInt>(BigInt::parse(a.toString(10), 10, 0)) == a;
  std::printf("check: %s\n", ok ? "ok" : "MISMATCH");
  return ok ? 0 : 1;
}
