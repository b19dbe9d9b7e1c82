// gbc_bench_native: timings of BigInt's large operations (not a test; numbers for the README
// and for tuning the thresholds in bigint_mul.cpp, bigint_div.cpp, bigint_text.cpp).
#include <chrono>
#include <cstdio>
#include <string>

#include "native/bigint.h"

using gbc::native::BigInt;

template <typename F>
static double seconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int main(int argc, char** argv) {
  int digits = argc > 1 ? std::stoi(argv[1]) : 100000;
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
      "digits=%d parse=%.4fs mul=%.4fs square=%.4fs str=%.4fs divmod(2n/n)=%.4fs hex=%.4fs\n",
      digits, t_parse, t_mul, t_sqr, t_str, t_div, t_hex);
  bool ok = qr.quotient == a && qr.remainder.isZero() && sq == a * BigInt(a) &&
            std::get<BigInt>(BigInt::parse(a.toString(10), 10, 0)) == a;
  std::printf("check: %s\n", ok ? "ok" : "MISMATCH");
  return ok ? 0 : 1;
}
