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

/// Median of the values (numpy.median: mean of the middle two).
double Median(std::vector<double> v);

/// numpy.percentile(v, q) with linear interpolation; q in [0, 100].
double Percentile(std::vector<double> v, double q);

}  // namespace ls::bench
