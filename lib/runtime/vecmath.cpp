// One lane of SLEEF's single-precision vector functions as built for AVX2 with FMA (vmla is a
// fused multiply-add there), and torch's vectorised erf. Operation order follows SLEEF's
// sleefsimdsp.c and df.h (double-float arithmetic); this file must be compiled with
// -ffp-contract=off so that only the explicit std::fma calls fuse.
#include "runtime/vecmath.h"

#include <bit>
#include <cmath>
#include <limits>

namespace gbc::runtime::vecmath {

namespace {

constexpr float kRLn2 = 1.442695040888963407359924681001892137426645954152985934135449406931f;
constexpr float kL2U = 0.693145751953125f;
constexpr float kL2L = 1.428606765330187045e-06f;
constexpr float kPiA2 = 3.1414794921875f;
constexpr float kPiB2 = 0.00011315941810607910156f;
constexpr float kPiC2 = 1.9841872589410058936e-09f;
constexpr float kTrigRangeMax2 = 125.0f;
constexpr float kInf = std::numeric_limits<float>::infinity();

GBC_LANE float fma(float a, float b, float c) { return std::fma(a, b, c); }
/// a * b - c with one rounding (vfmapn).
GBC_LANE float fmapn(float a, float b, float c) { return std::fma(a, b, -c); }
/// c - a * b with one rounding (vfmanp).
GBC_LANE float fmanp(float a, float b, float c) { return std::fma(-a, b, c); }

/// cvtps2dq: round to nearest even.
GBC_LANE int32_t rintInt(float x) {
  float r = std::nearbyint(x);
  if (!(r >= -2147483648.0f && r < 2147483648.0f)) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(r);
}

GBC_LANE float pow2i(int32_t q) {
  return std::bit_cast<float>(static_cast<uint32_t>(q + 0x7f) << 23);
}

GBC_LANE float ldexp2(float d, int32_t e) { return d * pow2i(e >> 1) * pow2i(e - (e >> 1)); }

GBC_LANE float ldexp3(float d, int32_t q) {
  return std::bit_cast<float>(std::bit_cast<uint32_t>(d) + (static_cast<uint32_t>(q) << 23));
}

GBC_LANE int32_t ilogb2k(float d) {
  return static_cast<int32_t>((std::bit_cast<uint32_t>(d) >> 23) & 0xff) - 0x7f;
}

GBC_LANE float mulsign(float x, float y) {
  return std::bit_cast<float>(std::bit_cast<uint32_t>(x) ^
                              (std::bit_cast<uint32_t>(y) & 0x80000000u));
}

// ---- df.h: double-float arithmetic (FMA variants) ----

struct F2 {
  float x, y;
};

GBC_LANE F2 dfadd2(float x, float y) {
  float rx = x + y;
  float v = rx - x;
  return {rx, (x - (rx - v)) + (y - v)};
}
GBC_LANE F2 dfadd(F2 x, float y) {
  float rx = x.x + y;
  return {rx, ((x.x - rx) + y) + x.y};
}
GBC_LANE F2 dfadd2(F2 x, float y) {
  float rx = x.x + y;
  float v = rx - x.x;
  float ry = (x.x - (rx - v)) + (y - v);
  return {rx, ry + x.y};
}
GBC_LANE F2 dfadd(float x, F2 y) {
  float rx = x + y.x;
  return {rx, ((x - rx) + y.x) + y.y};
}
GBC_LANE F2 dfadd(F2 x, F2 y) {
  float rx = x.x + y.x;
  return {rx, (((x.x - rx) + y.x) + x.y) + y.y};
}
GBC_LANE F2 dfadd2(F2 x, F2 y) {
  float rx = x.x + y.x;
  float v = rx - x.x;
  float ry = (x.x - (rx - v)) + (y.x - v);
  return {rx, ry + (x.y + y.y)};
}
GBC_LANE F2 dfneg(F2 x) { return {-x.x, -x.y}; }
GBC_LANE F2 dfscale(F2 d, float s) { return {d.x * s, d.y * s}; }
GBC_LANE F2 dfmul(F2 x, float y) {
  float rx = x.x * y;
  return {rx, fma(x.y, y, fmapn(x.x, y, rx))};
}
GBC_LANE F2 dfmul(F2 x, F2 y) {
  float rx = x.x * y.x;
  return {rx, fma(x.x, y.y, fma(x.y, y.x, fmapn(x.x, y.x, rx)))};
}
GBC_LANE F2 dfsqu(F2 x) {
  float rx = x.x * x.x;
  return {rx, fma(x.x + x.x, x.y, fmapn(x.x, x.x, rx))};
}
GBC_LANE F2 dfdiv(F2 n, F2 d) {
  float t = 1.0f / d.x;
  float qx = n.x * t;
  float u = fmapn(t, n.x, qx);
  float qy = fmanp(d.y, t, fmanp(d.x, t, 1.0f));
  qy = fma(qx, qy, fma(n.y, t, u));
  return {qx, qy};
}
GBC_LANE F2 dfrec(F2 d) {
  float qx = 1.0f / d.x;
  return {qx, qx * fmanp(d.y, qx, fmanp(d.x, qx, 1.0f))};
}

GBC_LANE F2 expk2f(F2 d) {
  float u = (d.x + d.y) * kRLn2;
  int32_t q = rintInt(u);
  auto qf = static_cast<float>(q);
  F2 s = dfadd2(d, qf * -kL2U);
  s = dfadd2(s, qf * -kL2L);
  u = +0.1980960224e-3f;
  u = fma(u, s.x, +0.1394256484e-2f);
  u = fma(u, s.x, +0.8333456703e-2f);
  u = fma(u, s.x, +0.4166637361e-1f);
  F2 t = dfadd2(dfmul(s, u), +0.166666659414234244790680580464e+0f);
  t = dfadd2(dfmul(s, t), 0.5f);
  t = dfadd2(s, dfmul(dfsqu(s), t));
  t = dfadd(1.0f, t);
  t.x = ldexp2(t.x, q);
  t.y = ldexp2(t.y, q);
  if (d.x < -104) t = {0.0f, 0.0f};
  return t;
}

/// The u35 sin/cos polynomial on the reduced argument d (sign already applied), s = d * d.
GBC_LANE float trigPoly35(float d, float s) {
  float u = 2.6083159809786593541503e-06f;
  u = fma(u, s, -0.0001981069071916863322258f);
  u = fma(u, s, 0.00833307858556509017944336f);
  u = fma(u, s, -0.166666597127914428710938f);
  return s * (u * d) + d;
}

constexpr float kPiA = 3.140625f;
constexpr float kPiB = 0.0009670257568359375f;
constexpr float kPiC = 6.2771141529083251953e-07f;
constexpr float kPiD = 1.2154201256553420762e-10f;
constexpr float kTrigRangeMax = 1e7f;

GBC_LANE float expLane(float d) {
  int32_t q = rintInt(d * kRLn2);
  auto qf = static_cast<float>(q);
  float s = fma(qf, -kL2U, d);
  s = fma(qf, -kL2L, s);
  float u = 0.000198527617612853646278381f;
  u = fma(u, s, 0.00139304355252534151077271f);
  u = fma(u, s, 0.00833336077630519866943359f);
  u = fma(u, s, 0.0416664853692054748535156f);
  u = fma(u, s, 0.166666671633720397949219f);
  u = fma(u, s, 0.5f);
  u = 1.0f + fma(s * s, u, s);
  u = ldexp2(u, q);
  if (d < -104) u = 0.0f;
  if (100 < d) u = kInf;
  return u;
}

GBC_LANE float logLane(float d) {
  const float input = d;
  const bool tiny = d < std::numeric_limits<float>::min();
  if (tiny) d = d * (static_cast<float>(int64_t{1} << 32) * static_cast<float>(int64_t{1} << 32));
  int32_t e = ilogb2k(d * (1.0f / 0.75f));
  float m = ldexp3(d, -e);
  if (tiny) e -= 64;
  F2 s = dfmul(F2{0.69314718246459960938f, -1.904654323148236017e-09f}, static_cast<float>(e));
  F2 x = dfdiv(dfadd2(-1.0f, m), dfadd2(1.0f, m));
  float x2 = x.x * x.x;
  float t = +0.3027294874e+0f;
  t = fma(t, x2, +0.3996108174e+0f);
  t = fma(t, x2, +0.6666694880e+0f);
  s = dfadd(s, dfscale(x, 2.0f));
  s = dfadd(s, (x2 * x.x) * t);
  float r = s.x + s.y;
  if (input == kInf) r = kInf;
  if (input < 0 || std::isnan(input)) r = std::numeric_limits<float>::quiet_NaN();
  if (input == 0) r = -kInf;
  return r;
}

GBC_LANE float tanhLane(float x) {
  float y = std::fabs(x);
  F2 d = expk2f(F2{y, 0.0f});
  F2 e = dfrec(d);
  d = dfdiv(dfadd(d, dfneg(e)), dfadd(d, e));
  y = d.x + d.y;
  if (std::fabs(x) > 8.664339742f || std::isnan(y)) y = 1.0f;
  y = mulsign(y, x);
  if (std::isnan(x)) y = x;
  return y;
}

GBC_LANE float sinLane(float d, int path) {
  const float r = d;
  int32_t q = rintInt(d * static_cast<float>(M_1_PI));
  auto u = static_cast<float>(q);
  if (path == 0) {
    d = fma(u, -kPiA2, d);
    d = fma(u, -kPiB2, d);
    d = fma(u, -kPiC2, d);
  } else {
    d = fma(u, -kPiA, d);
    d = fma(u, -kPiB, d);
    d = fma(u, -kPiC, d);
    d = fma(u, -kPiD, d);
  }
  const float s = d * d;
  if (q & 1) d = -d;
  float res = trigPoly35(d, s);
  if (r == 0 && std::signbit(r)) res = r;
  return res;
}

GBC_LANE float cosLane(float d, int path) {
  int32_t q = rintInt(d * static_cast<float>(M_1_PI) - 0.5f);
  q = q + q + 1;
  auto u = static_cast<float>(q);
  const float a = path == 0 ? kPiA2 : kPiA, b = path == 0 ? kPiB2 : kPiB,
              c = path == 0 ? kPiC2 : kPiC;
  d = fma(u, -a * 0.5f, d);
  d = fma(u, -b * 0.5f, d);
  d = fma(u, -c * 0.5f, d);
  if (path != 0) d = fma(u, -kPiD * 0.5f, d);
  const float s = d * d;
  if ((q & 2) == 0) d = -d;
  return trigPoly35(d, s);
}

template <typename Lane, typename Libm>
GBC_LANE void trigBlock(const float* in, float* out, int64_t n, Lane lane, Libm libm) {
  for (int64_t b = 0; b < n; b += kLanes) {
    const int64_t e = std::min<int64_t>(n, b + kLanes);
    float maxAbs = 0;
    for (int64_t i = b; i < e; ++i) maxAbs = std::fmax(maxAbs, std::fabs(in[i]));
    const int path = maxAbs < kTrigRangeMax2 ? 0 : (maxAbs < kTrigRangeMax ? 1 : 2);
    for (int64_t i = b; i < e; ++i) out[i] = path < 2 ? lane(in[i], path) : libm(in[i]);
  }
}

}  // namespace

// Exported entry points: cloned for CPUs with FMA (one instruction per std::fma) and without
// (glibc's exact software fma); both give the same bits.
GBC_FMA_CLONES float sleefExpf(float x) { return expLane(x); }
GBC_FMA_CLONES float sleefLogf(float x) { return logLane(x); }
GBC_FMA_CLONES float sleefTanhf(float x) { return tanhLane(x); }
GBC_FMA_CLONES float sleefSinf(float x, int path) { return sinLane(x, path); }
GBC_FMA_CLONES float sleefCosf(float x, int path) { return cosLane(x, path); }

GBC_FMA_CLONES void expBlock(const float* in, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = expLane(in[i]);
}
GBC_FMA_CLONES void logBlock(const float* in, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = logLane(in[i]);
}
GBC_FMA_CLONES void tanhBlock(const float* in, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = tanhLane(in[i]);
}
GBC_FMA_CLONES void sinBlock(const float* in, float* out, int64_t n) {
  trigBlock(in, out, n, sinLane, [](float v) { return std::sin(v); });
}
GBC_FMA_CLONES void cosBlock(const float* in, float* out, int64_t n) {
  trigBlock(in, out, n, cosLane, [](float v) { return std::cos(v); });
}

}  // namespace gbc::runtime::vecmath
