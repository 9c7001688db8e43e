#include "judge/show_metrics.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "absl/strings/str_cat.h"
#include "judge/metric_parts.h"

namespace ls::judge {
namespace {

absl::Status Validate(const std::vector<uint8_t>& masks, double period, const MusicAnalysis& music,
                      const MetricsConfig& c) {
  if (masks.empty()) return absl::InvalidArgumentError("masks: the show has no frames");
  if (!(period > 0)) return absl::InvalidArgumentError(absl::StrCat("frame_period_s: must be > 0, got ", period));
  if (c.channels < 1 || c.channels > 8) {
    return absl::InvalidArgumentError(absl::StrCat("channels: must be 1..8, got ", c.channels));
  }
  if (!(c.beat_tolerance_s > 0) || !(c.onset_tolerance_s > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("tolerances: must be > 0, got ", c.beat_tolerance_s,
                                                   " and ", c.onset_tolerance_s));
  }
  if (c.null_draws < 1) return absl::InvalidArgumentError(absl::StrCat("null_draws: ", c.null_draws));
  if (c.channels < 8) {
    const uint8_t extra = static_cast<uint8_t>(0xFF << c.channels);
    for (size_t i = 0; i < masks.size(); ++i) {
      if (masks[i] & extra) {
        return absl::InvalidArgumentError(absl::StrCat("masks: frame ", i, " has mask 0x", absl::Hex(masks[i]),
                                                       " with bits above channel ", c.channels - 1));
      }
    }
  }
  const double show_s = masks.size() * period;
  if (!(music.duration_s > 0)) return absl::InvalidArgumentError("music: duration is 0");
  if (std::abs(show_s - music.duration_s) > 2 * period + 0.05) {
    return absl::InvalidArgumentError(absl::StrCat("masks: ", masks.size(), " frames of ", period,
                                                   " s = ", show_s, " s do not match the song's ",
                                                   music.duration_s, " s"));
  }
  return absl::OkStatus();
}

// Each channel's bit sequence rotated by its own offset: same duty, toggle
// rate and dwell, alignment to the music gone.
std::vector<uint8_t> ShiftChannels(const std::vector<uint8_t>& masks, int channels, std::mt19937& rng) {
  const size_t n = masks.size();
  std::vector<uint8_t> out(n, 0);
  std::uniform_int_distribution<size_t> pick(0, n - 1);
  for (int c = 0; c < channels; ++c) {
    const size_t off = pick(rng);
    const uint8_t bit = static_cast<uint8_t>(1u << c);
    for (size_t i = 0; i < n; ++i) out[i] |= masks[(i + off) % n] & bit;
  }
  return out;
}

}  // namespace

absl::StatusOr<ShowMetrics> JudgeShow(const std::vector<uint8_t>& masks, double period,
                                      const MusicAnalysis& music, const MetricsConfig& cfg) {
  if (auto st = Validate(masks, period, music, cfg); !st.ok()) return st;
  ShowMetrics m;
  m.frames = static_cast<int>(masks.size());
  std::vector<double> onsets;
  for (const Onset& o : music.onsets) onsets.push_back(o.time_s);
  const std::vector<double>& beats = music.beats.times_s;

  const std::vector<double> changes = internal::ChangeTimes(masks, period);
  m.changes = static_cast<int>(changes.size());
  m.beat_precision = internal::FractionNear(changes, beats, cfg.beat_tolerance_s);
  m.onset_precision = internal::FractionNear(changes, onsets, cfg.onset_tolerance_s);
  m.beat_coverage = internal::FractionNear(beats, changes, cfg.beat_tolerance_s);

  std::mt19937 rng(cfg.seed);
  for (int d = 0; d < cfg.null_draws; ++d) {
    const std::vector<double> shifted = internal::ChangeTimes(ShiftChannels(masks, cfg.channels, rng), period);
    m.beat_null += internal::FractionNear(shifted, beats, cfg.beat_tolerance_s) / cfg.null_draws;
    m.onset_null += internal::FractionNear(shifted, onsets, cfg.onset_tolerance_s) / cfg.null_draws;
  }
  m.beat_lift = m.beat_null > 0 ? m.beat_precision / m.beat_null : 0;
  m.onset_lift = m.onset_null > 0 ? m.onset_precision / m.onset_null : 0;

  internal::DynamicsMetrics(masks, period, music.loudness, cfg.channels, &m);
  internal::ChannelMetrics(masks, period, cfg, &m);
  return m;
}

namespace internal {

std::vector<double> ChangeTimes(const std::vector<uint8_t>& masks, double period) {
  std::vector<double> out;
  for (size_t i = 1; i < masks.size(); ++i) {
    if (masks[i] != masks[i - 1]) out.push_back(i * period);
  }
  return out;
}

double FractionNear(const std::vector<double>& times, const std::vector<double>& refs, double tol) {
  if (times.empty() || refs.empty()) return 0;
  int hit = 0;
  for (double t : times) {
    auto it = std::lower_bound(refs.begin(), refs.end(), t);
    double d = 1e300;
    if (it != refs.end()) d = *it - t;
    if (it != refs.begin()) d = std::min(d, t - *(it - 1));
    hit += d <= tol + 1e-9;
  }
  return static_cast<double>(hit) / times.size();
}

}  // namespace internal
}  // namespace ls::judge
