#include "jobs/job_runner.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace ls::jobs {

JobRunner::JobRunner(JobStore* store, int threads)
    : store_(store), pool_(std::make_unique<ThreadPool>(threads)) {}

JobRunner::~JobRunner() { Shutdown(); }

void JobRunner::Register(const std::string& kind, JobFn fn) { kinds_[kind] = std::move(fn); }

absl::StatusOr<JobRecord> JobRunner::Submit(const std::string& kind, const std::string& params,
                                            int epochs) {
  if (kinds_.count(kind) == 0) {
    return absl::InvalidArgumentError(absl::StrCat("unknown job kind '", kind, "'"));
  }
  if (stopping_) return absl::UnavailableError("the server is shutting down");
  auto job = store_->Create(kind, params, epochs);
  if (!job.ok()) return job.status();
  std::string id = job->id;
  if (!pool_->Submit([this, id] { Run(id); })) {
    return absl::UnavailableError("the server is shutting down; the job stays queued");
  }
  return job;
}

absl::StatusOr<JobRecord> JobRunner::Cancel(const std::string& id) {
  auto job = store_->Transition(id, JobState::kCancelled, "cancelled by the user");
  if (!job.ok()) return job.status();
  std::lock_guard<std::mutex> lock(mu_);
  cancelled_.insert(id);
  return job;
}

absl::Status JobRunner::ResumeUnfinished() {
  if (stopping_) return absl::UnavailableError("the server is shutting down");
  auto jobs = store_->Unfinished();
  if (!jobs.ok()) return jobs.status();
  for (const auto& j : *jobs) {
    std::string id = j.id;
    pool_->Submit([this, id] { Run(id); });
  }
  return absl::OkStatus();
}

void JobRunner::Shutdown() {
  stopping_ = true;
  pool_.reset();  // queued tasks return at once; running ones stop at their next check
}

std::vector<std::string> JobRunner::Kinds() const {
  std::vector<std::string> out;
  for (const auto& [kind, fn] : kinds_) out.push_back(kind);
  return out;
}

void JobRunner::Finished(const std::string& kind, JobState outcome, double seconds) {
  if (on_finish_) on_finish_(kind, outcome, seconds);
}

void JobRunner::Run(const std::string& id) {
  if (stopping_) return;
  auto job = store_->Get(id);
  if (!job.ok() || IsFinished(job->state)) return;
  auto fn = kinds_.find(job->kind);
  if (fn == kinds_.end()) {
    if (store_->Transition(id, JobState::kFailed, absl::StrCat("unknown job kind '", job->kind, "'")).ok()) {
      Finished(job->kind, JobState::kFailed, 0);
    }
    return;
  }
  if (job->state == JobState::kQueued) {
    auto running = store_->Transition(id, JobState::kRunning);
    if (!running.ok()) return;  // cancelled meanwhile
    job = running;
  }
  auto stop = [this, id] {
    if (stopping_) return true;
    std::lock_guard<std::mutex> lock(mu_);
    return cancelled_.count(id) > 0;
  };
  JobContext ctx(*job, stop, store_);
  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<std::string> result = fn->second(ctx);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (stopping_) return;  // stays running: resumed from its checkpoint next start
  if (stop()) {           // cancelled: the row already says so
    Finished(job->kind, JobState::kCancelled, seconds);
    return;
  }
  if (!result.ok()) {
    LogError(absl::StrCat("job ", id, " failed: ", result.status().ToString()));
    if (store_->Transition(id, JobState::kFailed, std::string(result.status().message())).ok()) {
      Finished(job->kind, JobState::kFailed, seconds);
    }
    return;
  }
  store_->SetResult(id, *result).IgnoreError();
  if (store_->Transition(id, JobState::kSucceeded).ok()) Finished(job->kind, JobState::kSucceeded, seconds);
}

}  // namespace ls::jobs
