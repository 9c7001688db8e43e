#pragma once
/// Loudness envelope: RMS in dB over consecutive windows (0.5 s by default).
/// Pure function; thread-safe.

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::judge {

struct Loudness {
  double window_s = 0.5;
  std::vector<float> db;  ///< window w covers [w·window_s, (w+1)·window_s); floored at −120 dB
};

/// Whole windows only; a song shorter than one window gets one window over
/// all its samples. INVALID_ARGUMENT: no samples, sample rate ≤ 0, window ≤ 0.
absl::StatusOr<Loudness> RmsLoudness(const float* samples, size_t n, int sample_rate,
                                     double window_s = 0.5);

}  // namespace ls::judge
