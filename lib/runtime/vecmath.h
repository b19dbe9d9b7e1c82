// Internal: float math as torch's vectorised CPU kernels compute it.
#pragma once

#include <cmath>

namespace gbc::runtime::vecmath {

/// exp of one lane of torch's Vectorized<float>::exp (SLEEF expf u10).
inline float exp(float x) { return std::exp(x); }
inline double exp(double x) { return std::exp(x); }
inline float log(float x) { return std::log(x); }
inline double log(double x) { return std::log(x); }

}  // namespace gbc::runtime::vecmath
