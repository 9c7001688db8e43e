#include "metrics/agent_metrics.h"

namespace ls::metrics {
namespace {

// Apply error = applied - scheduled. A frame applied early (clock noise) is
// counted in the first bucket; a frame period is ~23 ms, so the upper buckets
// mark frames a viewer could see lagging.
prometheus::Histogram::BucketBoundaries ApplyErrorBuckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25};
}

// Growth of a running total; a smaller total means the agent restarted.
uint64_t Growth(uint64_t total, uint64_t* last) {
  uint64_t d = total >= *last ? total - *last : total;
  *last = total;
  return d;
}

}  // namespace

AgentMetrics::AgentMetrics(prometheus::Registry& r)
    : connected_(prometheus::BuildGauge()
                     .Name("lightshow_agent_connected")
                     .Help("1 while the agent has a live AgentLink stream, 0 after it dropped")
                     .Register(r)),
      applied_(prometheus::BuildCounter()
                   .Name("lightshow_agent_frames_applied_total")
                   .Help("Show frames the agent applied to its outputs (reported by the agent)")
                   .Register(r)),
      late_(prometheus::BuildCounter()
                .Name("lightshow_agent_frames_late_total")
                .Help("Frames the agent applied later than its lateness margin (reported by the agent)")
                .Register(r)),
      dropped_(prometheus::BuildCounter()
                   .Name("lightshow_agent_frames_dropped_total")
                   .Help("Frames the agent never applied: superseded or past tolerance (reported by the agent)")
                   .Register(r)),
      offset_(prometheus::BuildGauge()
                  .Name("lightshow_agent_clock_offset_seconds")
                  .Help("Agent clock minus server clock, as last estimated by the agent")
                  .Register(r)),
      rtt_(prometheus::BuildGauge()
               .Name("lightshow_agent_rtt_seconds")
               .Help("Round trip of the agent's last clock ping")
               .Register(r)),
      apply_error_(prometheus::BuildHistogram()
                       .Name("lightshow_agent_apply_error_seconds")
                       .Help("Applied minus scheduled time of each frame (early frames land in the first bucket)")
                       .Register(r)) {}

AgentMetrics::Handles& AgentMetrics::HandlesLocked(const std::string& agent) {
  std::string label = agent;
  if (handles_.count(label) == 0 && handles_.size() >= kMaxAgents) label = "other";
  auto it = handles_.find(label);
  if (it != handles_.end()) return it->second;
  const std::map<std::string, std::string> l = {{"agent", label}};
  Handles h{};
  h.connected = &connected_.Add(l);
  h.applied = &applied_.Add(l);
  h.late = &late_.Add(l);
  h.dropped = &dropped_.Add(l);
  h.offset = &offset_.Add(l);
  h.rtt = &rtt_.Add(l);
  h.apply_error = &apply_error_.Add(l, ApplyErrorBuckets());
  return handles_.emplace(label, h).first->second;
}

void AgentMetrics::SetConnected(const std::string& agent, bool connected) {
  std::lock_guard<std::mutex> lock(mu_);
  Handles& h = HandlesLocked(agent);
  // Totals are kept across reconnects: the same agent process resuming keeps
  // counting from where it was; a restarted one is caught by Growth().
  h.connected->Set(connected ? 1 : 0);
}

void AgentMetrics::Record(const std::string& agent, const AgentStatsSample& s) {
  std::lock_guard<std::mutex> lock(mu_);
  Handles& h = HandlesLocked(agent);
  Totals& t = totals_[agent];
  h.applied->Increment(static_cast<double>(Growth(s.frames_applied, &t.applied)));
  h.late->Increment(static_cast<double>(Growth(s.frames_late, &t.late)));
  h.dropped->Increment(static_cast<double>(Growth(s.frames_dropped, &t.dropped)));
  h.offset->Set(s.clock_offset_seconds);
  h.rtt->Set(s.rtt_seconds);
  for (double e : s.apply_error_seconds) h.apply_error->Observe(e);
}

}  // namespace ls::metrics
