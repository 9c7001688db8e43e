#include "jobs/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "wait_for.h"

namespace ls::jobs {
namespace {

using namespace std::chrono_literals;

// A task that blocks its worker until released, so the test decides what is
// running and what is still queued.
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  void Wait() {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [this] { return open; });
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mu);
      open = true;
    }
    cv.notify_all();
  }
};

TEST(ThreadPool, DestructionRunsEveryAcceptedTask) {
  std::atomic<int> ran{0};
  {
    ThreadPool pool(1);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(pool.Submit([&] { ++ran; }));
  }
  EXPECT_EQ(ran.load(), 5);
}

TEST(ThreadPool, DropQueuedForgetsWaitingTasksLetsTheRunningOneFinishAndRefusesMore) {
  Gate gate;
  std::atomic<bool> started{false};
  std::atomic<int> ran{0};
  {
    ThreadPool pool(1);
    ASSERT_TRUE(pool.Submit([&] {
      started = true;
      gate.Wait();
      ++ran;
    }));
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(pool.Submit([&] { ++ran; }));
    ASSERT_TRUE(testutil::WaitFor([&] { return started.load(); }, 5s));
    EXPECT_EQ(pool.Pending(), 5u);
    EXPECT_EQ(pool.DropQueued(), 4u);
    EXPECT_FALSE(pool.Submit([&] { ++ran; }));
    EXPECT_EQ(pool.Pending(), 1u);
    gate.Open();
  }
  EXPECT_EQ(ran.load(), 1);
}

}  // namespace
}  // namespace ls::jobs
