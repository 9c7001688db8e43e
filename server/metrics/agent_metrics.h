#pragma once
/// Per-agent metrics, fed from the stats each agent reports over its AgentLink
/// stream (agents serve no /metrics of their own). The agent id is a label:
/// agents are few, and at most kMaxAgents distinct ids get their own series
/// (the rest share agent="other") so a misbehaving fleet cannot blow up
/// cardinality. No gRPC types here: callers pass plain values.
///
/// Thread-safe: one mutex guards the per-agent bookkeeping; the prometheus-cpp
/// handles themselves are atomic.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace ls::metrics {

/// One stats report from an agent. Frame counts are the agent's running
/// totals (they restart at 0 when the agent process restarts).
struct AgentStatsSample {
  uint64_t frames_applied = 0;
  uint64_t frames_late = 0;
  uint64_t frames_dropped = 0;
  double clock_offset_seconds = 0;
  double rtt_seconds = 0;
  std::vector<double> apply_error_seconds;  ///< applied - scheduled, frames since the last report
};

class AgentMetrics {
 public:
  static constexpr size_t kMaxAgents = 64;

  explicit AgentMetrics(prometheus::Registry& registry);
  AgentMetrics(const AgentMetrics&) = delete;
  AgentMetrics& operator=(const AgentMetrics&) = delete;

  /// lightshow_agent_connected{agent} = 1 / 0 on attach / detach.
  void SetConnected(const std::string& agent, bool connected);
  /// Folds one report in: counters advance by the growth of the agent's
  /// totals (a smaller total means the agent restarted: the new total is the
  /// growth; a restarted agent that overtakes its old total before its first
  /// report is undercounted once); gauges take the latest values; apply errors
  /// go to the histogram.
  void Record(const std::string& agent, const AgentStatsSample& sample);

 private:
  struct Handles {
    prometheus::Gauge* connected;
    prometheus::Counter* applied;
    prometheus::Counter* late;
    prometheus::Counter* dropped;
    prometheus::Gauge* offset;
    prometheus::Gauge* rtt;
    prometheus::Histogram* apply_error;
  };
  struct Totals {  // the last running totals one agent reported
    uint64_t applied = 0;
    uint64_t late = 0;
    uint64_t dropped = 0;
  };
  Handles& HandlesLocked(const std::string& agent);

  prometheus::Family<prometheus::Gauge>& connected_;
  prometheus::Family<prometheus::Counter>& applied_;
  prometheus::Family<prometheus::Counter>& late_;
  prometheus::Family<prometheus::Counter>& dropped_;
  prometheus::Family<prometheus::Gauge>& offset_;
  prometheus::Family<prometheus::Gauge>& rtt_;
  prometheus::Family<prometheus::Histogram>& apply_error_;

  std::mutex mu_;
  std::map<std::string, Handles> handles_;  // by label value (≤ kMaxAgents + "other")
  std::map<std::string, Totals> totals_;    // by agent id (as many as the agent registry keeps)
};

}  // namespace ls::metrics
