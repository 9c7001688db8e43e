#include "metrics/agent_metrics.h"

#include <cmath>

#include "gtest/gtest.h"
#include "test_util.h"

namespace ls::metrics {
namespace {

AgentStatsSample Totals(uint64_t applied, uint64_t late, uint64_t dropped) {
  AgentStatsSample s;
  s.frames_applied = applied;
  s.frames_late = late;
  s.frames_dropped = dropped;
  return s;
}

TEST(AgentMetrics, CountersFollowTheAgentsRunningTotals) {
  prometheus::Registry r;
  AgentMetrics m(r);
  m.SetConnected("porch", true);
  m.Record("porch", Totals(100, 2, 1));
  m.Record("porch", Totals(250, 3, 1));
  std::string t = Exposition(r);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_frames_applied_total{agent="porch"})"), 250);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_frames_late_total{agent="porch"})"), 3);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_frames_dropped_total{agent="porch"})"), 1);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_connected{agent="porch"})"), 1);
}

TEST(AgentMetrics, ARestartedAgentKeepsTheCounterMonotonic) {
  prometheus::Registry r;
  AgentMetrics m(r);
  m.Record("porch", Totals(500, 0, 0));
  m.SetConnected("porch", false);
  m.SetConnected("porch", true);
  m.Record("porch", Totals(40, 0, 0));  // new process: its total began at 0
  m.Record("porch", Totals(60, 0, 0));
  EXPECT_EQ(Sample(Exposition(r), R"(lightshow_agent_frames_applied_total{agent="porch"})"), 560);
}

TEST(AgentMetrics, AReconnectOfTheSameProcessDoesNotCountTwice) {
  prometheus::Registry r;
  AgentMetrics m(r);
  m.Record("porch", Totals(500, 5, 0));
  m.SetConnected("porch", false);
  m.SetConnected("porch", true);
  m.Record("porch", Totals(520, 5, 0));
  std::string t = Exposition(r);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_frames_applied_total{agent="porch"})"), 520);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_frames_late_total{agent="porch"})"), 5);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_connected{agent="porch"})"), 1);
}

TEST(AgentMetrics, GaugesAndApplyErrorHistogramInSeconds) {
  prometheus::Registry r;
  AgentMetrics m(r);
  AgentStatsSample s = Totals(3, 0, 0);
  s.clock_offset_seconds = -0.0021;
  s.rtt_seconds = 0.0004;
  s.apply_error_seconds = {-0.00001, 0.0003, 0.03};
  m.Record("tree", s);
  std::string t = Exposition(r);
  EXPECT_DOUBLE_EQ(Sample(t, R"(lightshow_agent_clock_offset_seconds{agent="tree"})"), -0.0021);
  EXPECT_DOUBLE_EQ(Sample(t, R"(lightshow_agent_rtt_seconds{agent="tree"})"), 0.0004);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_apply_error_seconds_count{agent="tree"})"), 3);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_apply_error_seconds_bucket{agent="tree",le="0.0001"})"), 1);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_apply_error_seconds_bucket{agent="tree",le="0.0005"})"), 2);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_apply_error_seconds_bucket{agent="tree",le="+Inf"})"), 3);
}

TEST(AgentMetrics, LabelsAreCappedSoManyIdsShareOther) {
  prometheus::Registry r;
  AgentMetrics m(r);
  for (size_t i = 0; i < AgentMetrics::kMaxAgents + 10; ++i) {
    m.Record("a" + std::to_string(i), Totals(1, 0, 0));
  }
  std::string t = Exposition(r);
  EXPECT_EQ(Sample(t, R"(lightshow_agent_frames_applied_total{agent="other"})"), 10);
  EXPECT_TRUE(std::isnan(Sample(t, R"(lightshow_agent_frames_applied_total{agent="a70"})")));
  EXPECT_EQ(Sample(t, R"(lightshow_agent_frames_applied_total{agent="a0"})"), 1);
}

}  // namespace
}  // namespace ls::metrics
