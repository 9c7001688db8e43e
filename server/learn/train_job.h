#pragma once
/// The autoencoder training job (kind "train_autoencoder"): loads the songs'
/// features (dark ends trimmed), splits validation by song (one song: a time
/// split at its end, noted on the job), trains epoch by epoch with a
/// checkpoint after each (jobs/epoch_checkpoint.h), resumes
/// from that checkpoint after a restart, then fits the PCA baseline on the
/// training frames and registers the model (DATA_DIR/models/<id>.lsnn + .pca).
/// Runs on a job worker thread; thread-safe as long as each job runs once.

#include <string>

#include "absl/status/statusor.h"
#include "catalog/blob_store.h"
#include "jobs/job_runner.h"
#include "models/model_store.h"

namespace ls::learn {

inline constexpr const char* kTrainAutoencoderKind = "train_autoencoder";

struct TrainEnv {
  const catalog::BlobStore* blobs = nullptr;
  models::ModelStore* models = nullptr;
  std::string data_dir;
  int threads = 2;  ///< trainer threads per step
};

/// The job body; returns the new model's id.
absl::StatusOr<std::string> RunTrainingJob(jobs::JobContext& ctx, const TrainEnv& env);

}  // namespace ls::learn
