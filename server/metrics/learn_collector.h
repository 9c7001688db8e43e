#pragma once
/// Jobs, training and models, read at scrape time from a LearnSnapshot source
/// (the job and model tables are the truth; counting them on each scrape
/// cannot drift from them, also across restarts):
///   lightshow_jobs{kind,state}                       jobs stored, by kind and state
///   lightshow_training_running{kind}                 1 while a job of that kind trains
///   lightshow_training_epoch{kind}, _epochs{kind}    epochs done / asked, newest job
///   lightshow_training_loss{kind,set=train|validation}  last epoch's mean loss
///   lightshow_active_model_info{model,arch}          1 (model="bands" with no model)
///   lightshow_active_model_created_timestamp_seconds, lightshow_active_model_validation_loss,
///   lightshow_active_model_pca_validation_loss
///   lightshow_models{status}                         models stored, by status
/// Job durations are events, not state: JobMetrics records them.
///
/// Thread-safe: a mutex guards the source, so Detach() waits for a scrape in
/// progress and the source's owner may be destroyed right after it.

#include <functional>
#include <mutex>
#include <vector>

#include "absl/status/statusor.h"
#include "metrics/learn_snapshot.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace ls::metrics {

/// The families for one snapshot (pure; what Collect() serves).
std::vector<prometheus::MetricFamily> LearnFamilies(const LearnSnapshot& s);

class LearnCollector : public prometheus::Collectable {
 public:
  using Source = std::function<absl::StatusOr<LearnSnapshot>()>;

  LearnCollector() = default;
  LearnCollector(const LearnCollector&) = delete;
  LearnCollector& operator=(const LearnCollector&) = delete;

  /// Starts serving `source`'s snapshots (none before: the families are absent).
  void Attach(Source source);
  /// Stops calling the source; returns once no scrape is using it.
  void Detach();

  /// A source error leaves these families out of this scrape (logged), rather
  /// than reporting zeros that would be a lie.
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  mutable std::mutex mu_;
  Source source_;
};

}  // namespace ls::metrics
