#include "show/show_stats.h"

#include <algorithm>

namespace ls::show {

std::vector<ChannelStats> ComputeChannelStats(const std::vector<uint8_t>& masks, int channels,
                                              double frame_period_s, int frames) {
  const int n = frames < 0 ? static_cast<int>(masks.size())
                           : std::min<int>(frames, static_cast<int>(masks.size()));
  std::vector<ChannelStats> out(channels);
  for (int c = 0; c < channels; ++c) {
    int on = 0, toggles = 0, shortest = 0, run_start = 0;
    for (int i = 0; i < n; ++i) {
      const bool s = (masks[i] >> c) & 1;
      on += s;
      if (i > 0 && s != static_cast<bool>((masks[i - 1] >> c) & 1)) {
        // A run bounded by toggles on both sides (not the song's first run).
        if (toggles > 0) {
          const int run = i - run_start;
          shortest = shortest == 0 ? run : std::min(shortest, run);
        }
        ++toggles;
        run_start = i;
      }
    }
    ChannelStats& st = out[c];
    st.duty = n > 0 ? static_cast<double>(on) / n : 0;
    st.toggles_per_s = n > 0 ? toggles / (n * frame_period_s) : 0;
    st.shortest_dwell_ms = shortest * frame_period_s * 1000.0;
    st.dead = st.duty < 0.05 || st.duty > 0.95;
  }
  return out;
}

}  // namespace ls::show
