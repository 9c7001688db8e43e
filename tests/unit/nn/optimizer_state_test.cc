// Adam's state round trip: a run stopped after k steps and resumed from the
// saved state makes exactly the updates of one never stopped.
#include <gtest/gtest.h>

#include <random>

#include "nn/optimizer.h"

namespace ls::nn {
namespace {

Vector Gradient(Index n, int step) {
  std::mt19937 rng(100 + step);
  std::normal_distribution<float> g(0.f, 1.f);
  Vector v(n);
  for (Index i = 0; i < n; ++i) v[i] = static_cast<Scalar>(g(rng));
  return v;
}

void Steps(Adam& adam, Vector& p, int from, int to) {
  for (int s = from; s < to; ++s) {
    const Vector g = Gradient(p.size(), s);
    adam.BeginStep();
    adam.Update(p.data(), g.data(), 0, p.size());
  }
}

TEST(AdamState, ResumedRunMatchesAnUnbrokenOneExactly) {
  const Index n = 37;
  Vector whole = Vector::Constant(n, 0.5f), resumed = whole;
  Adam a(n, AdamConfig{0.01});
  Steps(a, whole, 0, 20);

  Adam first(n, AdamConfig{0.01});
  Steps(first, resumed, 0, 7);
  const std::string state = first.SaveState();
  Adam second(n, AdamConfig{0.01});
  ASSERT_TRUE(second.LoadState(state).ok());
  EXPECT_EQ(second.steps(), 7);
  Steps(second, resumed, 7, 20);
  for (Index i = 0; i < n; ++i) EXPECT_EQ(whole[i], resumed[i]) << i;

  // Fresh moments (what a weights-only resume did) would not match.
  Vector fresh = Vector::Constant(n, 0.5f);
  Adam b(n, AdamConfig{0.01});
  Steps(b, fresh, 0, 7);
  Adam restart(n, AdamConfig{0.01});
  Steps(restart, fresh, 7, 20);
  EXPECT_NE(fresh, whole);
}

TEST(AdamState, DamagedOrForeignStateIsRefusedAndLeavesTheOptimizerAlone) {
  Adam a(10);
  Vector p = Vector::Zero(10);
  Steps(a, p, 0, 3);
  const std::string good = a.SaveState();
  Adam other(11);
  EXPECT_EQ(other.LoadState(good).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(other.steps(), 0);
  Adam same(10);
  EXPECT_FALSE(same.LoadState(good.substr(0, good.size() - 1)).ok()) << "truncated";
  EXPECT_FALSE(same.LoadState(good.substr(0, 10)).ok()) << "short header";
  std::string bad = good;
  bad[0] = 'X';
  EXPECT_NE(same.LoadState(bad).message().find("magic"), std::string_view::npos);
  EXPECT_EQ(same.steps(), 0);
  EXPECT_TRUE(same.LoadState(good).ok());
  EXPECT_EQ(same.steps(), 3);
}

}  // namespace
}  // namespace ls::nn
