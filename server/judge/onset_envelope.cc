#include "judge/onset_envelope.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "judge/power_frames.h"

namespace ls::judge {
namespace {

double HzToMel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double MelToHz(double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); }

// Triangular mel filters (bands × bins, row-major); every band keeps at least
// its nearest bin so narrow low bands are never empty.
std::vector<float> MelFilters(int bands, int bins, int sample_rate, double fmin, double fmax) {
  std::vector<float> w(static_cast<size_t>(bands) * bins, 0.0f);
  const double lo = HzToMel(fmin), hi = HzToMel(fmax);
  const double bin_hz = sample_rate / (2.0 * (bins - 1));
  for (int b = 0; b < bands; ++b) {
    const double f0 = MelToHz(lo + (hi - lo) * b / (bands + 1));
    const double f1 = MelToHz(lo + (hi - lo) * (b + 1) / (bands + 1));
    const double f2 = MelToHz(lo + (hi - lo) * (b + 2) / (bands + 1));
    float* row = &w[static_cast<size_t>(b) * bins];
    bool any = false;
    for (int k = 0; k < bins; ++k) {
      const double f = k * bin_hz;
      const double v = f <= f1 ? (f - f0) / (f1 - f0) : (f2 - f) / (f2 - f1);
      if (v > 0) row[k] = static_cast<float>(v), any = true;
    }
    if (!any) row[std::min(bins - 1, static_cast<int>(std::lround(f1 / bin_hz)))] = 1.0f;
  }
  return w;
}

absl::Status Validate(int sample_rate, const OnsetConfig& c) {
  if (sample_rate < 8000 || sample_rate > 192000) {
    return absl::InvalidArgumentError(absl::StrCat("sample_rate: must be 8000..192000, got ", sample_rate));
  }
  if (!(c.window_s >= 0.005 && c.window_s <= 0.2)) {
    return absl::InvalidArgumentError(absl::StrCat("window_s: must be 0.005..0.2, got ", c.window_s));
  }
  if (c.hops_per_window < 1 || c.hops_per_window > 16) {
    return absl::InvalidArgumentError(absl::StrCat("hops_per_window: must be 1..16, got ", c.hops_per_window));
  }
  if (c.mel_bands < 1 || c.mel_bands > 256) {
    return absl::InvalidArgumentError(absl::StrCat("mel_bands: must be 1..256, got ", c.mel_bands));
  }
  if (!(c.fmin_hz >= 0 && c.fmin_hz < c.fmax_hz)) {
    return absl::InvalidArgumentError(absl::StrCat("fmin_hz/fmax_hz: need 0 <= fmin < fmax, got ",
                                                   c.fmin_hz, " and ", c.fmax_hz));
  }
  if (c.lag < 1) return absl::InvalidArgumentError(absl::StrCat("lag: must be >= 1, got ", c.lag));
  if (!(c.top_db > 0)) return absl::InvalidArgumentError(absl::StrCat("top_db: must be > 0, got ", c.top_db));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<OnsetEnvelope> ComputeOnsetEnvelope(const float* samples, size_t n, int sample_rate,
                                                   const OnsetConfig& cfg) {
  if (samples == nullptr || n == 0) return absl::InvalidArgumentError("audio: no samples");
  if (auto st = Validate(sample_rate, cfg); !st.ok()) return st;
  int frame = 16;
  while (frame * 2 <= cfg.window_s * sample_rate * 1.5) frame *= 2;  // nearest power of two
  const int hop = std::max(1, frame / cfg.hops_per_window);
  auto pf = ComputePowerFrames(samples, n, frame, hop, /*centered=*/true);
  if (!pf.ok()) return pf.status();
  const double fmax = std::min(cfg.fmax_hz, sample_rate / 2.0);
  if (cfg.fmin_hz >= fmax) {
    return absl::InvalidArgumentError(absl::StrCat("fmin_hz: ", cfg.fmin_hz, " not below Nyquist ", fmax));
  }
  const int B = cfg.mel_bands, bins = pf->bins, T = pf->frames;
  const std::vector<float> w = MelFilters(B, bins, sample_rate, cfg.fmin_hz, fmax);

  // Mel band levels in dB, floored at the song's maximum − top_db.
  // Each filter's non-zero bins, so a frame costs ~2 × bins, not bands × bins.
  std::vector<int> lo(B, 0), hi(B, 0);
  for (int b = 0; b < B; ++b) {
    const float* wr = &w[static_cast<size_t>(b) * bins];
    while (lo[b] < bins && wr[lo[b]] == 0.0f) ++lo[b];
    hi[b] = bins;
    while (hi[b] > lo[b] && wr[hi[b] - 1] == 0.0f) --hi[b];
  }
  std::vector<float> db(static_cast<size_t>(T) * B);
  float top = -1e30f;
  for (int t = 0; t < T; ++t) {
    const float* p = pf->row(t);
    for (int b = 0; b < B; ++b) {
      const float* wr = &w[static_cast<size_t>(b) * bins];
      double s = 0;
      for (int k = lo[b]; k < hi[b]; ++k) s += wr[k] * p[k];
      const float v = static_cast<float>(10.0 * std::log10(std::max(s, 1e-10)));
      db[static_cast<size_t>(t) * B + b] = v;
      top = std::max(top, v);
    }
  }
  const float floor_db = top - static_cast<float>(cfg.top_db);
  for (float& v : db) v = std::max(v, floor_db);

  OnsetEnvelope env;
  env.hop_s = static_cast<double>(hop) / sample_rate;
  env.offset_s = 0.25 * frame / sample_rate;
  env.strength.assign(T, 0.0f);
  for (int t = cfg.lag; t < T; ++t) {
    const float* a = &db[static_cast<size_t>(t) * B];
    const float* b = &db[static_cast<size_t>(t - cfg.lag) * B];
    double s = 0;
    for (int j = 0; j < B; ++j) s += std::max(0.0f, a[j] - b[j]);
    env.strength[t] = static_cast<float>(s / B);
  }
  return env;
}

std::vector<Onset> PickOnsets(const OnsetEnvelope& env, const PeakConfig& cfg) {
  std::vector<Onset> out;
  const int T = static_cast<int>(env.strength.size());
  if (T == 0 || env.hop_s <= 0) return out;
  const auto [mn, mx] = std::minmax_element(env.strength.begin(), env.strength.end());
  const float lo = *mn, range = *mx - *mn;
  if (range <= 0) return out;
  std::vector<float> x(T);
  for (int t = 0; t < T; ++t) x[t] = (env.strength[t] - lo) / range;
  const int pre_max = std::max(1, static_cast<int>(cfg.pre_max_s / env.hop_s));
  const int avg = std::max(1, static_cast<int>(cfg.avg_s / env.hop_s));
  const int wait = static_cast<int>(cfg.wait_s / env.hop_s);
  // Prefix sums for the moving mean.
  std::vector<double> cum(T + 1, 0.0);
  for (int t = 0; t < T; ++t) cum[t + 1] = cum[t] + x[t];
  int last = -wait - 1;
  for (int t = 0; t < T; ++t) {
    const int a = std::max(0, t - pre_max), b = std::min(T - 1, t + 1);
    if (x[t] < *std::max_element(x.begin() + a, x.begin() + b + 1)) continue;
    const int a2 = std::max(0, t - avg), b2 = std::min(T, t + avg + 1);
    if (x[t] < (cum[b2] - cum[a2]) / (b2 - a2) + cfg.delta) continue;
    if (t - last <= wait) continue;
    out.push_back({env.TimeOf(t), x[t]});
    last = t;
  }
  return out;
}

}  // namespace ls::judge
