#pragma once
/// The show report of one song (`lsctl report`): per-channel duty, toggles/s,
/// shortest dwell and dead channels of its current show; for a learned show
/// the model's reconstruction MSE on the song next to the PCA baseline's;
/// where the dark end starts; per-frame loudness for the plot.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/music_analysis.h"
#include "show/show_stats.h"

namespace ls::learn {

/// How the show follows the music, graded by the independent judge (see
/// docs/show-quality.md for the definitions).
struct ShowQuality {
  double judge_bpm = 0;        ///< the judge's own tempo for the song
  double beat_precision = 0;   ///< light changes within ±70 ms of a beat
  double beat_null = 0;        ///< the same for the channel-shifted null show
  double beat_lift = 0;
  double onset_lift = 0;       ///< ±50 ms of an onset, over the null
  double beat_coverage = 0;    ///< beats with a change within ±70 ms
  double loudness_r = 0;       ///< lit count vs RMS dB, 0.5-s windows
  double contrast = 0;         ///< lit fraction, loudest − quietest fifth
  double redundancy = 0;       ///< mean |phi| over channel pairs
  double toggles_per_s = 0;    ///< all channels together
  bool relay_ok = true;        ///< dwell ≥ 60 ms and ≤ 8 toggles/s per channel
};

struct ShowReport {
  std::string song_id, song_name, show_id, renderer, profile = "relay";
  std::vector<show::ChannelStats> channels;
  double model_mse = 0, pca_mse = 0;  ///< 0 for band shows
  double dark_start_s = 0, duration_s = 0;
  int64_t frame_period_ns = 0;
  std::string masks;
  std::vector<float> loudness_db;     ///< per show frame
  int dead_channels = 0;
  double min_dwell_ms = 0;            ///< the profile's dwell (learned shows)
  std::optional<analysis::MusicAnalysis> music;  ///< unset until the song is analysed
  std::optional<ShowQuality> quality;            ///< unset when the song could not be graded
};

}  // namespace ls::learn
