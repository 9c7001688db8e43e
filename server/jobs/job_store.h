#pragma once
/// Job rows in SQLite (table `jobs` in DIR/catalog.db, its own connection):
/// state, progress and result of long-running work such as training.
///
/// States: queued → running → succeeded | failed | cancelled; queued →
/// cancelled; running → queued (requeued for resume). Finished states are
/// final: changing one is FAILED_PRECONDITION.
/// Thread-safe: every method takes the store's mutex.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ls::db { class SqliteDb; }

namespace ls::jobs {

enum class JobState { kQueued, kRunning, kSucceeded, kFailed, kCancelled };

/// "queued", "running", "succeeded", "failed", "cancelled".
const char* JobStateName(JobState s);
bool ParseJobState(std::string_view name, JobState* s);
/// succeeded, failed and cancelled.
bool IsFinished(JobState s);
/// Whether `from` → `to` is an allowed transition (pure).
bool CanTransition(JobState from, JobState to);

struct JobRecord {
  std::string id;
  std::string kind;
  JobState state = JobState::kQueued;
  std::string params;        ///< the job's settings, opaque to the store
  int epoch = 0;             ///< epochs done (= last checkpoint)
  int epochs = 0;
  double train_loss = 0;
  double val_loss = 0;
  double eta_s = 0;
  std::string message;
  std::string result;        ///< e.g. the model id a training job made
  int resumed_from = 0;      ///< checkpoint epoch of the last resume
  int64_t created_unix_ms = 0;
  int64_t updated_unix_ms = 0;
};

class JobStore {
 public:
  /// Opens DIR/catalog.db (creating the jobs table).
  static absl::StatusOr<std::unique_ptr<JobStore>> Open(const std::string& data_dir);
  ~JobStore();
  JobStore(const JobStore&) = delete;
  JobStore& operator=(const JobStore&) = delete;

  /// A new queued job with the next id ("job-1", "job-2", …).
  absl::StatusOr<JobRecord> Create(const std::string& kind, const std::string& params, int epochs);
  /// NOT_FOUND for an unknown id.
  absl::StatusOr<JobRecord> Get(const std::string& id);
  /// Newest first.
  absl::StatusOr<std::vector<JobRecord>> List();
  /// Queued and running jobs, oldest first (what a restart resumes).
  absl::StatusOr<std::vector<JobRecord>> Unfinished();
  /// Moves a job to `to` (FAILED_PRECONDITION when not allowed, naming both
  /// states); `message` replaces the job's message unless empty.
  absl::StatusOr<JobRecord> Transition(const std::string& id, JobState to,
                                       const std::string& message = "");
  absl::Status SetProgress(const std::string& id, int epoch, double train_loss, double val_loss,
                           double eta_s);
  absl::Status SetResult(const std::string& id, const std::string& result);
  absl::Status SetResumedFrom(const std::string& id, int epoch);
  absl::Status SetMessage(const std::string& id, const std::string& message);
  /// Deletes every finished job's row in one transaction; returns their ids,
  /// oldest first. Later jobs never reuse a deleted id.
  absl::StatusOr<std::vector<std::string>> DeleteFinished();

 private:
  explicit JobStore(std::unique_ptr<db::SqliteDb> db);
  absl::StatusOr<JobRecord> GetLocked(const std::string& id);

  std::mutex mu_;
  std::unique_ptr<db::SqliteDb> db_;
};

}  // namespace ls::jobs
