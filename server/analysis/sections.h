#pragma once
/// Section boundaries by novelty on a self-similarity matrix (Foote 2000):
/// the song's timbre in half-second blocks, compared block by block; a
/// checkerboard kernel sliding along the diagonal peaks where what came
/// before differs from what follows (verse → chorus). No library in Debian
/// does this for C/C++ (aubio has none), hence our own. Pure; thread-safe.

#include <vector>

#include "dsp/stft.h"

namespace ls::analysis {

struct SectionConfig {
  double block_s = 0.5;
  double kernel_s = 8.0;       ///< half width of the checkerboard kernel
  double min_section_s = 12.0;
  double threshold_sigma = 0.5;  ///< a peak must exceed mean + this · σ of the novelty
  double min_novelty = 0.2;      ///< and this much (0..1): a steady song stays one section
};

/// Novelty per block (for plots and tests) and the boundaries in seconds.
struct Sections {
  std::vector<float> novelty;
  double block_s = 0;
  std::vector<double> boundaries_s;
};

/// `spec`: the song's log features (frames × 513) at `frame_period_s`.
Sections FindSections(const dsp::Spectrogram& spec, double frame_period_s,
                      const SectionConfig& cfg = {});

}  // namespace ls::analysis
