#pragma once
/// Places each tracked beat on the attack it belongs to. aubio's beat
/// tracker works on 11.6 ms hops and predicts beats from its tempo model,
/// so its beats sit up to a few tens of ms off the hits; lights that change
/// on the hit look tighter. Each beat moves to the steepest rise of a fine
/// (1.5 ms) energy envelope within ±max_shift_s, when that rise is clearly
/// an attack; otherwise it stays. Pure; thread-safe.

#include <cstddef>
#include <vector>

namespace ls::analysis {

std::vector<double> RefineBeats(const float* samples, size_t n, int sample_rate,
                                const std::vector<double>& beats_s, double max_shift_s = 0.04);

}  // namespace ls::analysis
