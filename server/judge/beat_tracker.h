#pragma once
/// Beat tracking by dynamic programming (Ellis 2007, as in librosa's
/// beat_track): a global tempo from the onset envelope's autocorrelation
/// weighted by a log-Gaussian around 120 BPM, then the best beat sequence
/// under "onset strength at each beat − tightness · log²(interval / period)",
/// backtraced from the last strong beat, weak leading/trailing beats trimmed.
/// Pure functions; thread-safe.

#include <vector>

#include "absl/status/statusor.h"
#include "judge/onset_envelope.h"

namespace ls::judge {

struct BeatConfig {
  double start_bpm = 120.0;   ///< centre of the tempo prior
  double std_octaves = 1.0;   ///< width of the log-Gaussian prior
  double min_bpm = 30.0;
  double max_bpm = 320.0;
  double tightness = 100.0;   ///< penalty weight on deviations from the period
  double acf_window_s = 8.0;  ///< autocorrelation windows, averaged over the song
  bool trim = true;           ///< drop weak beats at the start and end
};

struct Beats {
  std::vector<double> times_s;  ///< ascending
  double bpm = 0;               ///< global tempo (0 when there is no onset at all)
};

/// Global tempo (BPM) of an envelope; 0 for an all-zero envelope.
/// INVALID_ARGUMENT for an empty envelope or a bad config.
absl::StatusOr<double> EstimateTempo(const OnsetEnvelope& env, const BeatConfig& cfg = {});

/// Beats of an envelope (none for silence). INVALID_ARGUMENT as EstimateTempo.
absl::StatusOr<Beats> TrackBeats(const OnsetEnvelope& env, const BeatConfig& cfg = {});

}  // namespace ls::judge
