#pragma once
/// Per-channel statistics of a rendered show (what `lsctl report` prints and
/// the relay rules are checked against). Pure functions; thread-safe.

#include <cstdint>
#include <vector>

namespace ls::show {

struct ChannelStats {
  double duty = 0;               ///< fraction of frames on
  double toggles_per_s = 0;      ///< state changes per second of show
  double shortest_dwell_ms = 0;  ///< shortest run between two toggles; 0 = < 2 toggles
  bool dead = false;             ///< duty < 5 % or > 95 %
};

/// Stats of channels [0, channels) over the first `frames` masks (all when < 0).
std::vector<ChannelStats> ComputeChannelStats(const std::vector<uint8_t>& masks, int channels,
                                              double frame_period_s, int frames = -1);

}  // namespace ls::show
