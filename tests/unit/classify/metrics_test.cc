#include "classify/metrics.h"

#include <gtest/gtest.h>

namespace ls::classify {
namespace {

TEST(Metrics, HandMadeConfusionMatrix) {
  // truth \ pred: a  b  c  unknown
  auto r = ReportFromConfusion({{5, 1, 0, 2}, {2, 3, 0, 0}, {0, 0, 4, 0}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->support, (std::vector<int64_t>{8, 5, 4}));
  EXPECT_NEAR(r->precision[0], 5.0 / 7, 1e-12);  // column a: 5 + 2
  EXPECT_NEAR(r->recall[0], 5.0 / 8, 1e-12);     // unknown answers count as misses
  EXPECT_NEAR(r->f1[0], 2 * (5.0 / 7) * (5.0 / 8) / (5.0 / 7 + 5.0 / 8), 1e-12);
  EXPECT_NEAR(r->precision[1], 3.0 / 4, 1e-12);
  EXPECT_NEAR(r->recall[1], 3.0 / 5, 1e-12);
  EXPECT_DOUBLE_EQ(r->precision[2], 1.0);
  EXPECT_DOUBLE_EQ(r->recall[2], 1.0);
  EXPECT_NEAR(r->accuracy, 12.0 / 17, 1e-12);
  EXPECT_NEAR(r->unknown_rate, 2.0 / 17, 1e-12);
}

TEST(Metrics, ReportMatchesConfusionAndRejectsBadInput) {
  auto r = Report(2, {0, 0, 1, 1, 1}, {0, 1, 1, 1, kUnknown});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->confusion, (std::vector<std::vector<int64_t>>{{1, 1, 0}, {0, 2, 1}}));
  EXPECT_NEAR(r->accuracy, 0.6, 1e-12);
  EXPECT_FALSE(Report(2, {0, 2}, {0, 0}).ok());
  EXPECT_FALSE(Report(2, {0}, {0, 1}).ok());
  EXPECT_FALSE(ReportFromConfusion({{1, 2}, {3}}).ok());
  EXPECT_FALSE(ReportFromConfusion({}).ok());
}

TEST(Metrics, EmptyClassHasZeroNotNan) {
  auto r = ReportFromConfusion({{3, 0}, {0, 0}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->precision[1], 0.0);
  EXPECT_EQ(r->f1[1], 0.0);
}

TEST(Metrics, BinaryCounts) {
  BinaryCounts c;
  for (bool t : {true, true, true, false}) c.Add(t, true);
  c.Add(true, false);
  EXPECT_NEAR(c.Precision(), 0.75, 1e-12);
  EXPECT_NEAR(c.Recall(), 0.75, 1e-12);
  EXPECT_NEAR(c.F1(), 0.75, 1e-12);
}

}  // namespace
}  // namespace ls::classify
