#pragma once
/// One pass of aubio over a song: its beat tracker and its onset detector
/// read the same hops. Internal to the analysis module. Thread-safe (each
/// call owns its aubio objects).

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "analysis/music_analysis.h"

namespace ls::analysis {

struct AubioResult {
  std::vector<double> beats_s;      ///< as aubio reported them (causal: none while locking on)
  std::vector<float> confidences;   ///< aubio's tempo confidence at each beat
  std::vector<Onset> onsets;
};

absl::StatusOr<AubioResult> RunAubio(const float* samples, size_t n, int sample_rate, int window,
                                     int hop);

}  // namespace ls::analysis
