#include "bench/stats.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace ls::bench {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const double pos = q / 100.0 * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

double Median(std::vector<double> v) { return Percentile(std::move(v), 50.0); }

Json Stats(const std::vector<double>& seconds) {
  Json j;
  const double n = static_cast<double>(seconds.size());
  j["median_s"] = Median(seconds);
  j["min_s"] = seconds.empty() ? 0.0 : *std::min_element(seconds.begin(), seconds.end());
  j["mean_s"] = seconds.empty() ? 0.0 : std::accumulate(seconds.begin(), seconds.end(), 0.0) / n;
  j["repeats"] = seconds.size();
  return j;
}

void AddClipTimings(const std::vector<double>& train_s, const std::vector<double>& forward_s,
                    int batch, Json& j) {
  Json st = Stats(train_s), fw = Stats(forward_s);
  const double train_median = st["median_s"].get<double>();
  const double fwd_median = fw["median_s"].get<double>();
  j["train_step"] = std::move(st);
  j["train_clips_per_s"] = batch / train_median;
  j["forward_only"] = std::move(fw);
  j["infer_clips_per_s"] = batch / fwd_median;
}

}  // namespace ls::bench
