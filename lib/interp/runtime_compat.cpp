#include "interp/runtime_compat.h"

#include <cstdio>
#include <random>

#include "runtime/ops.h"

namespace gbc::runtime {
#if !__has_include("runtime/printing.h")
std::string formatPythonFloat(double d) {
  char buf[64];
  for (int p = 1; p <= 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*g", p, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  if (s.find_first_of(".einn") == std::string::npos) s += ".0";
  return s;
}
std::string formatTensor(const Tensor& t) {
  std::string out = "tensor([";
  Tensor c = t.contiguous();
  for (int64_t i = 0; i < c.numel(); ++i) {
    if (i) out += ", ";
    out += formatPythonFloat(scalarToDouble(c.flatAt(i)));
  }
  return out + "])";
}
#endif
#if !defined(GBC_HAVE_RUNTIME_RANDOM)
struct Generator {
  std::mt19937 mt{0};
};
Generator& defaultGenerator() {
  static thread_local Generator g;
  return g;
}
void manualSeed(uint64_t seed) { defaultGenerator().mt.seed(static_cast<uint32_t>(seed)); }
Tensor randn(Generator& g, const Shape& sizes, DType dtype) {
  std::normal_distribution<double> n;
  Tensor t = *zeros(sizes, DType::Float64);
  for (int64_t i = 0; i < t.numel(); ++i) t.data<double>()[i] = n(g.mt);
  return t.to(dtype);
}
Tensor rand(Generator& g, const Shape& sizes, DType dtype) {
  std::uniform_real_distribution<double> n;
  Tensor t = *zeros(sizes, DType::Float64);
  for (int64_t i = 0; i < t.numel(); ++i) t.data<double>()[i] = n(g.mt);
  return t.to(dtype);
}
std::pair<Tensor, Tensor> linearInit(Generator& g, int64_t in, int64_t out, bool bias) {
  return {rand(g, {out, in}, DType::Float32), bias ? rand(g, {out}, DType::Float32) : Tensor()};
}
#endif
}  // namespace gbc::runtime
