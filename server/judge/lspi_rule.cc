#include "judge/lspi_rule.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "judge/power_frames.h"

namespace ls::judge {

absl::StatusOr<std::vector<uint8_t>> LspiShow(const float* samples, size_t n, int sample_rate,
                                              const LspiConfig& cfg) {
  if (sample_rate < 8000 || sample_rate > 192000) {
    return absl::InvalidArgumentError(absl::StrCat("sample_rate: must be 8000..192000, got ", sample_rate));
  }
  const double high = std::min(cfg.high_hz, sample_rate / 2.0);
  if (!(cfg.low_hz > 0 && cfg.low_hz < high)) {
    return absl::InvalidArgumentError(absl::StrCat("low_hz/high_hz: need 0 < low < high (≤ Nyquist), got ",
                                                   cfg.low_hz, " and ", high));
  }
  auto pf = ComputePowerFrames(samples, n, cfg.frame_size, cfg.frame_size, /*centered=*/false);
  if (!pf.ok()) return pf.status();
  constexpr int kBands = 8;
  // Bin ranges of the log-spaced bands; each band keeps at least one bin.
  const double bin_hz = static_cast<double>(sample_rate) / cfg.frame_size;
  int first[kBands], end[kBands];
  for (int b = 0; b < kBands; ++b) {
    const double f0 = cfg.low_hz * std::pow(high / cfg.low_hz, double(b) / kBands);
    const double f1 = cfg.low_hz * std::pow(high / cfg.low_hz, double(b + 1) / kBands);
    first[b] = std::clamp(static_cast<int>(std::ceil(f0 / bin_hz)), 1, pf->bins - 1);
    end[b] = std::clamp(static_cast<int>(std::ceil(f1 / bin_hz)), first[b] + 1, pf->bins);
  }
  const int T = pf->frames;
  std::vector<double> level(static_cast<size_t>(T) * kBands);
  for (int t = 0; t < T; ++t) {
    const float* p = pf->row(t);
    for (int b = 0; b < kBands; ++b) {
      double s = 0;
      for (int k = first[b]; k < end[b]; ++k) s += p[k];
      level[static_cast<size_t>(t) * kBands + b] = std::log10(s + 1e-12);
    }
  }
  std::vector<uint8_t> masks(T, 0);
  for (int b = 0; b < kBands; ++b) {
    double mean = 0, var = 0;
    for (int t = 0; t < T; ++t) mean += level[static_cast<size_t>(t) * kBands + b];
    mean /= T;
    for (int t = 0; t < T; ++t) var += std::pow(level[static_cast<size_t>(t) * kBands + b] - mean, 2);
    const double sd = std::sqrt(var / T);
    if (sd < 1e-6) continue;  // nothing moves in this band: dark
    for (int t = 0; t < T; ++t) {
      const double v = (level[static_cast<size_t>(t) * kBands + b] - mean + 0.5 * sd) / (1.25 * sd);
      if (v > 0.5) masks[t] |= static_cast<uint8_t>(1u << b);
    }
  }
  return masks;
}

}  // namespace ls::judge
