#include "dsp/kernels.h"

#include <cmath>
#include <cstdint>
#include <cstring>

// Runtime dispatch between instruction sets without -march flags, so one
// binary runs anywhere and still uses the wide units where they exist.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#define LS_VECTOR_CLONES \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define LS_VECTOR_CLONES
#endif

namespace ls::dsp::kernels {
namespace {

// log1p for x >= 0 without a libm call, so the loop vectorizes: Cephes logf
// on the mantissa of u = 1+x in [√½, √2), plus the exponent·ln2, plus the
// first-order correction for what rounding 1+x lost (keeps tiny x exact).
inline float Log1p(float x) {
  const float u = 1.0f + x;
  int32_t bits;
  std::memcpy(&bits, &u, sizeof bits);
  const int32_t e = (bits - 0x3f3504f3) >> 23;  // 0x3f3504f3 = √½
  const int32_t mbits = bits - (e << 23);
  float m;
  std::memcpy(&m, &mbits, sizeof m);
  const float f = m - 1.0f, z = f * f;
  float p = 7.0376836292e-2f;
  p = p * f - 1.1514610310e-1f;
  p = p * f + 1.1676998740e-1f;
  p = p * f - 1.2420140846e-1f;
  p = p * f + 1.4249322787e-1f;
  p = p * f - 1.6668057665e-1f;
  p = p * f + 2.0000714765e-1f;
  p = p * f - 2.4999993993e-1f;
  p = p * f + 3.3333331174e-1f;
  const float fe = static_cast<float>(e);
  const float y = f * z * p - 0.5f * z + fe * -2.12194440e-4f;
  const float lost = (x - (u - 1.0f)) / u;
  return f + y + fe * 0.693359375f + lost;
}

}  // namespace

LS_VECTOR_CLONES
void Multiply(const float* src, const float* w, float* dst, size_t n) {
  for (size_t i = 0; i < n; ++i) dst[i] = src[i] * w[i];
}

LS_VECTOR_CLONES
void ComplexAbs(const float* c, float* out, size_t bins) {
  for (size_t k = 0; k < bins; ++k) {
    const float re = c[2 * k], im = c[2 * k + 1];
    out[k] = std::sqrt(re * re + im * im);
  }
}

namespace {
// Negative inputs count as 0: the sign bit clears the value (integer ops,
// because a float compare here would block vectorization).
inline float NonNegative(float v) {
  int32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  bits &= ~(bits >> 31);
  std::memcpy(&v, &bits, sizeof v);
  return v;
}
}  // namespace

LS_VECTOR_CLONES
void Log1pMinMax(float* v, size_t n, float* lo, float* hi) {
  // Lane-wise running min/max (a plain reduction would not vectorize under
  // strict IEEE rules).
  constexpr size_t kLanes = 16;
  float l[kLanes], h[kLanes];
  for (size_t j = 0; j < kLanes; ++j) l[j] = INFINITY, h[j] = -INFINITY;
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (size_t j = 0; j < kLanes; ++j) {
      const float y = Log1p(NonNegative(v[i + j]));
      v[i + j] = y;
      l[j] = y < l[j] ? y : l[j];
      h[j] = y > h[j] ? y : h[j];
    }
  }
  for (; i < n; ++i) {
    const float y = Log1p(NonNegative(v[i]));
    v[i] = y;
    l[0] = y < l[0] ? y : l[0];
    h[0] = y > h[0] ? y : h[0];
  }
  float mn = l[0], mx = h[0];
  for (size_t j = 1; j < kLanes; ++j) {
    mn = l[j] < mn ? l[j] : mn;
    mx = h[j] > mx ? h[j] : mx;
  }
  *lo = mn;
  *hi = mx;
}

LS_VECTOR_CLONES
void Normalize(float* v, size_t n, float lo, float scale) {
  for (size_t i = 0; i < n; ++i) v[i] = (v[i] - lo) * scale;
}

}  // namespace ls::dsp::kernels
