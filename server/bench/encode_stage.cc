// d. encode — the peer's encode_stage(): the trained encoder (513 -> 8) over
// every frame in one call (median of `repeats`), then batch-1 latency over
// `latency_calls` single frames, as a streaming caller sees it.
#include <algorithm>
#include <chrono>

#include "bench/stages.h"
#include "bench/stats.h"
#include "nn/predictor.h"

namespace ls::bench {

absl::StatusOr<Json> EncodeStage(const nn::DenseAutoencoder& ae, const nn::ConstRef& frames,
                                 int repeats, int threads, int latency_calls) {
  absl::StatusOr<nn::Sequential> enc = ae.Encoder();
  if (!enc.ok()) return enc.status();
  nn::Predictor predictor(*enc, threads);
  nn::Matrix code;
  const nn::Index n = frames.cols();
  predictor.Run(frames.leftCols(std::min<nn::Index>(256, n)), code);  // warm-up
  std::vector<double> times;
  for (int r = 0; r < repeats; ++r) {
    const double t0 = Now();
    predictor.Run(frames, code);
    times.push_back(Now() - t0);
  }
  const nn::Index code_rows = code.rows();
  nn::Matrix one;
  for (int i = 0; i < 50; ++i) predictor.Run(frames.col(0), one);
  std::vector<double> lat_ns(static_cast<size_t>(latency_calls));
  using Clock = std::chrono::steady_clock;
  for (int i = 0; i < latency_calls; ++i) {
    const auto t0 = Clock::now();
    predictor.Run(frames.col(i % n), one);
    lat_ns[i] = std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
  }
  Json bulk = Stats(times);
  Json j;
  j["n_frames"] = n;
  const double median_s = bulk["median_s"].get<double>();
  j["bulk"] = std::move(bulk);
  j["frames_per_s"] = double(n) / median_s;
  double lat_min = lat_ns.empty() ? 0.0 : *std::min_element(lat_ns.begin(), lat_ns.end());
  j["latency_batch1_us"] = {{"calls", latency_calls},
                            {"median", Median(lat_ns) / 1e3},
                            {"p99", Percentile(lat_ns, 99.0) / 1e3},
                            {"min", lat_min / 1e3}};
  j["code_shape"] = {n, code_rows};
  return j;
}

}  // namespace ls::bench
