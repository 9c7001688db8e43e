#include "show/music_renderer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/strings/str_cat.h"

namespace ls::show {
namespace {

constexpr double kSsrAccentQuantile = 0.5;

// Each channel's scores replaced by their rank in the lit part of the song, in
// [0, 1]: channels on different scales become comparable and each one leads
// for a fair share of the song.
std::vector<float> RankScores(const std::vector<float>& scores, int frames, int channels, int lit) {
  std::vector<float> r(scores.size(), 0.f);
  std::vector<int> idx(lit);
  for (int c = 0; c < channels; ++c) {
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](int x, int y) {
      return scores[size_t(x) * channels + c] < scores[size_t(y) * channels + c];
    });
    for (int k = 0; k < lit; ++k) r[size_t(idx[k]) * channels + c] = lit > 1 ? float(k) / (lit - 1) : 0.5f;
  }
  (void)frames;
  return r;
}

struct Loudness {
  std::vector<float> sorted;  // the lit part's non-silent frame levels
  float loud = 0;             // the song's loud passages (95th percentile)
};

Loudness SongLoudness(const std::vector<float>& db, int lit, double silence_db) {
  Loudness l;
  for (int f = 0; f < lit; ++f) {
    if (db[f] > silence_db) l.sorted.push_back(db[f]);
  }
  std::sort(l.sorted.begin(), l.sorted.end());
  if (!l.sorted.empty()) l.loud = l.sorted[static_cast<size_t>(0.95 * (l.sorted.size() - 1))];
  return l;
}

int LitCount(const Loudness& song, double level_db, int channels, const MusicRenderConfig& cfg) {
  if (level_db <= cfg.silence_db || song.sorted.empty()) return 0;
  const double rank =
      double(std::lower_bound(song.sorted.begin(), song.sorted.end(), float(level_db)) - song.sorted.begin()) /
      song.sorted.size();
  const double level = std::clamp(1.0 + (level_db - song.loud) / cfg.level_range_db, 0.0, 1.0);
  const double f = cfg.rank_weight * rank + (1.0 - cfg.rank_weight) * level;
  return std::clamp(1 + static_cast<int>(std::lround(f * (channels - 1))), 1, channels);
}

std::vector<bool> SilentFrames(const std::vector<float>& db, double period, double silence_db) {
  const int n = static_cast<int>(db.size());
  const int half = std::max(1, static_cast<int>(std::lround(0.4 / period)));
  std::vector<double> prefix(n + 1, 0.0);
  for (int f = 0; f < n; ++f) prefix[f + 1] = prefix[f] + std::pow(10.0, db[f] / 10.0);
  std::vector<bool> out(n);
  for (int f = 0; f < n; ++f) {
    const int lo = std::max(0, f - half), hi = std::min(n, f + half + 1);
    out[f] = 10.0 * std::log10((prefix[hi] - prefix[lo]) / (hi - lo) + 1e-12) <= silence_db;
  }
  return out;
}

// The channels to light for one stretch between events: the `n` best-ranked
// scores, placed through this section's rotation. When that repeats the
// previous mask, the weakest lit light hands over to the strongest dark one
// (or, all lit, goes dark): every event is a visible change.
uint8_t ChooseMask(const std::vector<double>& mean_rank, int n, int rotation, uint8_t prev) {
  const int channels = static_cast<int>(mean_rank.size());
  std::vector<int> order(channels);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return mean_rank[x] > mean_rank[y]; });
  auto place = [&](int c) { return static_cast<uint8_t>(1u << ((c + rotation) % channels)); };
  uint8_t mask = 0;
  for (int k = 0; k < n; ++k) mask |= place(order[k]);
  if (mask != prev || n == 0) return mask;
  if (n == channels) return static_cast<uint8_t>(mask & ~place(order[n - 1]));
  return static_cast<uint8_t>((mask & ~place(order[n - 1])) | place(order[n]));
}

}  // namespace

