#include "metrics/job_metrics.h"

namespace ls::metrics {
namespace {

// A tiny test job takes a second, a real training minutes to hours.
prometheus::Histogram::BucketBoundaries JobBuckets() {
  return {1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 43200};
}

}  // namespace

JobMetrics::JobMetrics(prometheus::Registry& r, const std::vector<std::string>& kinds)
    : duration_(prometheus::BuildHistogram()
                    .Name("lightshow_job_duration_seconds")
                    .Help("Run time of finished jobs (since their last start), by kind and outcome")
                    .Register(r)) {
  for (const auto& kind : kinds) {
    for (const char* outcome : {"succeeded", "failed", "cancelled"}) {
      duration_.Add({{"kind", kind}, {"outcome", outcome}}, JobBuckets());
    }
  }
}

void JobMetrics::RecordFinished(const std::string& kind, const std::string& outcome, double seconds) {
  duration_.Add({{"kind", kind}, {"outcome", outcome}}, JobBuckets()).Observe(seconds);
}

}  // namespace ls::metrics
