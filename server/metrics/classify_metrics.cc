#include "metrics/classify_metrics.h"

namespace ls::metrics {

ClassifyMetrics::ClassifyMetrics(prometheus::Registry& r)
    : requests_(prometheus::BuildCounter()
                    .Name("lightshow_classify_requests_total")
                    .Help("Classify requests, by model kind and status code")
                    .Register(r)),
      seconds_(prometheus::BuildHistogram()
                   .Name("lightshow_classify_duration_seconds")
                   .Help("Time to classify one song (decode, features, inference), by model kind")
                   .Register(r)) {}

void ClassifyMetrics::Record(const std::string& model_kind, const std::string& code, double seconds) {
  requests_.Add({{"model_kind", model_kind}, {"code", code}}).Increment();
  // A 3-minute song should take well under a second; decoding long files more.
  seconds_.Add({{"model_kind", model_kind}},
               prometheus::Histogram::BucketBoundaries{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30})
      .Observe(seconds);
}

}  // namespace ls::metrics
