#include "nn/logreg.h"

#include <cmath>

#include <gtest/gtest.h>

#include <Eigen/Dense>

#include "nn/rng.h"

namespace ls::nn {
namespace {

// Exact Newton iterations in double on the same objective: the reference.
Eigen::VectorXd NewtonSolve(const Eigen::MatrixXd& x, const std::vector<int>& y, double c) {
  const Index d = x.rows(), n = x.cols();
  Eigen::MatrixXd xa(d + 1, n);
  xa.topRows(d) = x;
  xa.row(d).setOnes();
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(d + 1);
  Eigen::VectorXd reg = Eigen::VectorXd::Constant(d + 1, 1.0 / (c * n));
  reg[d] = 0;  // intercept not penalised
  for (int it = 0; it < 50; ++it) {
    const Eigen::VectorXd z = xa.transpose() * theta;
    Eigen::VectorXd p(n), w(n);
    for (Index i = 0; i < n; ++i) {
      p[i] = 1 / (1 + std::exp(-z[i]));
      w[i] = p[i] * (1 - p[i]);
    }
    Eigen::VectorXd r = p;
    for (Index i = 0; i < n; ++i) r[i] -= y[i];
    const Eigen::VectorXd g = xa * r / n + reg.cwiseProduct(theta);
    Eigen::MatrixXd h = xa * w.asDiagonal() * xa.transpose() / n;
    h.diagonal() += reg;
    theta -= h.ldlt().solve(g);
    if (g.lpNorm<Eigen::Infinity>() < 1e-14) break;
  }
  return theta;
}

void MakeOverlapping(Index d, Index n, uint64_t seed, Matrix& x, std::vector<int>& y) {
  Rng rng(seed);
  x.resize(d, n);
  y.resize(n);
  Eigen::VectorXd w(d);
  for (Index k = 0; k < d; ++k) w[k] = rng.Normal();
  for (Index i = 0; i < n; ++i) {
    double z = 0.3;
    for (Index k = 0; k < d; ++k) {
      x(k, i) = static_cast<Scalar>(rng.Normal());
      z += w[k] * x(k, i);
    }
    y[i] = rng.Uniform() < 1 / (1 + std::exp(-z)) ? 1 : 0;  // noisy labels: not separable
  }
}

TEST(LogReg, MatchesNewtonSolution) {
  Matrix x;
  std::vector<int> y;
  MakeOverlapping(5, 400, 1, x, y);
  for (double c : {1.0, 0.05}) {
    LogRegConfig cfg;
    cfg.C = c;
    cfg.tol = 1e-6;
    auto fit = FitLogisticRegression(x, y, cfg);
    ASSERT_TRUE(fit.ok()) << fit.status();
    EXPECT_TRUE(fit->converged) << "C=" << c << " after " << fit->n_iter << " iterations";
    const Eigen::VectorXd ref = NewtonSolve(x.cast<double>(), y, c);
    EXPECT_LT((fit->coef - ref.head(5)).norm(), 1e-4 * ref.norm())
        << "C=" << c << "\n" << fit->coef.transpose() << "\n" << ref.transpose();
    EXPECT_NEAR(fit->intercept, ref[5], 1e-4);
  }
}

TEST(LogReg, SeparableDataIsClassifiedCorrectly) {
  Rng rng(2);
  const Index n = 300;
  Matrix x(3, n);
  std::vector<int> y(n);
  for (Index i = 0; i < n; ++i) {
    y[i] = i % 2;
    x(0, i) = static_cast<Scalar>((y[i] ? 1.0 : -1.0) * rng.Uniform(0.5, 2.0));
    x(1, i) = static_cast<Scalar>(rng.Normal());
    x(2, i) = static_cast<Scalar>(rng.Uniform());
  }
  auto fit = FitLogisticRegression(x, y);
  ASSERT_TRUE(fit.ok());
  EXPECT_DOUBLE_EQ(fit->Accuracy(x, y), 1.0);
  EXPECT_GT(fit->coef[0], 1.0);
}

TEST(LogReg, RejectsBadInput) {
  Matrix x = Matrix::Random(2, 4);
  EXPECT_FALSE(FitLogisticRegression(x, {0, 1, 0}).ok());        // size mismatch
  EXPECT_FALSE(FitLogisticRegression(x, {0, 1, 2, 0}).ok());     // bad label
  EXPECT_FALSE(FitLogisticRegression(x, {1, 1, 1, 1}).ok());     // one class
  x(0, 0) = std::nanf("");
  EXPECT_FALSE(FitLogisticRegression(x, {0, 1, 0, 1}).ok());     // NaN
}

}  // namespace
}  // namespace ls::nn
