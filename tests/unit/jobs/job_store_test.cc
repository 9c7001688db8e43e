// The job store's state machine and the runner's cancel / shutdown / resume.
#include "jobs/job_store.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <unistd.h>

#include "gtest/gtest.h"
#include "temp_dir.h"
#include "jobs/job_runner.h"

namespace ls::jobs {
namespace {

using namespace std::chrono_literals;

std::string Scratch() { return testutil::ScratchDir("ls-jobs-"); }

bool WaitFor(const std::function<bool()>& pred) {
  for (int i = 0; i < 500; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

TEST(JobState, TransitionsFollowTheMachine) {
  EXPECT_TRUE(CanTransition(JobState::kQueued, JobState::kRunning));
  EXPECT_TRUE(CanTransition(JobState::kQueued, JobState::kCancelled));
  EXPECT_TRUE(CanTransition(JobState::kRunning, JobState::kSucceeded));
  EXPECT_TRUE(CanTransition(JobState::kRunning, JobState::kFailed));
  EXPECT_TRUE(CanTransition(JobState::kRunning, JobState::kCancelled));
  EXPECT_FALSE(CanTransition(JobState::kQueued, JobState::kSucceeded));
  for (JobState done : {JobState::kSucceeded, JobState::kFailed, JobState::kCancelled}) {
    EXPECT_TRUE(IsFinished(done));
    for (JobState to : {JobState::kQueued, JobState::kRunning, JobState::kSucceeded,
                        JobState::kFailed, JobState::kCancelled}) {
      EXPECT_FALSE(CanTransition(done, to)) << JobStateName(done) << " → " << JobStateName(to);
    }
  }
  JobState s;
  ASSERT_TRUE(ParseJobState("cancelled", &s));
  EXPECT_EQ(s, JobState::kCancelled);
  EXPECT_FALSE(ParseJobState("done", &s));
}

TEST(JobStore, CreateProgressFinishAndPersist) {
  const std::string dir = Scratch();
  {
    auto store = JobStore::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status();
    auto a = (*store)->Create("k", "p=1", 5);
    auto b = (*store)->Create("k", "p=2", 5);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->id, "job-1");
    EXPECT_EQ(b->id, "job-2");
    EXPECT_EQ(a->state, JobState::kQueued);
    ASSERT_TRUE((*store)->Transition("job-1", JobState::kRunning).ok());
    ASSERT_TRUE((*store)->SetProgress("job-1", 2, 0.5, 0.6, 9).ok());
    auto done = (*store)->Transition("job-2", JobState::kCancelled);
    ASSERT_TRUE(done.ok());
    auto again = (*store)->Transition("job-2", JobState::kCancelled);
    EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_NE(again.status().message().find("cancelled"), std::string::npos);
    EXPECT_EQ((*store)->Get("job-9").status().code(), absl::StatusCode::kNotFound);
  }
  auto store = JobStore::Open(dir);  // a restart
  ASSERT_TRUE(store.ok());
  auto j = (*store)->Get("job-1");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->state, JobState::kRunning);
  EXPECT_EQ(j->epoch, 2);
  EXPECT_DOUBLE_EQ(j->val_loss, 0.6);
  EXPECT_EQ(j->params, "p=1");
  auto open = (*store)->Unfinished();
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().id, "job-1");
}

TEST(JobRunner, RunsCancelsAndLeavesStoppedJobsToResume) {
  const std::string dir = Scratch();
  auto store = JobStore::Open(dir);
  ASSERT_TRUE(store.ok());
  std::atomic<int> runs{0};
  std::string resumed_id;
  {
    JobRunner runner(store->get(), 1);
    runner.Register("ok", [&](JobContext& ctx) -> absl::StatusOr<std::string> {
      ++runs;
      EXPECT_TRUE(ctx.Report(1, 0.1, 0.2, 0).ok());
      return std::string("result-") + ctx.job().params;
    });
    runner.Register("bad", [](JobContext&) -> absl::StatusOr<std::string> {
      return absl::InternalError("boom");
    });
    runner.Register("long", [](JobContext& ctx) -> absl::StatusOr<std::string> {
      while (!ctx.StopRequested()) std::this_thread::sleep_for(5ms);
      return absl::CancelledError("stopped");
    });
    auto ok = runner.Submit("ok", "a", 1);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(runner.Submit("nope", "", 1).status().code(), absl::StatusCode::kInvalidArgument);
    ASSERT_TRUE(WaitFor([&] { return (*store)->Get(ok->id)->state == JobState::kSucceeded; }));
    EXPECT_EQ((*store)->Get(ok->id)->result, "result-a");
    EXPECT_EQ(runner.Cancel(ok->id).status().code(), absl::StatusCode::kFailedPrecondition);

    auto bad = runner.Submit("bad", "", 1);
    ASSERT_TRUE(WaitFor([&] { return (*store)->Get(bad->id)->state == JobState::kFailed; }));
    EXPECT_EQ((*store)->Get(bad->id)->message, "boom");

    auto cancel_me = runner.Submit("long", "", 1);
    ASSERT_TRUE(WaitFor([&] { return (*store)->Get(cancel_me->id)->state == JobState::kRunning; }));
    ASSERT_TRUE(runner.Cancel(cancel_me->id).ok());
    EXPECT_EQ((*store)->Get(cancel_me->id)->state, JobState::kCancelled);

    auto stop_me = runner.Submit("long", "", 1);
    resumed_id = stop_me->id;
    ASSERT_TRUE(WaitFor([&] { return (*store)->Get(stop_me->id)->state == JobState::kRunning; }));
  }  // the runner shuts down: the running job stays running
  EXPECT_EQ((*store)->Get(resumed_id)->state, JobState::kRunning);
  JobRunner again(store->get(), 1);
  again.Register("long", [](JobContext&) -> absl::StatusOr<std::string> { return std::string("r"); });
  ASSERT_TRUE(again.ResumeUnfinished().ok());
  ASSERT_TRUE(WaitFor([&] { return (*store)->Get(resumed_id)->state == JobState::kSucceeded; }));
  EXPECT_EQ(runs.load(), 1);
}

}  // namespace
}  // namespace ls::jobs
