#include "metrics/show_metrics.h"

#include "gtest/gtest.h"
#include "test_util.h"

namespace ls::metrics {
namespace {

double State(const std::string& t, const std::string& s) {
  return Sample(t, "lightshow_show_state{state=\"" + s + "\"}");
}

TEST(ShowMetrics, StartsIdleWithEverySeriesPresent) {
  prometheus::Registry r;
  ShowMetrics m(r);
  std::string t = Exposition(r);
  EXPECT_EQ(State(t, "idle"), 1);
  for (const char* s : {"scheduled", "playing", "finished", "stopped"}) EXPECT_EQ(State(t, s), 0) << s;
  EXPECT_EQ(Sample(t, "lightshow_shows_playing"), 0);
  EXPECT_EQ(Sample(t, "lightshow_show_frames"), 0);
}

TEST(ShowMetrics, ReportSetsExactlyOneStateAndTheProgress) {
  prometheus::Registry r;
  ShowMetrics m(r);
  m.Report(ShowState::kPlaying, 0.25, 344, 2);
  std::string t = Exposition(r);
  EXPECT_EQ(State(t, "playing"), 1);
  EXPECT_EQ(State(t, "idle"), 0);
  EXPECT_EQ(Sample(t, "lightshow_shows_playing"), 1);
  EXPECT_DOUBLE_EQ(Sample(t, "lightshow_show_progress_ratio"), 0.25);
  EXPECT_EQ(Sample(t, "lightshow_show_frames"), 344);
  EXPECT_EQ(Sample(t, "lightshow_show_agents"), 2);

  m.Report(ShowState::kFinished, 1.0, 344, 2);
  t = Exposition(r);
  EXPECT_EQ(State(t, "playing"), 0);
  EXPECT_EQ(State(t, "finished"), 1);
  EXPECT_EQ(Sample(t, "lightshow_shows_playing"), 0);
}

}  // namespace
}  // namespace ls::metrics
