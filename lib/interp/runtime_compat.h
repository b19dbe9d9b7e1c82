// Bridges to lib/runtime's printing and random APIs while they are being written: uses the
// real headers when present, else minimal stand-ins (runtime_compat.cpp).
#pragma once

#include "runtime/tensor.h"

#if __has_include("runtime/printing.h")
#include "runtime/printing.h"
#else
namespace gbc::runtime {
std::string formatTensor(const Tensor& t);
std::string formatPythonFloat(double d);
}  // namespace gbc::runtime
#endif

#if __has_include("runtime/random.h")
#include "runtime/random.h"
#define GBC_HAVE_RUNTIME_RANDOM 1
#else
namespace gbc::runtime {
struct Generator;
Generator& defaultGenerator();
void manualSeed(uint64_t seed);
Tensor randn(Generator& g, const Shape& sizes, DType dtype);
Tensor rand(Generator& g, const Shape& sizes, DType dtype);
std::pair<Tensor, Tensor> linearInit(Generator& g, int64_t in, int64_t out, bool bias);
}  // namespace gbc::runtime
#endif
