#pragma once
/// Classification training jobs (kinds "train_end_detector" and
/// "train_classifier"); params are a resolved StartClassifyTrainingRequest in
/// protobuf text format (classify_request.h). Each loads its songs from the
/// blob store, splits them by song (the newest fifth, per label for clip
/// classifiers, is held out), trains, measures the model on the held-out
/// songs and registers it with its ClassifyMetrics (model files:
/// DIR/models/<id>.lsend for end detectors, <id>.lsnn for classifiers).
/// Clip classifiers checkpoint every epoch (jobs/epoch_checkpoint.h) and
/// resume from it after a restart; end detectors (one pass) start again.
/// Runs on a job worker thread.

#include <string>

#include "absl/status/statusor.h"
#include "jobs/job_runner.h"
#include "learn/train_job.h"

namespace ls::learn {

inline constexpr const char* kTrainEndDetectorKind = "train_end_detector";
inline constexpr const char* kTrainClassifierKind = "train_classifier";


/// The job bodies; each returns the new model's id.
absl::StatusOr<std::string> RunEndDetectorJob(jobs::JobContext& ctx, const TrainEnv& env);
absl::StatusOr<std::string> RunClassifierJob(jobs::JobContext& ctx, const TrainEnv& env);

}  // namespace ls::learn
