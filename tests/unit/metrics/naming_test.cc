// Every family the server exposes follows the naming rules: lightshow_ prefix,
// help text, counters end in _total, base units only, and no label that could
// carry a song, show, play or job id.
#include <set>

#include "gtest/gtest.h"
#include "metrics/agent_metrics.h"
#include "metrics/job_metrics.h"
#include "metrics/learn_collector.h"
#include "metrics/process_collector.h"
#include "metrics/server_metrics.h"
#include "metrics/show_metrics.h"
#include "prometheus/registry.h"

namespace ls::metrics {
namespace {

std::vector<prometheus::MetricFamily> EverythingWithSamples() {
  auto reg = std::make_shared<prometheus::Registry>();
  ServerMetrics s(*reg);
  AgentMetrics a(*reg);
  ShowMetrics sh(*reg);
  s.RecordRequest("Play", "OK", 0.01);
  s.RecordIngest(1000, {{"decode", 0.1}, {"stft", 0.05}});
  AgentStatsSample sample;
  sample.apply_error_seconds = {0.001};
  a.Record("porch", sample);
  a.SetConnected("porch", true);
  auto out = reg->Collect();
  auto proc = ProcessCollector().Collect();
  out.insert(out.end(), proc.begin(), proc.end());
  return out;
}

// Jobs and models: durations, and a snapshot with every optional family present.
std::vector<prometheus::MetricFamily> LearnWithSamples() {
  auto reg = std::make_shared<prometheus::Registry>();
  JobMetrics jobs(*reg, {"train_autoencoder"});
  jobs.RecordFinished("train_autoencoder", "succeeded", 10);
  auto out = reg->Collect();
  LearnSnapshot s;
  s.jobs = {{"train_autoencoder", "running", 1}};
  TrainingProgress p;
  p.kind = "train_autoencoder";
  p.epoch = 1;
  p.train_loss = 0.1;
  p.val_loss = 0.2;
  s.training = {p};
  s.active = ActiveModel{"dense-1", "dense", 1, 0.1, 0.2};
  s.models = {{"ok", 1}};
  auto learn = LearnFamilies(s);
  out.insert(out.end(), learn.begin(), learn.end());
  return out;
}

TEST(MetricNaming, AllFamiliesFollowTheRules) {
  const std::set<std::string> forbidden_labels = {"song", "song_id", "show", "show_id", "play_id", "job", "job_id"};
  auto families = EverythingWithSamples();
  EXPECT_GE(families.size(), 20u);
  auto learn = LearnWithSamples();
  EXPECT_EQ(learn.size(), 11u);
  families.insert(families.end(), learn.begin(), learn.end());
  std::set<std::string> names;
  for (const auto& f : families) {
    SCOPED_TRACE(f.name);
    EXPECT_TRUE(names.insert(f.name).second) << "registered twice";
    EXPECT_EQ(f.name.rfind("lightshow_", 0), 0u);
    EXPECT_FALSE(f.help.empty());
    bool total = f.name.size() > 6 && f.name.compare(f.name.size() - 6, 6, "_total") == 0;
    EXPECT_EQ(total, f.type == prometheus::MetricType::Counter);
    for (const char* unit : {"_ms", "_milliseconds", "_ns", "_us", "_kb", "_mb", "_percent"}) {
      EXPECT_EQ(f.name.find(unit), std::string::npos) << "not a base unit: " << unit;
    }
    for (const auto& m : f.metric) {
      for (const auto& l : m.label) EXPECT_EQ(forbidden_labels.count(l.name), 0u) << l.name;
    }
  }
}

}  // namespace
}  // namespace ls::metrics
