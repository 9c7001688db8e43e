#pragma once
/// Metrics of the nightly schedule: its state (one-hot over six fixed
/// values), whether a window is open, the next window's start, and windows
/// by outcome (the alert on windows that passed with no agent connected
/// reads that counter). No playlist or song names as labels.
///
/// Thread-safe: a mutex keeps two reports from interleaving.

#include <mutex>
#include <string>

#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace ls::metrics {

class ScheduleMetrics {
 public:
  /// Registers the families; state idle, no next window, every outcome at 0.
  explicit ScheduleMetrics(prometheus::Registry& registry);
  ScheduleMetrics(const ScheduleMetrics&) = delete;
  ScheduleMetrics& operator=(const ScheduleMetrics&) = delete;

  /// state: idle, waiting, playing, paused, overridden or manual (others count as idle).
  void Report(const std::string& state, bool window_open, double next_start_unix_s);
  /// outcome: played, no_agents, paused or skipped.
  void CountWindow(const std::string& outcome);

 private:
  static constexpr int kStates = 6;
  static constexpr int kOutcomes = 4;
  prometheus::Gauge* state_[kStates];
  prometheus::Counter* outcome_[kOutcomes];
  prometheus::Gauge& open_;
  prometheus::Gauge& next_start_;
  std::mutex mu_;
};

}  // namespace ls::metrics