absl::StatusOr<std::vector<uint8_t>> RenderMusic(const std::vector<float>& scores, int frames,
                                                 int channels, const analysis::MusicAnalysis& a,
                                                 int dark_start, double period,
                                                 const RenderProfile& profile,
                                                 const MusicRenderConfig& cfg) {
  if (channels < 1 || channels > 8) {
    return absl::InvalidArgumentError(absl::StrCat("channels must be 1..8, got ", channels));
  }
  if (frames < 0 || scores.size() != static_cast<size_t>(frames) * channels) {
    return absl::InvalidArgumentError(absl::StrCat("scores hold ", scores.size(), " values, expected ",
                                                   frames, " frames × ", channels));
  }
  if (!(period > 0) || !std::isfinite(period)) {
    return absl::InvalidArgumentError(absl::StrCat("frame period must be > 0 s, got ", period));
  }
  dark_start = std::clamp(dark_start, 0, frames);
  std::vector<uint8_t> masks(frames, 0);
  if (dark_start == 0) return masks;
  const int dwell = DwellFrames(profile, period);
  // Solid-state relays may move faster: strong onsets between the beats
  // (accents) change the lights too.
  MusicRenderConfig c = cfg;
  if (profile.min_dwell_ms < 60.0) c.accent_quantile = std::min(c.accent_quantile, kSsrAccentQuantile);

  std::vector<float> db(frames);
  for (int f = 0; f < frames; ++f) db[f] = analysis::LoudnessAt(a, (f + 0.5) * period);
  const Loudness song = SongLoudness(db, dark_start, c.silence_db);
  const std::vector<float> rank = RankScores(scores, frames, channels, dark_start);

  std::vector<int> events = EventFrames(a, dark_start, period, dwell, c);
  events.insert(events.begin(), 0);
  events.push_back(dark_start);
  uint8_t prev = 0;
  size_t section = 0;
  for (size_t e = 0; e + 1 < events.size(); ++e) {
    const int from = events[e], to = events[e + 1];
    while (section < a.sections_s.size() && a.sections_s[section] <= (from + 0.5) * period) ++section;
    // The stretch's loudness is its mean power: a sparse hit between quiet
    // frames still counts as sound.
    double power = 0;
    std::vector<double> mean_rank(channels, 0.0);
    for (int f = from; f < to; ++f) {
      power += std::pow(10.0, db[f] / 10.0);
      for (int c = 0; c < channels; ++c) mean_rank[c] += rank[size_t(f) * channels + c];
    }
    const double level = 10.0 * std::log10(power / std::max(1, to - from) + 1e-12);
    const int n = LitCount(song, level, channels, c);
    // Successive sections step the rotation by 3 of 8: neighbours change too.
    const uint8_t mask = ChooseMask(mean_rank, n, static_cast<int>(section * 3), prev);
    std::fill(masks.begin() + from, masks.begin() + to, mask);
    prev = mask;
  }
  // Silence inside the song (its power over ±400 ms below the floor) goes
  // dark; then every channel keeps its dwell.
  const std::vector<bool> silent = SilentFrames(db, period, c.silence_db);
  for (int f = 0; f < dark_start; ++f) {
    if (silent[f]) masks[f] = 0;
  }
  std::vector<int> held(channels, dwell);
  for (int f = 0; f < frames; ++f) {
    for (int c = 0; c < channels; ++c) {
      const uint8_t bit = static_cast<uint8_t>(1u << c);
      const bool was = f > 0 && (masks[f - 1] & bit);
      // No light comes on too close to the dark end to keep its dwell.
      const bool want = f < dark_start && (masks[f] & bit) && (was || f + dwell <= dark_start);
      const bool state = (want != was && held[c] < dwell && f < dark_start) ? was : want;
      if (state != was) held[c] = 0;
      masks[f] = static_cast<uint8_t>(state ? masks[f] | bit : masks[f] & ~bit);
      ++held[c];
    }
  }
  return masks;
}

}  // namespace ls::show
