// The runner tells its finish listener each job's kind, outcome and run time
// (what lightshow_job_duration_seconds records); a job stopped by a shutdown
// has no outcome yet and is not reported.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <vector>

#include "gtest/gtest.h"
#include "temp_dir.h"
#include "jobs/job_runner.h"

namespace ls::jobs {
namespace {

using namespace std::chrono_literals;

std::string RunnerScratch() { return testutil::ScratchDir("ls-runner-"); }

bool Eventually(const std::function<bool()>& pred) {
  for (int i = 0; i < 500; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

struct Finish {
  std::string kind;
  JobState outcome;
  double seconds;
};

class Recorder {
 public:
  JobFinishListener Listener() {
    return [this](const std::string& kind, JobState outcome, double seconds) {
      std::lock_guard<std::mutex> lock(mu_);
      seen_.push_back({kind, outcome, seconds});
    };
  }
  std::vector<Finish> Seen() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }

 private:
  std::mutex mu_;
  std::vector<Finish> seen_;
};

TEST(JobRunnerFinish, ReportsKindOutcomeAndRunTime) {
  auto store = JobStore::Open(RunnerScratch());
  ASSERT_TRUE(store.ok());
  Recorder rec;
  std::string stopped_id;
  {
    JobRunner runner(store->get(), 1);
    runner.Register("slow_ok", [](JobContext&) -> absl::StatusOr<std::string> {
      std::this_thread::sleep_for(120ms);
      return std::string("done");
    });
    runner.Register("bad", [](JobContext&) -> absl::StatusOr<std::string> {
      return absl::InternalError("boom");
    });
    runner.Register("long", [](JobContext& ctx) -> absl::StatusOr<std::string> {
      while (!ctx.StopRequested()) std::this_thread::sleep_for(5ms);
      return absl::CancelledError("stopped");
    });
    runner.SetFinishListener(rec.Listener());
    EXPECT_EQ(runner.Kinds(), (std::vector<std::string>{"bad", "long", "slow_ok"}));

    auto ok = runner.Submit("slow_ok", "", 1);
    ASSERT_TRUE(Eventually([&] { return rec.Seen().size() == 1; }));
    auto bad = runner.Submit("bad", "", 1);
    ASSERT_TRUE(Eventually([&] { return rec.Seen().size() == 2; }));
    auto cancel_me = runner.Submit("long", "", 1);
    ASSERT_TRUE(Eventually([&] { return (*store)->Get(cancel_me->id)->state == JobState::kRunning; }));
    ASSERT_TRUE(runner.Cancel(cancel_me->id).ok());
    ASSERT_TRUE(Eventually([&] { return rec.Seen().size() == 3; }));

    // Cancelled while queued: it never ran, so it has no run time to report.
    auto blocker = runner.Submit("long", "", 1);
    auto queued = runner.Submit("slow_ok", "", 1);
    ASSERT_TRUE(Eventually([&] { return (*store)->Get(blocker->id)->state == JobState::kRunning; }));
    ASSERT_TRUE(runner.Cancel(queued->id).ok());
    stopped_id = blocker->id;
  }  // shutdown: the running blocker stays running (resumed next start), no outcome
  EXPECT_EQ((*store)->Get(stopped_id)->state, JobState::kRunning);

  auto seen = rec.Seen();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].kind, "slow_ok");
  EXPECT_EQ(seen[0].outcome, JobState::kSucceeded);
  EXPECT_GE(seen[0].seconds, 0.1);
  EXPECT_LT(seen[0].seconds, 30);
  EXPECT_EQ(seen[1].kind, "bad");
  EXPECT_EQ(seen[1].outcome, JobState::kFailed);
  EXPECT_GE(seen[1].seconds, 0);
  EXPECT_EQ(seen[2].kind, "long");
  EXPECT_EQ(seen[2].outcome, JobState::kCancelled);
}

}  // namespace
}  // namespace ls::jobs
