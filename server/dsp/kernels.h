#pragma once
/// The inner loops of the STFT and the features, written so the compiler
/// vectorizes them; on x86-64 (GCC) each has AVX-512, AVX2 and baseline
/// clones picked at load time. Internal to ls::dsp. Pure; thread-safe.

#include <cstddef>

namespace ls::dsp::kernels {

/// dst[i] = src[i] · w[i] for i < n.
void Multiply(const float* src, const float* w, float* dst, size_t n);

/// out[k] = |c[k]| for `bins` interleaved complex values (re, im).
void ComplexAbs(const float* c, float* out, size_t bins);

/// v[i] = log1p(max(v[i], 0)) in place (relative error ≤ 2e-7);
/// returns the min and max of the results through lo and hi.
void Log1pMinMax(float* v, size_t n, float* lo, float* hi);

/// v[i] = (v[i] - lo) · scale.
void Normalize(float* v, size_t n, float lo, float scale);

}  // namespace ls::dsp::kernels
