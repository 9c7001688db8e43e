#include <algorithm>
#include <cmath>
#include <numeric>

#include "judge/metric_parts.h"

namespace ls::judge::internal {
namespace {

double Pearson(const std::vector<double>& a, const std::vector<double>& b) {
  const size_t n = a.size();
  if (n < 2) return 0;
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n;
  const double mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double sab = 0, saa = 0, sbb = 0;
  for (size_t i = 0; i < n; ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0;  // a constant side: no relation
}

int Bit(uint8_t m, int c) { return (m >> c) & 1; }

}  // namespace

void DynamicsMetrics(const std::vector<uint8_t>& masks, double period, const Loudness& loud,
                     int channels, ShowMetrics* out) {
  // Mean lit count per loudness window over the frames that start in it.
  const size_t W = loud.db.size();
  std::vector<double> lit(W, 0.0), count(W, 0.0);
  for (size_t i = 0; i < masks.size(); ++i) {
    const size_t w = static_cast<size_t>(i * period / loud.window_s);
    if (w >= W) break;
    lit[w] += __builtin_popcount(masks[i]);
    count[w] += 1;
  }
  std::vector<double> x, y;
  std::vector<std::pair<double, double>> by_db;  // dB, lit fraction
  for (size_t w = 0; w < W; ++w) {
    if (count[w] == 0) continue;
    x.push_back(lit[w] / count[w]);
    y.push_back(loud.db[w]);
    by_db.push_back({loud.db[w], lit[w] / count[w] / channels});
  }
  out->loudness_r = Pearson(x, y);
  if (by_db.empty()) return;
  std::stable_sort(by_db.begin(), by_db.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  const size_t fifth = std::max<size_t>(1, (by_db.size() + 2) / 5);
  double quiet = 0, loudest = 0;
  for (size_t i = 0; i < fifth; ++i) {
    quiet += by_db[i].second;
    loudest += by_db[by_db.size() - 1 - i].second;
  }
  out->contrast = (loudest - quiet) / fifth;
}

void ChannelMetrics(const std::vector<uint8_t>& masks, double period, const MetricsConfig& cfg,
                    ShowMetrics* out) {
  const int C = cfg.channels;
  const size_t n = masks.size();
  out->duty.assign(C, 0.0);
  for (uint8_t m : masks) {
    for (int c = 0; c < C; ++c) out->duty[c] += Bit(m, c);
  }
  for (double& d : out->duty) d /= n;
  out->dead_channels = 0;
  for (double d : out->duty) out->dead_channels += d < cfg.dead_low || d > cfg.dead_high;

  // phi per pair from the 2×2 table; a constant channel's pairs count as 0.
  double sum = 0;
  int pairs = 0;
  for (int a = 0; a < C; ++a) {
    for (int b = a + 1; b < C; ++b, ++pairs) {
      double n11 = 0;
      for (uint8_t m : masks) n11 += Bit(m, a) & Bit(m, b);
      const double pa = out->duty[a] * n, pb = out->duty[b] * n;
      const double den = pa * (n - pa) * pb * (n - pb);
      if (den > 0) sum += std::abs(n11 * n - pa * pb) / std::sqrt(den);
    }
  }
  out->redundancy = pairs > 0 ? sum / pairs : 0;

  // Toggles, inner dwell (runs bounded by toggles at both ends) and the
  // most toggles any channel makes within one second.
  long long toggles = 0;
  double shortest = 0;
  int max_1s = 0;
  for (int c = 0; c < C; ++c) {
    std::vector<size_t> at;
    for (size_t i = 1; i < n; ++i) {
      if (Bit(masks[i], c) != Bit(masks[i - 1], c)) at.push_back(i);
    }
    toggles += at.size();
    for (size_t k = 1; k < at.size(); ++k) {
      const double ms = (at[k] - at[k - 1]) * period * 1000.0;
      shortest = shortest == 0 ? ms : std::min(shortest, ms);
    }
    // Toggles j..k fit in one 1-s window when t_k − t_j < 1 s.
    for (size_t j = 0, k = 0; k < at.size(); ++k) {
      while ((at[k] - at[j]) * period >= 1.0 - 1e-9) ++j;
      max_1s = std::max(max_1s, static_cast<int>(k - j + 1));
    }
  }
  out->toggles_per_s = toggles / (n * period);
  out->shortest_dwell_ms = shortest;
  out->max_toggles_1s = max_1s;
  out->relay_ok = (shortest == 0 || shortest >= cfg.min_dwell_ms - 1e-6) && max_1s <= cfg.max_toggles_per_s;
}

}  // namespace ls::judge::internal
