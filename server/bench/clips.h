#pragma once
/// Random training clips, as the peer's random_clips(): each clip picks a
/// song uniformly, then a uniform start; the label is the song's index.
/// Thread-safety: not thread-safe (advances the caller's Rng).

#include <cstddef>
#include <vector>

#include "nn/rng.h"

namespace ls::bench {

struct ClipPick {
  int song = 0;
  size_t start = 0;
};

/// `count` picks of windows of `length` from songs of the given lengths
/// (every length must be >= `length`).
std::vector<ClipPick> PickClips(const std::vector<size_t>& lengths, size_t length, int count,
                                nn::Rng& rng);

}  // namespace ls::bench
