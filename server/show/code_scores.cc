#include "show/code_scores.h"

#include <algorithm>
#include <cmath>

#include "show/band_renderer.h"

namespace ls::show {

std::vector<float> CodeScores(const std::vector<float>& in, int k, int lit, const dsp::Spectrogram& spec,
                              int sample_rate, int* channels_out) {
  const int frames = spec.frames;
  const int channels = std::min(k, kChannels);
  *channels_out = channels;
  std::vector<float> codes(static_cast<size_t>(frames) * channels);
  for (int f = 0; f < frames; ++f) {
    std::copy_n(in.begin() + size_t(f) * k, channels, codes.begin() + size_t(f) * channels);
  }
  lit = std::clamp(lit, 0, frames);
  std::vector<float> bands;
  for (int c = 0; c < channels; ++c) {
    float lo = 0, hi = 0;
    for (int f = 0; f < lit; ++f) {
      const float v = codes[size_t(f) * channels + c];
      lo = f == 0 ? v : std::min(lo, v);
      hi = f == 0 ? v : std::max(hi, v);
    }
    if (hi - lo > 1e-5f * (1.0f + std::abs(hi))) continue;
    if (bands.empty()) {
      BandConfig cfg;
      cfg.sample_rate = sample_rate;
      bands = BandEnergies(spec, cfg);
    }
    for (int f = 0; f < frames; ++f) codes[size_t(f) * channels + c] = bands[size_t(f) * kChannels + c];
  }
  return codes;
}

}  // namespace ls::show
