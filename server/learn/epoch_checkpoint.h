#pragma once
/// A training job's checkpoint after every epoch, in DATA_DIR/jobs/<job>/:
/// the weights (checkpoint.lsnn, metadata "epoch") are the commit point and
/// are written last; Adam's moments go first, into one of two files by epoch
/// parity, tagged with their epoch, so a kill between the two writes leaves the
/// checkpointed epoch's moments intact in the other file. A run resumed from
/// it makes the updates an unbroken one would. Every write is atomic.
/// Used by every job kind that trains a network epoch by epoch.
/// Thread-safety: one job (one thread) per checkpoint.

#include <string>

#include "absl/status/status.h"
#include "jobs/job_runner.h"
#include "nn/optimizer.h"
#include "nn/sequential.h"

namespace ls::learn {

class EpochCheckpoint {
 public:
  /// The checkpoint of `job_id` under `data_dir`/jobs/.
  EpochCheckpoint(const std::string& data_dir, const std::string& job_id);

  /// Restores the last finished epoch (1..max_epoch) into `model` and `adam`
  /// when one was saved for a network of the same size, records the resume on
  /// the job, and returns that epoch; 0 (nothing changed) when there is none.
  /// Without matching moments the weights still resume and the job says so.
  int Restore(jobs::JobContext& ctx, int max_epoch, nn::Sequential* model, nn::Adam* adam) const;

  /// After `epoch` (1-based): the moments, then the weights.
  absl::Status Save(int epoch, const nn::Sequential& model, const nn::Adam& adam) const;

  const std::string& dir() const { return dir_; }

 private:
  std::string OptimizerPath(int epoch) const;
  std::string dir_, weights_;
};

}  // namespace ls::learn
