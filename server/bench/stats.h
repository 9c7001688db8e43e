#pragma once
/// Timing helpers shared by the stages (the peer's now() and stats()).
/// Thread-safety: pure functions.

#include <vector>

#include "bench/bench.h"

namespace ls::bench {

/// Monotonic seconds (steady_clock), the peer's time.perf_counter().
double Now();

/// {"median_s", "min_s", "mean_s", "repeats"} of durations in seconds.
Json Stats(const std::vector<double>& seconds);

/// Adds the peer's training/inference timing fields of a clip classifier to
/// `j`: "train_step" and "forward_only" (Stats of the step and forward
/// times) and "train_clips_per_s" / "infer_clips_per_s" (batch / median).
void AddClipTimings(const std::vector<double>& train_s, const std::vector<double>& forward_s,
                    int batch, Json& j);

/// Median of the values (numpy.median: mean of the middle two).
double Median(std::vector<double> v);

/// numpy.percentile(v, q) with linear interpolation; q in [0, 100].
double Percentile(std::vector<double> v, double q);

}  // namespace ls::bench
