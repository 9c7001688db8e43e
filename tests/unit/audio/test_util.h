#pragma once
// Helpers shared by the audio tests.

#include <cmath>
#include <cstddef>
#include <vector>

namespace ls::audio::testing {

/// Frequency of a clean tone from its zero crossings, over the middle half
/// (skips codec start-up and resampler edges).
inline double ZeroCrossingHz(const std::vector<float>& x, int rate) {
  size_t a = x.size() / 4, b = 3 * x.size() / 4, crossings = 0;
  for (size_t i = a + 1; i < b; ++i) crossings += (x[i - 1] < 0) != (x[i] < 0);
  return crossings / 2.0 / (double(b - a) / rate);
}

inline double Rms(const std::vector<float>& x) {
  double s = 0;
  for (float v : x) s += double(v) * v;
  return x.empty() ? 0.0 : std::sqrt(s / x.size());
}

}  // namespace ls::audio::testing
