// The job and model tables summarised for /metrics: counts per kind and state
// (registered kinds with zeros), the newest training job's progress per kind,
// the active model (the bands when it is broken), models per status.
#include "learn/learn_metrics.h"

#include "gtest/gtest.h"

namespace ls::models {
using namespace ls::learn;  // the tests drive the store and the training code together
namespace {

using jobs::JobRecord;
using jobs::JobState;

JobRecord Job(const std::string& id, const std::string& kind, JobState state, int epoch, int epochs,
              double train = 0, double val = 0) {
  JobRecord j;
  j.id = id;
  j.kind = kind;
  j.state = state;
  j.epoch = epoch;
  j.epochs = epochs;
  j.train_loss = train;
  j.val_loss = val;
  return j;
}

int64_t Count(const metrics::LearnSnapshot& s, const std::string& kind, const std::string& state) {
  for (const auto& j : s.jobs) {
    if (j.kind == kind && j.state == state) return j.count;
  }
  return -1;
}

TEST(SummarizeLearn, CountsEveryStateOfEveryKind) {
  std::vector<JobRecord> jobs = {Job("job-4", "train_autoencoder", JobState::kFailed, 1, 5),
                                 Job("job-3", "train_autoencoder", JobState::kSucceeded, 5, 5),
                                 Job("job-2", "old_kind", JobState::kFailed, 0, 1),
                                 Job("job-1", "train_autoencoder", JobState::kSucceeded, 5, 5)};
  auto s = SummarizeLearn({"train_autoencoder", "train_classifier"}, jobs, {});
  EXPECT_EQ(s.jobs.size(), 15u);  // 3 kinds × 5 states
  EXPECT_EQ(Count(s, "train_autoencoder", "succeeded"), 2);
  EXPECT_EQ(Count(s, "train_autoencoder", "failed"), 1);
  EXPECT_EQ(Count(s, "train_autoencoder", "running"), 0);
  EXPECT_EQ(Count(s, "train_classifier", "queued"), 0);  // registered, never run
  EXPECT_EQ(Count(s, "old_kind", "failed"), 1);          // only in the table
  for (const auto& j : s.jobs) EXPECT_EQ(j.kind.find("job-"), std::string::npos);
}

TEST(SummarizeLearn, ProgressIsTheRunningJobElseTheNewestThatTrained) {
  // Newest first: a queued job (no epoch yet), the running one, an older finished one.
  std::vector<JobRecord> jobs = {Job("job-3", "train_autoencoder", JobState::kQueued, 0, 9),
                                 Job("job-2", "train_autoencoder", JobState::kRunning, 2, 10, 0.3, 0.4),
                                 Job("job-1", "train_autoencoder", JobState::kSucceeded, 5, 5, 0.1, 0.2)};
  auto s = SummarizeLearn({"train_autoencoder"}, jobs, {});
  ASSERT_EQ(s.training.size(), 1u);
  EXPECT_TRUE(s.training[0].running);
  EXPECT_EQ(s.training[0].epoch, 2);
  EXPECT_EQ(s.training[0].epochs, 10);
  EXPECT_DOUBLE_EQ(*s.training[0].train_loss, 0.3);
  EXPECT_DOUBLE_EQ(*s.training[0].val_loss, 0.4);

  jobs[1].state = JobState::kCancelled;  // nothing runs: the newest job that trained
  s = SummarizeLearn({"train_autoencoder"}, jobs, {});
  ASSERT_EQ(s.training.size(), 1u);
  EXPECT_FALSE(s.training[0].running);
  EXPECT_EQ(s.training[0].epoch, 2);

  // Running but before its first epoch: epochs known, no loss yet.
  s = SummarizeLearn({"train_autoencoder"}, {Job("job-9", "train_autoencoder", JobState::kRunning, 0, 7)}, {});
  ASSERT_EQ(s.training.size(), 1u);
  EXPECT_TRUE(s.training[0].running);
  EXPECT_EQ(s.training[0].epochs, 7);
  EXPECT_FALSE(s.training[0].train_loss.has_value());

  // A kind that never trained has no progress at all.
  EXPECT_TRUE(SummarizeLearn({"train_autoencoder"}, {}, {}).training.empty());
}

TEST(SummarizeLearn, ActiveModelAndModelsByStatus) {
  ModelRecord a;
  a.id = "dense-2";
  a.arch = "dense";
  a.active = true;
  a.created_unix_ms = 1764000000250;
  a.val_mse = 0.01;
  a.pca_val_mse = 0.02;
  ModelRecord b;
  b.id = "conv-1";
  b.arch = "conv";
  b.status = "broken";
  auto s = SummarizeLearn({}, {}, {a, b});
  ASSERT_TRUE(s.active.has_value());
  EXPECT_EQ(s.active->id, "dense-2");
  EXPECT_EQ(s.active->arch, "dense");
  EXPECT_DOUBLE_EQ(s.active->created_unix_s, 1764000000.25);
  EXPECT_DOUBLE_EQ(s.active->val_loss, 0.01);
  EXPECT_DOUBLE_EQ(s.active->pca_val_loss, 0.02);
  ASSERT_EQ(s.models.size(), 2u);
  for (const auto& m : s.models) EXPECT_EQ(m.count, 1) << m.status;

  a.status = "broken";  // the bands render instead, and the metrics say so
  s = SummarizeLearn({}, {}, {a, b});
  EXPECT_FALSE(s.active.has_value());
  for (const auto& m : s.models) EXPECT_EQ(m.count, m.status == "broken" ? 2 : 0) << m.status;

  s = SummarizeLearn({}, {}, {});
  EXPECT_FALSE(s.active.has_value());
  ASSERT_EQ(s.models.size(), 2u);  // ok and broken, both 0
}

}  // namespace
}  // namespace ls::models
