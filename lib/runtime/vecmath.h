// Internal: float32 math exactly as torch's vectorised CPU kernels compute it. torch's
// Vectorized<float> calls SLEEF (expf/logf/sinf/cosf/tanhf, the 1-ulp variants, FMA builds) and
// its own erf polynomial; these functions reproduce one vector lane operation by operation, so
// results match torch bit for bit where glibc's correctly rounded functions would not. (An
// Abramowitz-Stegun erf for GELU and softmax's exp_u20 were tried: 2.14 computes neither.)
#pragma once

#include <cmath>
#include <cstdint>

/// Clones a function for CPUs with FMA and without (runtime dispatch; no -march needed).
#define GBC_FMA_CLONES __attribute__((target_clones("fma", "default")))
/// Forces a helper inline so it is compiled for each clone's target.
#define GBC_LANE [[gnu::always_inline]] inline

namespace gbc::runtime::vecmath {

float sleefExpf(float x);   ///< Sleef_expf8_u10
float sleefLogf(float x);   ///< Sleef_logf8_u10
float sleefTanhf(float x);  ///< Sleef_tanhf8_u10
/// Sleef_sinf8_u35 / cosf8_u35 (what torch's sin/cos give). SLEEF picks the argument
/// reduction per vector: 3-part Cody-Waite when every lane is below 125, 4-part below 1e7,
/// else Payne-Hanek (not reproduced: such blocks fall back to glibc; see sinBlock/cosBlock).
float sleefSinf(float x, int path);
float sleefCosf(float x, int path);

/// out[i] = f(in[i]) for n contiguous values (in == out allowed). sin/cos choose SLEEF's
/// reduction per block of kLanes, the way vec::map feeds a vector kernel.
void expBlock(const float* in, float* out, int64_t n);
void logBlock(const float* in, float* out, int64_t n);
void tanhBlock(const float* in, float* out, int64_t n);
void sinBlock(const float* in, float* out, int64_t n);
void cosBlock(const float* in, float* out, int64_t n);

/// Lanes of the vector type torch's AVX2 kernels use for float.
inline constexpr int kLanes = 8;

/// exp / log as the vectorised kernels compute them (float: SLEEF; double: libm).
inline float exp(float x) { return sleefExpf(x); }
inline double exp(double x) { return std::exp(x); }
inline float log(float x) { return sleefLogf(x); }
inline double log(double x) { return std::log(x); }

}  // namespace gbc::runtime::vecmath
