#pragma once
/// Internal pieces of JudgeShow (one file each for timing and the rest).
/// Pure functions; thread-safe.

#include <cstdint>
#include <vector>

#include "judge/show_metrics.h"

namespace ls::judge::internal {

/// Times (s) of the frames whose mask differs from the previous one.
std::vector<double> ChangeTimes(const std::vector<uint8_t>& masks, double period);

/// Fraction of `times` within ±tol of some element of sorted `refs` (0 if no times).
double FractionNear(const std::vector<double>& times, const std::vector<double>& refs, double tol);

/// Pearson r of per-window mean lit count vs loudness, and the loud/quiet contrast.
void DynamicsMetrics(const std::vector<uint8_t>& masks, double period, const Loudness& loud,
                     int channels, ShowMetrics* out);

/// Redundancy, duty, dead channels, toggles/s and the relay rules.
void ChannelMetrics(const std::vector<uint8_t>& masks, double period, const MetricsConfig& cfg,
                    ShowMetrics* out);

}  // namespace ls::judge::internal
