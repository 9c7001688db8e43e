#pragma once
/// The server's own Prometheus metrics (prefix lightshow_, base units, no song
/// or job ids in labels): gRPC requests, ingest, frames sent, agents connected.
/// Siblings: AgentMetrics (per-agent stats), ShowMetrics (now playing),
/// ProcessCollector (CPU, memory, fds, start time), JobMetrics and
/// LearnCollector (jobs, training, models). No gRPC types: callers pass
/// plain values. Families are registered once; handles are kept.
/// Thread-safe (prometheus-cpp metrics are atomic; label lookup is locked
/// inside the family).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace ls::metrics {

class ServerMetrics {
 public:
  explicit ServerMetrics(prometheus::Registry& registry);

  /// One finished RPC: method name (e.g. "Upload") and status code name.
  void RecordRequest(const std::string& method, const std::string& code, double seconds);
  /// One ingested song: bytes and per-stage seconds (decode, stft, render, store).
  void RecordIngest(uint64_t bytes, const std::vector<std::pair<std::string, double>>& stages);
  void RecordIngestRejected();
  void AddFramesSent(uint64_t n) { frames_sent_.Increment(static_cast<double>(n)); }
  void SetAgentsConnected(size_t n) { agents_connected_.Set(static_cast<double>(n)); }
  void CountShowStarted() { shows_started_.Increment(); }
  /// An upload holds (+1) or gives back (-1) its slot.
  void AddUploadsInProgress(int delta) { uploads_in_progress_.Increment(static_cast<double>(delta)); }

  // Jobs, training and models have their own siblings: JobMetrics (durations)
  // and LearnCollector (jobs by state, training progress, active model).

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& request_seconds_;
  prometheus::Family<prometheus::Histogram>& stage_seconds_;
  prometheus::Counter& songs_ingested_;
  prometheus::Counter& songs_rejected_;
  prometheus::Counter& ingest_bytes_;
  prometheus::Counter& frames_sent_;
  prometheus::Counter& shows_started_;
  prometheus::Gauge& agents_connected_;
  prometheus::Gauge& uploads_in_progress_;
};

}  // namespace ls::metrics
