#include "metrics/server_metrics.h"

#include "lightshow/version.h"

namespace ls::metrics {
namespace {

prometheus::Histogram::BucketBoundaries LatencyBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
}

}  // namespace

ServerMetrics::ServerMetrics(prometheus::Registry& r)
    : requests_(prometheus::BuildCounter()
                    .Name("lightshow_grpc_requests_total")
                    .Help("gRPC requests handled, by method and status code")
                    .Register(r)),
      request_seconds_(prometheus::BuildHistogram()
                           .Name("lightshow_grpc_request_duration_seconds")
                           .Help("gRPC request latency, by method")
                           .Register(r)),
      stage_seconds_(prometheus::BuildHistogram()
                         .Name("lightshow_ingest_stage_duration_seconds")
                         .Help("Time spent per ingest stage (decode, stft, render, store)")
                         .Register(r)),
      songs_ingested_(prometheus::BuildCounter()
                          .Name("lightshow_songs_ingested_total")
                          .Help("Songs added to the catalog")
                          .Register(r)
                          .Add({})),
      songs_rejected_(prometheus::BuildCounter()
                          .Name("lightshow_songs_rejected_total")
                          .Help("Uploads rejected as bad audio or over a limit")
                          .Register(r)
                          .Add({})),
      ingest_bytes_(prometheus::BuildCounter()
                        .Name("lightshow_ingest_bytes_total")
                        .Help("Bytes of audio added to the catalog")
                        .Register(r)
                        .Add({})),
      frames_sent_(prometheus::BuildCounter()
                       .Name("lightshow_frames_sent_total")
                       .Help("Show frames sent to agents")
                       .Register(r)
                       .Add({})),
      shows_started_(prometheus::BuildCounter()
                         .Name("lightshow_shows_started_total")
                         .Help("Playbacks started")
                         .Register(r)
                         .Add({})),
      agents_connected_(prometheus::BuildGauge()
                            .Name("lightshow_agents_connected")
                            .Help("Agents with a live AgentLink stream")
                            .Register(r)
                            .Add({})),
      uploads_in_progress_(prometheus::BuildGauge()
                               .Name("lightshow_uploads_in_progress")
                               .Help("Uploads between their first message and their reply (each holds a slot of "
                                     "--max-concurrent-uploads)")
                               .Register(r)
                               .Add({})) {
  // Which build answers: dashboards join on it, and it shows an upgrade.
  prometheus::BuildGauge()
      .Name("lightshow_build_info")
      .Help("Always 1; the server's version as a label")
      .Register(r)
      .Add({{"version", LIGHTSHOW_VERSION}})
      .Set(1);
}

void ServerMetrics::RecordRequest(const std::string& method, const std::string& code,
                                  double seconds) {
  requests_.Add({{"method", method}, {"code", code}}).Increment();
  request_seconds_.Add({{"method", method}}, LatencyBuckets()).Observe(seconds);
}

void ServerMetrics::RecordIngest(uint64_t bytes,
                                 const std::vector<std::pair<std::string, double>>& stages) {
  songs_ingested_.Increment();
  ingest_bytes_.Increment(static_cast<double>(bytes));
  for (const auto& [stage, s] : stages) {
    stage_seconds_.Add({{"stage", stage}}, LatencyBuckets()).Observe(s);
  }
}

void ServerMetrics::RecordIngestRejected() { songs_rejected_.Increment(); }

}  // namespace ls::metrics
