#pragma once
/// What LearnCollector exports, as plain values: jobs by kind and state,
/// training progress per job kind, the active model and models by status.
/// Filled from the job and model tables at scrape time (learn::SummarizeLearn);
/// no job id ever becomes a label.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ls::metrics {

struct JobCount {
  std::string kind;
  std::string state;  ///< queued, running, succeeded, failed, cancelled
  int64_t count = 0;
};

/// The newest training job of one kind: the running one while one runs,
/// else the last one that finished an epoch.
struct TrainingProgress {
  std::string kind;
  bool running = false;
  int epoch = 0;   ///< epochs done
  int epochs = 0;  ///< epochs asked for
  /// Mean losses of the last epoch done; absent before the first epoch ends.
  std::optional<double> train_loss;
  std::optional<double> val_loss;
};

struct ActiveModel {
  std::string id;
  std::string arch;
  double created_unix_s = 0;
  double val_loss = 0;      ///< the model's validation MSE
  double pca_val_loss = 0;  ///< PCA's validation MSE on the same split
};

struct ModelCount {
  std::string status;  ///< ok, broken
  int64_t count = 0;
};

struct LearnSnapshot {
  std::vector<JobCount> jobs;
  std::vector<TrainingProgress> training;
  std::optional<ActiveModel> active;  ///< none: shows come from the bands
  std::vector<ModelCount> models;
};

}  // namespace ls::metrics
