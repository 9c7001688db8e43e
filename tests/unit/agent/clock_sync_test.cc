#include "link/clock_sync.h"

#include <gtest/gtest.h>

namespace ls::agent {
namespace {

constexpr int64_t kMs = 1'000'000;
constexpr int64_t kEpoch = 1'764'057'600'000'000'000;  // an epoch-scale time

TEST(ClockSample, NtpFormulaOnKnownTimestamps) {
  // Server clock = agent clock − 500 ms. One-way delays 10 ms each, 2 ms server time.
  const int64_t t1 = kEpoch;                  // agent
  const int64_t t2 = t1 + 10 * kMs - 500 * kMs;  // server
  const int64_t t3 = t2 + 2 * kMs;               // server
  const int64_t t4 = t1 + 22 * kMs;              // agent
  auto s = ComputeClockSample(t1, t2, t3, t4);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->rtt_ns, 20 * kMs);
  EXPECT_EQ(s->offset_ns, 500 * kMs);  // agent − server
}

TEST(ClockSample, AsymmetricDelayShowsUpAsHalfTheDifference) {
  const int64_t t1 = kEpoch, t2 = kEpoch + 30 * kMs, t3 = t2, t4 = t1 + 40 * kMs;
  auto s = ComputeClockSample(t1, t2, t3, t4);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->rtt_ns, 40 * kMs);
  EXPECT_EQ(s->offset_ns, -10 * kMs);
}

TEST(ClockSample, NegativeRttIsRejected) {
  EXPECT_FALSE(ComputeClockSample(kEpoch, kEpoch, kEpoch + 10 * kMs, kEpoch + 1).has_value());
}

TEST(ClockSync, UsesTheMinimumRttSampleOfTheWindow) {
  ClockSync sync(3);
  EXPECT_EQ(sync.OffsetNs(), 0);
  EXPECT_FALSE(sync.Best().has_value());
  // offset +7 ms, rtt 4 ms (t2 = t1 − 5 ms, t3 = t2, t4 = t1 + 4 ms)
  auto add = [&](int64_t t1, int64_t offset, int64_t rtt) {
    const int64_t t2 = t1 + rtt / 2 - offset;
    return sync.AddExchange(t1, t2, t2, t1 + rtt);
  };
  ASSERT_TRUE(add(kEpoch, 7 * kMs, 4 * kMs));
  ASSERT_TRUE(add(kEpoch + 1'000 * kMs, 30 * kMs, 50 * kMs));  // a queued, skewed sample
  EXPECT_EQ(sync.OffsetNs(), 7 * kMs);
  EXPECT_EQ(sync.RttNs(), 4 * kMs);
  ASSERT_TRUE(add(kEpoch + 2'000 * kMs, 8 * kMs, 6 * kMs));
  ASSERT_TRUE(add(kEpoch + 3'000 * kMs, 20 * kMs, 40 * kMs));  // the 4 ms one falls out
  EXPECT_EQ(sync.OffsetNs(), 8 * kMs);
  EXPECT_EQ(sync.RttNs(), 6 * kMs);
  EXPECT_FALSE(sync.AddExchange(kEpoch, kEpoch, kEpoch + 10 * kMs, kEpoch + 1));
  EXPECT_EQ(sync.OffsetNs(), 8 * kMs);
}

}  // namespace
}  // namespace ls::agent
