#pragma once
/// What the judge hears in a song: its beats and tempo, onsets with
/// strengths and a loudness envelope, all from the judge's own code.
/// Pure function; thread-safe.

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "judge/beat_tracker.h"
#include "judge/loudness.h"
#include "judge/onset_envelope.h"

namespace ls::judge {

struct MusicAnalysis {
  double duration_s = 0;
  Beats beats;
  std::vector<Onset> onsets;
  Loudness loudness;
};

/// Mono samples at `sample_rate`. INVALID_ARGUMENT: no samples, sample rate
/// outside 8000..192000.
absl::StatusOr<MusicAnalysis> AnalyzeMusic(const float* samples, size_t n, int sample_rate);

}  // namespace ls::judge
