#pragma once
/// Grades an on/off light show against the music the judge heard: do the
/// lights change on the beat (and more than chance), do they follow the
/// song's dynamics, are the channels distinct, are relays treated kindly.
/// Pure function; thread-safe.

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "judge/music_analysis.h"

namespace ls::judge {

struct MetricsConfig {
  int channels = 8;
  double beat_tolerance_s = 0.070;
  double onset_tolerance_s = 0.050;
  int null_draws = 20;    ///< random circular shifts averaged for the null
  uint32_t seed = 1;      ///< of those shifts
  double dead_low = 0.05, dead_high = 0.95;  ///< duty outside → dead channel
  double min_dwell_ms = 60.0;    ///< relay rule
  int max_toggles_per_s = 8;     ///< relay rule, per channel, any 1-s window
};

struct ShowMetrics {
  int frames = 0;
  int changes = 0;                 ///< frames i ≥ 1 whose mask differs from frame i−1
  double beat_precision = 0;       ///< changes within ±beat tolerance of a beat
  double beat_null = 0;            ///< the same for the channel-shifted null
  double beat_lift = 0;            ///< precision / null (0 when the null is 0)
  double onset_precision = 0, onset_null = 0, onset_lift = 0;
  double beat_coverage = 0;        ///< beats with a change within the tolerance
  double loudness_r = 0;           ///< Pearson r, mean lit count vs RMS dB per window
  double contrast = 0;             ///< lit fraction, loudest fifth − quietest fifth of windows
  double redundancy = 0;           ///< mean |phi| over channel pairs
  double toggles_per_s = 0;        ///< all channels together
  int dead_channels = 0;
  std::vector<double> duty;        ///< per channel
  double shortest_dwell_ms = 0;    ///< of any channel's inner runs (0: no inner run)
  int max_toggles_1s = 0;          ///< of any channel in any 1-s window
  bool relay_ok = true;
};

/// masks: one per frame (bit i = channel i), frame i starting at i·frame_period_s.
/// INVALID_ARGUMENT: no masks, period ≤ 0, bits set above `channels`, a bad
/// config, or a show whose length does not match the song (more than two
/// frames + 50 ms apart from music.duration_s).
absl::StatusOr<ShowMetrics> JudgeShow(const std::vector<uint8_t>& masks, double frame_period_s,
                                      const MusicAnalysis& music, const MetricsConfig& cfg = {});

}  // namespace ls::judge
