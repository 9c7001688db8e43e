#include "player/frame_buffer.h"

#include <gtest/gtest.h>

namespace ls::agent {
namespace {

ShowParams Show(const std::string& id) { return ShowParams{id, 1000, 10, 100}; }

TEST(FrameBuffer, KeepsFramesOfTheCurrentShowInIndexOrder) {
  FrameBuffer b(100);
  EXPECT_EQ(b.Add("a", {{0, 1000, 1}}), 0u);  // no show yet
  b.Reset(Show("a"));
  EXPECT_EQ(b.Add("a", {{2, 1020, 3}, {0, 1000, 1}, {1, 1010, 2}}), 3u);
  EXPECT_EQ(b.Add("other", {{3, 1030, 4}}), 0u);
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b.Front()->index, 0u);
  EXPECT_EQ(b.Second()->index, 1u);
  b.PopFront();
  EXPECT_EQ(b.Front()->index, 1u);
}

TEST(FrameBuffer, RepeatReplacesAndConsumedFramesAreRefused) {
  FrameBuffer b(100);
  b.Reset(Show("a"));
  b.Add("a", {{0, 1000, 1}, {1, 1010, 2}});
  EXPECT_EQ(b.Add("a", {{1, 1010, 9}}), 1u);
  EXPECT_EQ(b.size(), 2u);
  b.PopFront();
  EXPECT_EQ(b.Front()->mask, 9);
  EXPECT_EQ(b.Add("a", {{0, 1000, 1}}), 0u);  // already played
  b.PopFront();
  EXPECT_EQ(b.Front(), nullptr);
  EXPECT_EQ(b.Add("a", {{1, 1010, 1}, {2, 1020, 1}}), 1u);
}

TEST(FrameBuffer, CapacityAndResetAndClear) {
  FrameBuffer b(2);
  b.Reset(Show("a"));
  EXPECT_EQ(b.Add("a", {{0, 0, 0}, {1, 0, 0}, {2, 0, 0}}), 2u);
  b.Reset(Show("b"));
  EXPECT_EQ(b.size(), 0u);
  EXPECT_EQ(b.show().show_id, "b");
  EXPECT_EQ(b.Add("a", {{5, 0, 0}}), 0u);
  b.Clear();
  EXPECT_FALSE(b.has_show());
  EXPECT_EQ(b.Add("b", {{5, 0, 0}}), 0u);
}

}  // namespace
}  // namespace ls::agent
