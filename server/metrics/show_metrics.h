#pragma once
/// Playback metrics: what is playing now. The show player reports its latest
/// playback a few times a second; these gauges hold that report. Song and
/// playback ids never become labels (unbounded); the state label has five
/// fixed values. No gRPC types here: callers map their state to ShowState.
///
/// Thread-safe: Report() may be called from any thread (a mutex keeps two
/// reports from interleaving; a scrape racing a report may see the state
/// change half done for that one scrape).

#include <cstdint>
#include <mutex>

#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace ls::metrics {

enum class ShowState { kIdle, kScheduled, kPlaying, kFinished, kStopped };

class ShowMetrics {
 public:
  /// Registers the families; the state starts as idle (nothing played yet).
  explicit ShowMetrics(prometheus::Registry& registry);
  ShowMetrics(const ShowMetrics&) = delete;
  ShowMetrics& operator=(const ShowMetrics&) = delete;

  /// The latest playback: its state, the fraction of its frames that are due
  /// (0 … 1), its length in frames, and how many agents it drives.
  void Report(ShowState state, double progress_ratio, uint64_t frames, size_t agents);

 private:
  static constexpr int kStates = 5;
  prometheus::Gauge* state_[kStates];
  prometheus::Gauge& playing_;
  prometheus::Gauge& progress_;
  prometheus::Gauge& frames_;
  prometheus::Gauge& agents_;
  std::mutex mu_;
};

}  // namespace ls::metrics
