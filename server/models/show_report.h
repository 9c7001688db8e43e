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

namespace ls::models {

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
};

}  // namespace ls::models
