// Jobs, training and model metrics: the families a snapshot becomes, the
// collector's attach / detach / error behaviour, and job durations.
#include "gtest/gtest.h"
#include "metrics/job_metrics.h"
#include "metrics/learn_collector.h"
#include "prometheus/registry.h"
#include "test_util.h"

namespace ls::metrics {
namespace {

LearnSnapshot Training() {
  LearnSnapshot s;
  s.jobs = {{"train_autoencoder", "running", 1}, {"train_autoencoder", "failed", 2}};
  TrainingProgress p;
  p.kind = "train_autoencoder";
  p.running = true;
  p.epoch = 3;
  p.epochs = 20;
  p.train_loss = 0.0125;
  p.val_loss = 0.0175;
  s.training = {p};
  s.active = ActiveModel{"dense-4", "dense", 1764000000.5, 0.011, 0.019};
  s.models = {{"broken", 1}, {"ok", 3}};
  return s;
}

TEST(LearnFamilies, ExportsJobsTrainingActiveModelAndModels) {
  LearnCollector c;
  c.Attach([] { return Training(); });
  std::string t = Exposition(c);
  EXPECT_EQ(Sample(t, R"(lightshow_jobs{kind="train_autoencoder",state="running"})"), 1) << t;
  EXPECT_EQ(Sample(t, R"(lightshow_jobs{kind="train_autoencoder",state="failed"})"), 2);
  EXPECT_EQ(Sample(t, R"(lightshow_training_running{kind="train_autoencoder"})"), 1);
  EXPECT_EQ(Sample(t, R"(lightshow_training_epoch{kind="train_autoencoder"})"), 3);
  EXPECT_EQ(Sample(t, R"(lightshow_training_epochs{kind="train_autoencoder"})"), 20);
  EXPECT_DOUBLE_EQ(Sample(t, R"(lightshow_training_loss{kind="train_autoencoder",set="train"})"), 0.0125);
  EXPECT_DOUBLE_EQ(Sample(t, R"(lightshow_training_loss{kind="train_autoencoder",set="validation"})"), 0.0175);
  EXPECT_EQ(Sample(t, R"(lightshow_active_model_info{model="dense-4",arch="dense"})"), 1);
  EXPECT_DOUBLE_EQ(Sample(t, "lightshow_active_model_created_timestamp_seconds"), 1764000000.5);
  EXPECT_DOUBLE_EQ(Sample(t, "lightshow_active_model_validation_loss"), 0.011);
  EXPECT_DOUBLE_EQ(Sample(t, "lightshow_active_model_pca_validation_loss"), 0.019);
  EXPECT_EQ(Sample(t, R"(lightshow_models{status="ok"})"), 3);
  EXPECT_EQ(Sample(t, R"(lightshow_models{status="broken"})"), 1);
}

TEST(LearnFamilies, NoModelMeansBandsAndNoLossBeforeTheFirstEpoch) {
  LearnSnapshot s;
  s.jobs = {{"train_autoencoder", "queued", 1}};
  TrainingProgress p;
  p.kind = "train_autoencoder";
  p.running = true;
  p.epochs = 5;
  s.training = {p};
  s.models = {{"ok", 0}};
  LearnCollector c;
  c.Attach([s] { return s; });
  std::string t = Exposition(c);
  EXPECT_EQ(Sample(t, R"(lightshow_active_model_info{model="bands",arch="bands"})"), 1) << t;
  EXPECT_EQ(t.find("lightshow_active_model_created_timestamp_seconds"), std::string::npos);
  EXPECT_EQ(Sample(t, R"(lightshow_training_epoch{kind="train_autoencoder"})"), 0);
  EXPECT_EQ(t.find("lightshow_training_loss{"), std::string::npos) << "a loss of 0 before any epoch is a lie";
  EXPECT_EQ(Sample(t, R"(lightshow_models{status="ok"})"), 0);
}

TEST(LearnCollector, ServesNothingUnattachedDetachedOrOnASourceError) {
  LearnCollector c;
  EXPECT_TRUE(c.Collect().empty());
  c.Attach([]() -> absl::StatusOr<LearnSnapshot> { return absl::InternalError("database is locked"); });
  EXPECT_TRUE(c.Collect().empty());
  c.Attach([] { return Training(); });
  EXPECT_FALSE(c.Collect().empty());
  c.Detach();
  EXPECT_TRUE(c.Collect().empty());
}

TEST(JobMetrics, RegisteredKindsStartAtZeroAndFinishedJobsAreObserved) {
  prometheus::Registry r;
  JobMetrics m(r, {"train_autoencoder"});
  std::string t = Exposition(r);
  for (const char* outcome : {"succeeded", "failed", "cancelled"}) {
    EXPECT_EQ(Sample(t, std::string(R"(lightshow_job_duration_seconds_count{kind="train_autoencoder",outcome=")") +
                            outcome + "\"}"),
              0)
        << outcome;
  }
  m.RecordFinished("train_autoencoder", "succeeded", 42);
  m.RecordFinished("train_autoencoder", "failed", 3);
  t = Exposition(r);
  EXPECT_EQ(Sample(t, R"(lightshow_job_duration_seconds_count{kind="train_autoencoder",outcome="succeeded"})"), 1);
  EXPECT_EQ(Sample(t, R"(lightshow_job_duration_seconds_sum{kind="train_autoencoder",outcome="succeeded"})"), 42);
  EXPECT_EQ(Sample(t, R"(lightshow_job_duration_seconds_bucket{kind="train_autoencoder",outcome="succeeded",le="30"})"),
            0);
  EXPECT_EQ(Sample(t, R"(lightshow_job_duration_seconds_bucket{kind="train_autoencoder",outcome="succeeded",le="60"})"),
            1);
  EXPECT_EQ(Sample(t, R"(lightshow_job_duration_seconds_count{kind="train_autoencoder",outcome="failed"})"), 1);
}

}  // namespace
}  // namespace ls::metrics
