#include "bench/clips.h"

namespace ls::bench {

std::vector<ClipPick> PickClips(const std::vector<size_t>& lengths, size_t length, int count,
                                nn::Rng& rng) {
  std::vector<ClipPick> picks(static_cast<size_t>(count));
  for (auto& p : picks) {
    p.song = static_cast<int>(rng.Next() % lengths.size());
    p.start = static_cast<size_t>(rng.Next() % (lengths[p.song] - length + 1));
  }
  return picks;
}

}  // namespace ls::bench
