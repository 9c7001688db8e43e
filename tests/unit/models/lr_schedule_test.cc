// Learning-rate decay: the cosine factor and the scaled Adam update.
#include "gtest/gtest.h"
#include "learn/lr_schedule.h"

namespace ls::models {
using namespace ls::learn;  // the tests drive the store and the training code together
namespace {

TEST(LrScale, CosineFallsFromOneToTheFloor) {
  EXPECT_DOUBLE_EQ(LrScale("cosine", 0.0), 1.0);
  EXPECT_NEAR(LrScale("cosine", 0.5), 0.51, 1e-12);
  EXPECT_NEAR(LrScale("cosine", 1.0), 0.02, 1e-12);
  EXPECT_GT(LrScale("cosine", 0.3), LrScale("cosine", 0.7));
  EXPECT_DOUBLE_EQ(LrScale("none", 0.9), 1.0);
}

TEST(ScaledAdam, ScalesAdamsStepExactly) {
  const nn::Index n = 6;
  nn::Vector grad(n);
  grad << 0.5f, -1.0f, 2.0f, 0.0f, -0.25f, 3.0f;
  nn::Vector start = nn::Vector::LinSpaced(n, -1.0f, 1.0f);

  // Reference: one step of plain Adam at lr 1e-3 and at lr 0.25e-3.
  auto step = [&](double lr) {
    nn::Vector p = start;
    nn::AdamConfig cfg;
    cfg.lr = lr;
    nn::Adam adam(n, cfg);
    adam.BeginStep();
    adam.Update(p.data(), grad.data(), 0, n);
    return p;
  };
  const nn::Vector full = step(1e-3);
  const nn::Vector quarter = step(0.25e-3);

  nn::Adam adam(n);
  ScaledAdam scaled(adam, n);
  scaled.set_scale(0.25);
  nn::Vector p = start;
  scaled.BeginStep();
  scaled.Update(p.data(), grad.data(), 0, 3);  // two disjoint ranges, as the trainer's threads do
  scaled.Update(p.data(), grad.data(), 3, n);
  EXPECT_TRUE(p.isApprox(quarter, 1e-5)) << p.transpose() << " vs " << quarter.transpose();
  EXPECT_FALSE(p.isApprox(full, 1e-5));
  EXPECT_EQ(adam.steps(), 1);
}

}  // namespace
}  // namespace ls::models
