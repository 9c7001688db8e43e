#pragma once
/// Runs jobs of registered kinds on its own worker pool (never on a gRPC
/// thread), keeping their rows in a JobStore up to date. Cancel() stops a
/// running job at its next check; Shutdown() stops every job without
/// finishing it, so the next start resumes it (ResumeUnfinished).
/// Thread-safe; non-copyable.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "jobs/job_store.h"
#include "jobs/thread_pool.h"

namespace ls::jobs {

/// What a running job sees.
class JobContext {
 public:
  JobContext(JobRecord job, std::function<bool()> stop, JobStore* store)
      : job_(std::move(job)), stop_(std::move(stop)), store_(store) {}
  const JobRecord& job() const { return job_; }
  /// True once the job is cancelled or the server is stopping: return soon.
  bool StopRequested() const { return stop_(); }
  /// Records progress after `epoch` epochs (call after its checkpoint is saved).
  absl::Status Report(int epoch, double train_loss, double val_loss, double eta_s) {
    return store_->SetProgress(job_.id, epoch, train_loss, val_loss, eta_s);
  }
  absl::Status Note(const std::string& message) { return store_->SetMessage(job_.id, message); }
  absl::Status ResumedFrom(int epoch) { return store_->SetResumedFrom(job_.id, epoch); }

 private:
  JobRecord job_;
  std::function<bool()> stop_;
  JobStore* store_;
};

/// A job body: returns the job's result (e.g. a model id) or its error. When
/// it returns while StopRequested(), the result is ignored.
using JobFn = std::function<absl::StatusOr<std::string>(JobContext&)>;

/// Told when a job reaches a final state after running here: its kind, the
/// state (succeeded, failed or cancelled) and its run time in seconds since
/// it last started (a resumed job: since its resume).
using JobFinishListener = std::function<void(const std::string& kind, JobState outcome, double seconds)>;

class JobRunner {
 public:
  /// `store` outlives the runner. `threads` jobs run at once.
  JobRunner(JobStore* store, int threads);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  /// Registers a kind before any Submit/Resume.
  void Register(const std::string& kind, JobFn fn);
  /// Stores a queued job and schedules it. INVALID_ARGUMENT for an unknown kind.
  absl::StatusOr<JobRecord> Submit(const std::string& kind, const std::string& params, int epochs);
  /// Queued or running → cancelled (a running job stops at its next check);
  /// FAILED_PRECONDITION for a finished job; NOT_FOUND for an unknown one.
  absl::StatusOr<JobRecord> Cancel(const std::string& id);
  /// Schedules every queued or running job again (after a restart).
  absl::Status ResumeUnfinished();
  /// Stops running jobs (their rows stay running, to be resumed) and joins.
  void Shutdown();
  /// The registered kinds, sorted.
  std::vector<std::string> Kinds() const;
  /// Set before any Submit/Resume (it is read without a lock); called on the
  /// job's worker thread.
  void SetFinishListener(JobFinishListener listener) { on_finish_ = std::move(listener); }

 private:
  void Run(const std::string& id);
  void Finished(const std::string& kind, JobState outcome, double seconds);

  JobStore* store_;
  std::map<std::string, JobFn> kinds_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::set<std::string> cancelled_;
  std::unique_ptr<ThreadPool> pool_;
  JobFinishListener on_finish_;
};

}  // namespace ls::jobs
