#include "show/band_renderer.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace ls::show {
namespace {

// Below this overall band-energy range (log1p domain) the song counts as
// silent and the show stays dark.
constexpr double kSilentRange = 1e-6;

}  // namespace

absl::Status ValidateBandConfig(const BandConfig& cfg) {
  if (cfg.sample_rate <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("sample_rate must be > 0, got ", cfg.sample_rate));
  }
  if (!(cfg.low_hz > 0.0)) {
    return absl::InvalidArgumentError(absl::StrCat("low_hz must be > 0, got ", cfg.low_hz));
  }
  if (!(cfg.high_hz > cfg.low_hz) || cfg.high_hz > cfg.sample_rate / 2.0) {
    return absl::InvalidArgumentError(absl::StrCat("high_hz must be in (low_hz=", cfg.low_hz,
                                                   ", ", cfg.sample_rate / 2.0, "], got ",
                                                   cfg.high_hz));
  }
  if (!std::isfinite(cfg.on_sigma) || !std::isfinite(cfg.off_sigma) ||
      cfg.off_sigma > cfg.on_sigma) {
    return absl::InvalidArgumentError(absl::StrCat("need off_sigma <= on_sigma, got on_sigma=",
                                                   cfg.on_sigma, " off_sigma=", cfg.off_sigma));
  }
  if (cfg.min_dwell_frames < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("min_dwell_frames must be >= 1, got ", cfg.min_dwell_frames));
  }
  if (!(cfg.sigma_floor >= 0.0)) {
    return absl::InvalidArgumentError(absl::StrCat("sigma_floor must be >= 0, got ", cfg.sigma_floor));
  }
  return absl::OkStatus();
}

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

absl::StatusOr<std::vector<uint8_t>> RenderBands(const dsp::Spectrogram& spec,
                                                 const BandConfig& cfg) {
  if (absl::Status st = ValidateBandConfig(cfg); !st.ok()) return st;
  if (spec.frames < 0 || spec.bins < kChannels + 1 ||
      spec.data.size() != static_cast<size_t>(spec.frames) * spec.bins) {
    return absl::InvalidArgumentError(absl::StrCat("spectrogram shape is inconsistent: ",
                                                   spec.frames, " frames × ", spec.bins,
                                                   " bins but ", spec.data.size(), " values"));
  }
  const int frames = spec.frames;
  std::vector<uint8_t> masks(static_cast<size_t>(frames), 0);
  if (frames == 0) return masks;

  // log1p compresses magnitudes so loud bass does not set the scale for every
  // band; on [0,1] log features it is nearly the identity.
  std::vector<float> e = BandEnergies(spec, cfg);
  for (float& v : e) v = std::log1p(std::max(0.0f, v));
  const auto [lo_it, hi_it] = std::minmax_element(e.begin(), e.end());
  const double range = double(*hi_it) - double(*lo_it);
  if (range < kSilentRange) return masks;  // silence: all dark
  const double floor = cfg.sigma_floor * range;

  for (int c = 0; c < kChannels; ++c) {
    double sum = 0.0, sq = 0.0;
    for (int f = 0; f < frames; ++f) sum += e[static_cast<size_t>(f) * kChannels + c];
    const double mean = sum / frames;
    for (int f = 0; f < frames; ++f) {
      double d = e[static_cast<size_t>(f) * kChannels + c] - mean;
      sq += d * d;
    }
    const double sigma = std::max(std::sqrt(sq / frames), floor);
    const double on_at = mean + cfg.on_sigma * sigma, off_at = mean + cfg.off_sigma * sigma;

    bool on = false;
    int held = cfg.min_dwell_frames;  // the first frame may switch at once
    for (int f = 0; f < frames; ++f) {
      const double v = e[static_cast<size_t>(f) * kChannels + c];
      const bool want = on ? v >= off_at : v > on_at;  // hysteresis
      if (want != on && held >= cfg.min_dwell_frames) {
        on = want;
        held = 0;
      }
      ++held;
      if (on) masks[static_cast<size_t>(f)] |= static_cast<uint8_t>(1u << c);
    }
  }
  return masks;
}

}  // namespace ls::show
