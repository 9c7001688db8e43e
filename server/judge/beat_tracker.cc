#include "judge/beat_tracker.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/strings/str_cat.h"

namespace ls::judge {
namespace {

absl::Status Validate(const OnsetEnvelope& env, const BeatConfig& c) {
  if (env.strength.empty()) return absl::InvalidArgumentError("onset envelope: empty");
  if (!(env.hop_s > 0)) return absl::InvalidArgumentError(absl::StrCat("onset envelope: hop_s ", env.hop_s));
  if (!(c.min_bpm > 0 && c.min_bpm < c.max_bpm)) {
    return absl::InvalidArgumentError(absl::StrCat("min_bpm/max_bpm: need 0 < min < max, got ", c.min_bpm,
                                                   " and ", c.max_bpm));
  }
  if (!(c.start_bpm > 0)) return absl::InvalidArgumentError(absl::StrCat("start_bpm: ", c.start_bpm));
  if (!(c.std_octaves > 0)) return absl::InvalidArgumentError(absl::StrCat("std_octaves: ", c.std_octaves));
  if (!(c.tightness >= 0)) return absl::InvalidArgumentError(absl::StrCat("tightness: ", c.tightness));
  if (!(c.acf_window_s > 0)) return absl::InvalidArgumentError(absl::StrCat("acf_window_s: ", c.acf_window_s));
  return absl::OkStatus();
}

// Strength at the beat candidates: envelope / σ, smoothed by a Gaussian of
// σ = period/32 (librosa's local score).
std::vector<double> LocalScore(const std::vector<float>& x, double period) {
  const int T = static_cast<int>(x.size());
  double mean = std::accumulate(x.begin(), x.end(), 0.0) / T, var = 0;
  for (float v : x) var += (v - mean) * (v - mean);
  const double sd = T > 1 ? std::sqrt(var / (T - 1)) : 0;
  const int half = static_cast<int>(std::round(period));
  std::vector<double> w(2 * half + 1);
  for (int k = -half; k <= half; ++k) w[k + half] = std::exp(-0.5 * std::pow(k * 32.0 / period, 2));
  std::vector<double> out(T, 0.0);
  if (sd <= 0) return out;
  for (int t = 0; t < T; ++t) {
    double s = 0;
    for (int k = std::max(-half, -t); k <= half && t + k < T; ++k) s += w[k + half] * x[t + k];
    out[t] = s / sd;
  }
  return out;
}

// Beats whose smoothed strength is under half the RMS of them all are cut
// from both ends (librosa's trim).
void TrimBeats(const std::vector<double>& local, std::vector<int>* beats) {
  const int n = static_cast<int>(beats->size());
  if (n == 0) return;
  const double hann[5] = {0.25, 0.75, 1.0, 0.75, 0.25};  // hann(5) without the zero ends
  std::vector<double> sm(n, 0.0);
  double ms = 0;
  for (int i = 0; i < n; ++i) {
    for (int k = -2; k <= 2; ++k) {
      if (i + k >= 0 && i + k < n) sm[i] += hann[k + 2] * local[(*beats)[i + k]];
    }
    ms += sm[i] * sm[i];
  }
  const double thr = 0.5 * std::sqrt(ms / n);
  int a = 0, b = n - 1;
  while (a <= b && sm[a] < thr) ++a;
  while (b >= a && sm[b] < thr) --b;
  *beats = std::vector<int>(beats->begin() + a, beats->begin() + b + 1);
}

}  // namespace

absl::StatusOr<double> EstimateTempo(const OnsetEnvelope& env, const BeatConfig& cfg) {
  if (auto st = Validate(env, cfg); !st.ok()) return st;
  const std::vector<float>& x = env.strength;
  const int T = static_cast<int>(x.size());
  const int min_lag = std::max(1, static_cast<int>(std::floor(60.0 / cfg.max_bpm / env.hop_s)));
  const int max_lag = static_cast<int>(std::ceil(60.0 / cfg.min_bpm / env.hop_s));
  const int win = std::max(max_lag + 1, static_cast<int>(cfg.acf_window_s / env.hop_s));
  // Per window: autocorrelation of the mean-removed envelope, normalised by
  // its lag-0 value so loud passages do not outvote quiet ones; then averaged.
  std::vector<double> acf(max_lag + 2, 0.0);
  int used = 0;
  for (int start = 0; start < T; start += win / 2) {
    const int end = std::min(T, start + win);
    if (end - start <= max_lag + 1 && used > 0) break;
    const int len = end - start;
    double mean = 0;
    for (int t = start; t < end; ++t) mean += x[t];
    mean /= len;
    std::vector<double> y(len);
    for (int t = 0; t < len; ++t) y[t] = x[start + t] - mean;
    double r0 = 0;
    for (double v : y) r0 += v * v;
    if (r0 <= 0) continue;
    for (int lag = 0; lag <= max_lag + 1 && lag < len; ++lag) {
      double s = 0;
      for (int t = lag; t < len; ++t) s += y[t] * y[t - lag];
      acf[lag] += s / r0;
    }
    ++used;
    if (end == T) break;
  }
  if (used == 0) return 0.0;
  auto weighted = [&](int lag) {
    const double bpm = 60.0 / (lag * env.hop_s);
    const double z = std::log2(bpm / cfg.start_bpm) / cfg.std_octaves;
    return std::max(0.0, acf[lag]) * std::exp(-0.5 * z * z);
  };
  int best = -1;
  double best_v = 0;
  for (int lag = min_lag; lag <= max_lag; ++lag) {
    if (weighted(lag) > best_v) best_v = weighted(lag), best = lag;
  }
  if (best < 0) return 0.0;
  // Parabolic interpolation of the peak for a tempo finer than one hop.
  double lag = best;
  if (best > min_lag && best < max_lag) {
    const double a = weighted(best - 1), b = weighted(best), c = weighted(best + 1);
    const double den = a - 2 * b + c;
    if (den < 0) lag += std::clamp(0.5 * (a - c) / den, -0.5, 0.5);
  }
  return 60.0 / (lag * env.hop_s);
}

absl::StatusOr<Beats> TrackBeats(const OnsetEnvelope& env, const BeatConfig& cfg) {
  auto bpm = EstimateTempo(env, cfg);
  if (!bpm.ok()) return bpm.status();
  Beats out;
  out.bpm = *bpm;
  if (*bpm <= 0) return out;
  const double period = 60.0 / (*bpm * env.hop_s);  // frames per beat
  const std::vector<double> local = LocalScore(env.strength, period);
  const int T = static_cast<int>(local.size());
  const double thresh = 0.01 * *std::max_element(local.begin(), local.end());
  if (thresh <= 0) return out;
  const int lo = static_cast<int>(std::round(2 * period));
  const int hi = std::max(1, static_cast<int>(std::round(period / 2)));
  std::vector<double> txwt(lo + 1, 0.0);  // txwt[d] for an interval of d frames
  for (int d = hi; d <= lo; ++d) txwt[d] = -cfg.tightness * std::pow(std::log(d / period), 2);
  std::vector<double> cum(T, 0.0);
  std::vector<int> back(T, -1);
  bool first = true;
  for (int i = 0; i < T; ++i) {
    double best = -1e300;
    int arg = -1;
    for (int d = hi; d <= lo; ++d) {
      const int j = i - d;
      const double v = txwt[d] + (j >= 0 ? cum[j] : 0.0);  // before the start: a free beginning
      if (v > best) best = v, arg = j;
    }
    cum[i] = local[i] + best;
    if (first && local[i] < thresh) {
      back[i] = -1;
    } else {
      back[i] = arg;
      first = false;
    }
  }
  // Last beat: the last local maximum of the cumulative score above half the
  // median of those maxima.
  std::vector<double> peaks;
  for (int i = 1; i + 1 < T; ++i) {
    if (cum[i] > cum[i - 1] && cum[i] >= cum[i + 1]) peaks.push_back(cum[i]);
  }
  int last = T - 1;
  if (!peaks.empty()) {
    std::nth_element(peaks.begin(), peaks.begin() + peaks.size() / 2, peaks.end());
    const double med = peaks[peaks.size() / 2];
    for (int i = T - 2; i >= 1; --i) {
      if (cum[i] > cum[i - 1] && cum[i] >= cum[i + 1] && cum[i] >= 0.5 * med) {
        last = i;
        break;
      }
    }
  }
  std::vector<int> beats;
  for (int b = last; b >= 0; b = back[b]) beats.push_back(b);
  std::reverse(beats.begin(), beats.end());
  if (cfg.trim) TrimBeats(local, &beats);
  for (int b : beats) out.times_s.push_back(env.TimeOf(b));
  return out;
}

}  // namespace ls::judge
