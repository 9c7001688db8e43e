#include "nn/worker_pool.h"

#include <atomic>
#include <vector>

#include <gtest/gtest.h>

namespace ls::nn {
namespace {

TEST(WorkerPool, RunsEveryIndexOncePerCall) {
  WorkerPool pool(3);
  EXPECT_EQ(pool.size(), 3);
  std::vector<std::atomic<int>> hits(3);
  for (int round = 0; round < 2000; ++round) {
    const int n = 1 + round % 3;  // also smaller jobs than the pool
    pool.Run(n, [&](int t) { hits[t].fetch_add(1); });
  }
  // Index t runs in every round where n > t.
  EXPECT_EQ(hits[0].load(), 2000);
  EXPECT_EQ(hits[1].load(), 1333);
  EXPECT_EQ(hits[2].load(), 666);
}

TEST(WorkerPool, CallerIsWorkerZeroAndResultsAreVisible) {
  WorkerPool pool(2);
  std::vector<int> out(2, 0);
  const auto caller = std::this_thread::get_id();
  std::thread::id seen0;
  pool.Run(2, [&](int t) {
    if (t == 0) seen0 = std::this_thread::get_id();
    out[t] = t + 10;
  });
  EXPECT_EQ(seen0, caller);
  EXPECT_EQ(out[0], 10);
  EXPECT_EQ(out[1], 11);
}

}  // namespace
}  // namespace ls::nn
