// Learning tests: small problems the engine must solve end to end (float,
// two worker threads). Sizes are kept small so the suite runs in seconds.
#include <cmath>

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>

#include "nn/executor.h"
#include "nn/loss.h"
#include "nn/optimizer.h"
#include "nn/sequential.h"
#include "nn/tasks.h"
#include "nn/trainer.h"

namespace ls::nn {
namespace {

TEST(Learning, MlpLearnsXor) {
  Matrix x(2, 4), y(1, 4);
  x << 0, 0, 1, 1,
       0, 1, 0, 1;
  y << 0, 1, 1, 0;
  Sequential m(1);
  ASSERT_TRUE(m.Add(spec::Dense(2, 8)).ok());
  ASSERT_TRUE(m.Add(spec::Tanh()).ok());
  ASSERT_TRUE(m.Add(spec::Dense(0, 1)).ok());
  ASSERT_TRUE(m.Add(spec::Sigmoid()).ok());
  BceLoss bce;
  Adam adam(m.NumParams(), AdamConfig{0.05});
  Trainer trainer(m, bce, adam, TrainerConfig{4, 2, false, 1});
  double loss = 1.0;
  for (int i = 0; i < 500; ++i) loss = trainer.Step(x, y);
  EXPECT_LT(loss, 0.05);
  Matrix out;
  m.Predict(x, out);
  for (int j = 0; j < 4; ++j) EXPECT_EQ(out(0, j) > 0.5f, y(0, j) > 0.5f) << "sample " << j;
}

TEST(Learning, SgdWithMomentumFitsALinearMap) {
  Rng rng(3);
  Matrix x(3, 256), w(2, 3);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<Scalar>(rng.Normal());
  w << 1, -2, 0.5, 0.3, 0, -1;
  const Matrix y = w * x;
  Sequential m(1);
  ASSERT_TRUE(m.Add(spec::Dense(3, 2)).ok());
  MseLoss mse;
  Sgd sgd(m.NumParams(), SgdConfig{0.1, 0.9});
  Trainer trainer(m, mse, sgd, TrainerConfig{32, 2, true, 1});
  for (int e = 0; e < 30; ++e) trainer.Epoch(x, y);
  EXPECT_LT(trainer.Evaluate(x, y), 1e-6);
  EXPECT_TRUE(Eigen::Map<const Matrix>(m.params().data(), 2, 3).isApprox(w, 1e-3f));
}

// Reconstruction MSE (mean over elements) of the best rank-k affine fit.
double PcaError(const Matrix& x, int k) {
  const Eigen::MatrixXd xd = x.cast<double>();
  const Eigen::VectorXd mean = xd.rowwise().mean();
  const Eigen::MatrixXd c = xd.colwise() - mean;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(c * c.transpose());
  // Eigenvalues ascend: the discarded energy is the sum of the smallest d-k.
  const Eigen::VectorXd ev = eig.eigenvalues();
  const double rest = ev.head(ev.size() - k).sum();
  return rest / static_cast<double>(x.size());
}

TEST(Learning, EightUnitAutoencoderReachesPcaError) {
  // Rank-8 data in 32 dimensions plus a little isotropic noise.
  const Index d = 32, n = 1024, rank = 8;
  Rng rng(5);
  Matrix a(d, rank), z(rank, n), noise(d, n);
  for (Index i = 0; i < a.size(); ++i) a.data()[i] = static_cast<Scalar>(rng.Normal());
  for (Index i = 0; i < z.size(); ++i) z.data()[i] = static_cast<Scalar>(rng.Normal());
  for (Index i = 0; i < noise.size(); ++i) noise.data()[i] = static_cast<Scalar>(0.05 * rng.Normal());
  Matrix x = a * z * Scalar(0.2) + noise;
  x.colwise() += Vector::Constant(d, Scalar(0.5));
  const double pca = PcaError(x, 8);
  const double var = (x.colwise() - x.rowwise().mean()).squaredNorm() / x.size();

  // The 8-unit code is linear (as in the product's autoencoder).
  Sequential m(2);
  ASSERT_TRUE(m.Add(spec::Dense(d, 8)).ok());
  ASSERT_TRUE(m.Add(spec::Dense(0, d)).ok());
  MseLoss mse;
  Adam fast(m.NumParams(), AdamConfig{3e-3});
  Trainer trainer(m, mse, fast, TrainerConfig{64, 2, true, 2});
  for (int e = 0; e < 100; ++e) trainer.Epoch(x, x);
  // Then a smaller step size so Adam's jitter does not hide the optimum.
  Adam slow(m.NumParams(), AdamConfig{2e-4});
  Trainer fine(m, mse, slow, TrainerConfig{64, 2, true, 3});
  for (int e = 0; e < 200; ++e) fine.Epoch(x, x);
  const double err = fine.Evaluate(x, x);
  // Tolerance: within 5% of the PCA optimum (the noise left outside the top-8
  // subspace), which is itself ~1/100 of the data variance: an autoencoder
  // that missed one signal direction would be several times off.
  EXPECT_LT(pca, var * 2e-2);
  EXPECT_LE(err, 1.05 * pca) << "pca " << pca << " variance " << var;
}

TEST(Learning, GruRecallsBitSeenKStepsEarlier) {
  // Input: a random bit per step; target: the bit seen k steps before the end.
  const Index steps = 8, k = 4, n = 2048;
  Rng rng(7);
  auto make = [&](Index count, Matrix& x, Matrix& y) {
    x.resize(steps, count);
    y.resize(1, count);
    for (Index j = 0; j < count; ++j) {
      for (Index t = 0; t < steps; ++t) x(t, j) = rng.Uniform() < 0.5 ? 1.0f : 0.0f;
      y(0, j) = x(steps - 1 - k, j);
    }
  };
  Matrix x, y, xt, yt;
  make(n, x, y);
  make(512, xt, yt);
  Sequential m(3);
  ASSERT_TRUE(m.Add(spec::Gru(1, 12, false, steps)).ok());
  ASSERT_TRUE(m.Add(spec::Dense(0, 1)).ok());
  BceLoss bce(/*from_logits=*/true);
  Adam adam(m.NumParams(), AdamConfig{0.02});
  Trainer trainer(m, bce, adam, TrainerConfig{64, 2, true, 3});
  for (int e = 0; e < 40; ++e) trainer.Epoch(x, y);
  Matrix out;
  m.Predict(xt, out);
  int correct = 0;
  for (Index j = 0; j < xt.cols(); ++j) correct += (out(0, j) > 0) == (yt(0, j) > 0.5f);
  EXPECT_GE(correct, 0.97 * xt.cols());
}

TEST(Learning, Conv1DTellsTwoTonesApart) {
  const Index len = 256, n = 512;
  Rng rng(11);
  auto make = [&](Index count, Matrix& x, Matrix& y) {
    x.resize(len, count);
    y.setZero(2, count);
    for (Index j = 0; j < count; ++j) {
      const int cls = static_cast<int>(rng.Below(2));
      const double f = cls == 0 ? 0.02 : 0.09;  // cycles per sample
      const double phase = rng.Uniform(0, 6.283185307179586);
      const double amp = rng.Uniform(0.3, 1.0);
      for (Index t = 0; t < len; ++t) {
        x(t, j) = static_cast<Scalar>(amp * std::sin(6.283185307179586 * f * t + phase) +
                                      0.05 * rng.Normal());
      }
      y(cls, j) = 1;
    }
  };
  Matrix x, y, xt, yt;
  make(n, x, y);
  make(256, xt, yt);
  Sequential m(4);
  ASSERT_TRUE(m.Add(spec::Conv1D(1, 4, 9, 1, 4, len)).ok());
  ASSERT_TRUE(m.Add(spec::Relu()).ok());
  ASSERT_TRUE(m.Add(spec::MaxPool1D(16, 16, 4)).ok());
  ASSERT_TRUE(m.Add(spec::Flatten()).ok());
  ASSERT_TRUE(m.Add(spec::Dense(0, 2)).ok());
  SoftmaxCrossEntropyLoss ce;
  Adam adam(m.NumParams(), AdamConfig{0.01});
  Trainer trainer(m, ce, adam, TrainerConfig{32, 2, true, 4});
  for (int e = 0; e < 10; ++e) trainer.Epoch(x, y);
  Matrix out;
  m.Predict(xt, out);
  int correct = 0;
  for (Index j = 0; j < xt.cols(); ++j) {
    Index arg;
    out.col(j).maxCoeff(&arg);
    correct += yt(arg, j) > 0.5f;
  }
  EXPECT_GE(correct, 0.95 * xt.cols());
}

TEST(Learning, TrainingIsRepeatableWithFixedSeed) {
  Rng rng(13);
  Matrix x(16, 300);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<Scalar>(rng.Uniform());
  DenseAeConfig cfg;
  cfg.spec = DenseAeSpec{16, {12}, 4, 0.01f, 0.05f};  // with L1 and input noise
  cfg.epochs = 3;
  cfg.batch = 32;
  auto a = TrainDenseAutoencoder(x, cfg);
  auto b = TrainDenseAutoencoder(x, cfg);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->ae.model.params() == b->ae.model.params());
  EXPECT_EQ(a->epoch_loss, b->epoch_loss);
  cfg.seed = 1;
  auto c = TrainDenseAutoencoder(x, cfg);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(a->ae.model.params() == c->ae.model.params());
}

TEST(Learning, DenseAutoencoderLossFallsAndEncoderGivesTheCode) {
  Rng rng(17);
  const Index n = 600;
  Matrix x(513, n);
  for (Index j = 0; j < n; ++j) {
    const double a = rng.Uniform(), b = rng.Uniform();
    for (Index i = 0; i < 513; ++i) {
      x(i, j) = static_cast<Scalar>(0.5 * a * std::exp(-i / 80.0) + 0.3 * b * (i % 50) / 50.0 + 0.1);
    }
  }
  DenseAeConfig cfg;
  cfg.epochs = 8;
  cfg.batch = 64;
  auto r = TrainDenseAutoencoder(x, cfg);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->ae.model.NumParams(), 297609);  // the peer's parameter count
  EXPECT_LT(r->epoch_loss.back(), 0.5 * r->epoch_loss.front());
  EXPECT_GT(r->samples_per_s, 0);
  EXPECT_NEAR(r->final_full_pass_mse, r->epoch_loss.back(), 0.5 * r->epoch_loss.back());
  auto enc = r->ae.Encoder();
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(enc->OutputShape().size(), 8);
  Matrix code;
  enc->Predict(x.leftCols(5), code);
  Executor ex(r->ae.model);
  ex.Forward(x.leftCols(5));
  EXPECT_TRUE(code.isApprox(ex.Activation(r->ae.code_layer)));
}

}  // namespace
}  // namespace ls::nn
