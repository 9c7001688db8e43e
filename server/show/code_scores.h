#pragma once
/// A model's per-frame code as the scores that decide which lights are lit:
/// the first 8 code units (one per light); a unit that does not move on this
/// song would be a dead light, so its channel follows its frequency band
/// instead. Pure; thread-safe.

#include <vector>

#include "dsp/stft.h"

namespace ls::show {

/// codes: frames × code_size (row-major) for `spec`; lit: frames before the
/// dark end. Returns frames × min(code_size, 8), and that channel count.
std::vector<float> CodeScores(const std::vector<float>& codes, int code_size, int lit,
                              const dsp::Spectrogram& spec, int sample_rate, int* channels);

}  // namespace ls::show
