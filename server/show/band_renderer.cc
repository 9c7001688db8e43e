#include "show/band_renderer.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace ls::show {
namespace {

// Below this overall band-level range (dB) nothing in the song changes and
// the show stays dark.
constexpr double kSilentRange = 1e-3;

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
  if (!(cfg.range_db > 0.0) || cfg.range_db > 200.0) {
    return absl::InvalidArgumentError(absl::StrCat("range_db must be in (0, 200], got ", cfg.range_db));
  }
  if (!(cfg.sigma_floor >= 0.0)) {
    return absl::InvalidArgumentError(absl::StrCat("sigma_floor must be >= 0, got ", cfg.sigma_floor));
  }
  return absl::OkStatus();
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

  std::vector<float> e = BandLevels(spec, cfg);
  const auto [lo_it, hi_it] = std::minmax_element(e.begin(), e.end());
  const double range = double(*hi_it) - double(*lo_it);
  if (range < kSilentRange) return masks;  // silence or nothing moves: all dark
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
