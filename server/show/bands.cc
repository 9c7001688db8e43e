#include <algorithm>
#include <cmath>

#include "show/band_renderer.h"

namespace ls::show {

std::vector<BinRange> BandBins(const BandConfig& cfg, int bins) {
  std::vector<BinRange> out(kChannels);
  const double bin_hz = double(cfg.sample_rate) / (2.0 * (bins - 1));
  const double ratio = std::pow(cfg.high_hz / cfg.low_hz, 1.0 / kChannels);
  int prev_end = 1;  // bin 0 (DC) belongs to no band
  for (int c = 0; c < kChannels; ++c) {
    double lo = cfg.low_hz * std::pow(ratio, c), hi = lo * ratio;
    int first = std::max(prev_end, static_cast<int>(std::ceil(lo / bin_hz)));
    int end = static_cast<int>(std::ceil(hi / bin_hz));
    // Low bands are narrower than a bin: give each at least one bin of its own.
    end = std::min(bins, std::max(end, first + 1));
    first = std::min(first, end - 1);
    out[c] = {first, end};
    prev_end = end;
  }
  return out;
}

std::vector<float> BandEnergies(const dsp::Spectrogram& spec, const BandConfig& cfg) {
  std::vector<float> e(static_cast<size_t>(spec.frames) * kChannels, 0.0f);
  if (spec.bins < kChannels + 1) return e;
  const std::vector<BinRange> bands = BandBins(cfg, spec.bins);
  for (int f = 0; f < spec.frames; ++f) {
    const float* row = spec.row(f);
    for (int c = 0; c < kChannels; ++c) {
      double sum = 0.0;
      for (int k = bands[c].first; k < bands[c].end; ++k) sum += row[k];
      e[static_cast<size_t>(f) * kChannels + c] = static_cast<float>(sum / (bands[c].end - bands[c].first));
    }
  }
  return e;
}

std::vector<float> BandLevels(const dsp::Spectrogram& spec, const BandConfig& cfg) {
  std::vector<float> level(static_cast<size_t>(spec.frames) * kChannels, 0.0f);
  if (spec.bins < kChannels + 1) return level;
  const std::vector<BinRange> bands = BandBins(cfg, spec.bins);
  std::vector<double> power(level.size());
  double peak = 0.0;
  for (int f = 0; f < spec.frames; ++f) {
    const float* row = spec.row(f);
    for (int c = 0; c < kChannels; ++c) {
      double p = 0.0;
      for (int k = bands[c].first; k < bands[c].end; ++k) p += double(row[k]) * row[k];
      power[static_cast<size_t>(f) * kChannels + c] = p;
      peak = std::max(peak, p);
    }
  }
  if (!(peak > 0.0)) return level;  // silence
  const double floor = peak * std::pow(10.0, -cfg.range_db / 10.0);
  for (size_t i = 0; i < level.size(); ++i) {
    level[i] = static_cast<float>(10.0 * std::log10(std::max(power[i], floor) / peak));
  }
  return level;
}

}  // namespace ls::show
