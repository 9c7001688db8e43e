#pragma once
/// Onset strength as mel-band log-power spectral flux (half-wave rectified,
/// mean over bands) on the judge's own frames, and onsets peak-picked from
/// it with their strengths. Independent of the renderers' analysis.
/// Pure functions; thread-safe.

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::judge {

struct OnsetConfig {
  double window_s = 0.023;  ///< analysis window; rounded to a power of two in samples
  int hops_per_window = 4;  ///< hop = window / 4 (≈ 5.8 ms at 44.1 kHz)
  int mel_bands = 40;
  double fmin_hz = 30.0;
  double fmax_hz = 11000.0;  ///< clamped to the Nyquist frequency
  double top_db = 80.0;      ///< band levels floored at the song's maximum − top_db
  int lag = 1;               ///< flux compares frame t with frame t − lag
};

/// One strength per hop; strength[t] belongs to time t·hop_s (+ offset_s).
struct OnsetEnvelope {
  std::vector<float> strength;
  double hop_s = 0;
  /// Where frame 0 lies in the song: log flux rises as a note enters the
  /// window, before the window's centre reaches it; this shift (measured on
  /// clicks and drums) moves the peaks onto the attacks.
  double offset_s = 0;
  double TimeOf(double frame) const { return offset_s + frame * hop_s; }
};

/// INVALID_ARGUMENT: no samples, sample rate outside 8000..192000, or a bad config
/// (the message names the field and value). Silence gives an all-zero envelope.
absl::StatusOr<OnsetEnvelope> ComputeOnsetEnvelope(const float* samples, size_t n, int sample_rate,
                                                   const OnsetConfig& cfg = {});

struct Onset {
  double time_s = 0;
  float strength = 0;  ///< envelope value at the peak, normalised to [0,1] over the song
};

/// Peaks of the envelope normalised to [0,1]: the maximum of the last
/// pre_max_s and the next frame, above the mean of ±avg_s by delta, at
/// least wait_s after the previous onset (the usual onset-detection rule).
struct PeakConfig {
  double pre_max_s = 0.03;
  double avg_s = 0.10;
  double delta = 0.07;
  double wait_s = 0.03;
};
std::vector<Onset> PickOnsets(const OnsetEnvelope& env, const PeakConfig& cfg = {});

}  // namespace ls::judge
