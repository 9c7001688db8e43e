#pragma once
/// Classification request metrics: lightshow_classify_requests_total
/// {model_kind,code} and lightshow_classify_duration_seconds{model_kind}
/// (histogram). model_kind is "classifier", "end_detector" or "none" (the
/// model could not be found), code a gRPC status code name: both bounded.
/// No gRPC types here. Thread-safe (prometheus-cpp families lock label lookup).

#include <string>

#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace ls::metrics {

class ClassifyMetrics {
 public:
  explicit ClassifyMetrics(prometheus::Registry& registry);
  ClassifyMetrics(const ClassifyMetrics&) = delete;
  ClassifyMetrics& operator=(const ClassifyMetrics&) = delete;

  /// One finished Classify request.
  void Record(const std::string& model_kind, const std::string& code, double seconds);

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& seconds_;
};

}  // namespace ls::metrics
