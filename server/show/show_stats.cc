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
    bool prev = n > 0 && ((masks[0] >> c) & 1u) != 0;
    // A plain scalar loop: gcc 12 at -O2 -march=x86-64-v3 miscompiled a
    // version that re-read masks[i - 1] (it counted toggles that are not there).
    for (int i = 0; i < n; ++i) {
      const bool s = ((masks[i] >> c) & 1u) != 0;
      on += s ? 1 : 0;
      if (i == 0 || s == prev) continue;
      // A run bounded by toggles on both sides (not the song's first run).
      if (toggles > 0) {
        const int run = i - run_start;
        shortest = shortest == 0 ? run : std::min(shortest, run);
      }
      ++toggles;
      run_start = i;
      prev = s;
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
