#pragma once
/// Job durations: lightshow_job_duration_seconds{kind,outcome}, observed when
/// a job finishes (outcome succeeded, failed or cancelled; a job stopped by a
/// server shutdown has no outcome yet and is not observed). The counts of
/// every registered kind start at 0, so increase() sees the first failure.
/// Job state and training progress are read from the tables: LearnCollector.
///
/// Thread-safe (prometheus-cpp families lock their label lookup).

#include <string>
#include <vector>

#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace ls::metrics {

class JobMetrics {
 public:
  /// Registers the family with zero series for each of `kinds` × outcome.
  JobMetrics(prometheus::Registry& registry, const std::vector<std::string>& kinds);
  JobMetrics(const JobMetrics&) = delete;
  JobMetrics& operator=(const JobMetrics&) = delete;

  /// One finished job: its kind, outcome and run time in this process.
  void RecordFinished(const std::string& kind, const std::string& outcome, double seconds);

 private:
  prometheus::Family<prometheus::Histogram>& duration_;
};

}  // namespace ls::metrics
