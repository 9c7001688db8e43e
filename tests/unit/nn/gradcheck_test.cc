// Numerical gradient checks (double precision, central differences) for every
// layer, loss and regulariser: analytic gradients w.r.t. inputs and
// parameters must match with relative error <= 1e-4.
#include <cmath>
#include <functional>

#include <gtest/gtest.h>

#include "nn/executor.h"
#include "nn/loss.h"
#include "nn/sequential.h"

namespace ls::nn {
namespace {

static_assert(sizeof(Scalar) == 8, "gradient checks run in double");

constexpr double kEps = 1e-6;
constexpr double kTol = 1e-4;

double RelErr(const Vector& a, const Vector& n) {
  const double denom = std::max({a.norm(), n.norm(), 1e-12});
  return (a - n).norm() / denom;
}

Matrix RandomMatrix(Index rows, Index cols, Rng& rng, double lo = -1, double hi = 1) {
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = rng.Uniform(lo, hi);
  return m;
}

// Keeps values away from 0 so ReLU kinks are not crossed by the perturbation.
Matrix AwayFromZero(Matrix m) {
  for (Index i = 0; i < m.size(); ++i) {
    double& v = m.data()[i];
    v = v >= 0 ? v + 0.05 : v - 0.05;
  }
  return m;
}

// f = sum(R .* model(x)) + activity penalties; checks d f/d x and d f/d params.
void CheckModel(Sequential& model, const Matrix& x, uint64_t seed = 7, bool training = false) {
  Rng rng(seed);
  const Shape out_shape = model.OutputShape();
  const Matrix r = RandomMatrix(out_shape.size(), x.cols(), rng);
  Executor ex(model);
  ex.SetTraining(training);
  const Scalar scale = 0.5;  // exercises the scale plumbing of penalties

  auto value = [&](const Matrix& in) {
    ex.Reseed(seed);
    const Matrix& out = ex.Forward(in);
    double f = (out.array() * r.array()).sum();
    // Penalties are reported by Backward; recompute them here.
    for (int i = 0; i < model.num_layers(); ++i) {
      const float l1 = model.layer(i).spec().activity_l1;
      if (l1 > 0) f += scale * l1 * ex.Activation(i).cwiseAbs().sum();
    }
    return f;
  };

  ex.Reseed(seed);
  ex.Forward(x);
  ex.OutputGrad() = r;
  Vector grad(model.NumParams());
  Matrix dx;
  ex.Backward(scale, grad.data(), &dx);

  // Input gradient.
  Matrix xp = x;
  Vector num_dx(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    const double v = xp.data()[i];
    xp.data()[i] = v + kEps;
    const double fp = value(xp);
    xp.data()[i] = v - kEps;
    const double fm = value(xp);
    xp.data()[i] = v;
    num_dx[i] = (fp - fm) / (2 * kEps);
  }
  const Vector adx = Eigen::Map<const Vector>(dx.data(), dx.size());
  EXPECT_LE(RelErr(adx, num_dx), kTol) << "input gradient";
  EXPECT_GT(num_dx.norm(), 0.0);

  // Parameter gradient (the flat vector, every entry).
  Vector& p = model.params();
  Vector num_dp(p.size());
  for (Index i = 0; i < p.size(); ++i) {
    const double v = p[i];
    p[i] = v + kEps;
    const double fp = value(x);
    p[i] = v - kEps;
    const double fm = value(x);
    p[i] = v;
    num_dp[i] = (fp - fm) / (2 * kEps);
  }
  if (p.size() > 0) EXPECT_LE(RelErr(grad, num_dp), kTol) << "parameter gradient";
}

Sequential One(LayerSpec s) {
  Sequential m(42);
  EXPECT_TRUE(m.Add(s).ok());
  return m;
}

TEST(GradCheck, Dense) {
  Rng rng(1);
  Sequential m = One(spec::Dense(5, 4));
  CheckModel(m, RandomMatrix(5, 3, rng));
}

TEST(GradCheck, Conv1DPaddedStrided) {
  Rng rng(2);
  for (int stride : {1, 2}) {
    Sequential m = One(spec::Conv1D(2, 3, 3, stride, 1, 9));
    CheckModel(m, RandomMatrix(2 * 9, 2, rng));
  }
}

TEST(GradCheck, Conv1DNoPadding) {
  Rng rng(3);
  Sequential m = One(spec::Conv1D(1, 2, 4, 1, 0, 10));
  CheckModel(m, RandomMatrix(10, 2, rng));
}

TEST(GradCheck, MaxPool1D) {
  Rng rng(4);
  Sequential m = One(spec::MaxPool1D(4, 3, 1, 2, 11));
  CheckModel(m, RandomMatrix(2 * 11, 3, rng));
}

TEST(GradCheck, GruLastState) {
  Rng rng(5);
  Sequential m = One(spec::Gru(3, 4, false, 5));
  CheckModel(m, RandomMatrix(3 * 5, 2, rng));
}

TEST(GradCheck, GruSequence) {
  Rng rng(6);
  Sequential m = One(spec::Gru(2, 3, true, 4));
  CheckModel(m, RandomMatrix(2 * 4, 3, rng));
}

TEST(GradCheck, RnnLastState) {
  Rng rng(7);
  Sequential m = One(spec::Rnn(3, 4, false, 5));
  CheckModel(m, RandomMatrix(3 * 5, 2, rng));
}

TEST(GradCheck, RnnSequence) {
  Rng rng(8);
  Sequential m = One(spec::Rnn(2, 3, true, 4));
  CheckModel(m, RandomMatrix(2 * 4, 3, rng));
}

TEST(GradCheck, Relu) {
  Rng rng(9);
  Sequential m = One(spec::Relu(6));
  CheckModel(m, AwayFromZero(RandomMatrix(6, 3, rng)));
}

TEST(GradCheck, Sigmoid) {
  Rng rng(10);
  Sequential m = One(spec::Sigmoid(6));
  CheckModel(m, RandomMatrix(6, 3, rng, -3, 3));
}

TEST(GradCheck, Tanh) {
  Rng rng(11);
  Sequential m = One(spec::Tanh(6));
  CheckModel(m, RandomMatrix(6, 3, rng, -2, 2));
}

TEST(GradCheck, SoftmaxWithTemperature) {
  Rng rng(12);
  for (float t : {1.0f, 0.5f, 3.0f}) {
    Sequential m = One(spec::Softmax(t, 5));
    CheckModel(m, RandomMatrix(5, 3, rng, -2, 2));
  }
}

TEST(GradCheck, DropoutFixedMask) {
  Rng rng(13);
  Sequential m = One(spec::Dropout(0.4f, 8));
  CheckModel(m, RandomMatrix(8, 4, rng), 99, /*training=*/true);
}

TEST(GradCheck, GaussianNoise) {
  Rng rng(14);
  Sequential m = One(spec::GaussianNoise(0.3f, 6));
  CheckModel(m, RandomMatrix(6, 3, rng), 5, /*training=*/true);
}

TEST(GradCheck, Flatten) {
  Rng rng(15);
  Sequential m(1);
  ASSERT_TRUE(m.Add(spec::Conv1D(2, 2, 3, 1, 1, 5)).ok());
  ASSERT_TRUE(m.Add(spec::Flatten()).ok());
  ASSERT_TRUE(m.Add(spec::Dense(0, 3)).ok());
  CheckModel(m, RandomMatrix(10, 2, rng));
}

TEST(GradCheck, L1ActivityRegulariser) {
  Rng rng(16);
  Sequential m(3);
  LayerSpec d = spec::Dense(4, 5);
  d.activity_l1 = 0.3f;
  ASSERT_TRUE(m.Add(d).ok());
  ASSERT_TRUE(m.Add(spec::Tanh()).ok());
  CheckModel(m, RandomMatrix(4, 3, rng));
}

TEST(GradCheck, StackedCnnAndGruModels) {
  Rng rng(17);
  Sequential cnn(4);
  ASSERT_TRUE(cnn.Add(spec::Conv1D(1, 3, 5, 1, 2, 16)).ok());
  ASSERT_TRUE(cnn.Add(spec::Tanh()).ok());
  ASSERT_TRUE(cnn.Add(spec::MaxPool1D(4, 4, 1)).ok());
  ASSERT_TRUE(cnn.Add(spec::Conv1D(0, 2, 3, 1, 1)).ok());
  ASSERT_TRUE(cnn.Add(spec::Flatten()).ok());
  ASSERT_TRUE(cnn.Add(spec::Dense(0, 2)).ok());
  CheckModel(cnn, RandomMatrix(16, 2, rng));

  Sequential gru(5);
  ASSERT_TRUE(gru.Add(spec::Gru(3, 4, true, 3)).ok());
  ASSERT_TRUE(gru.Add(spec::Flatten()).ok());
  ASSERT_TRUE(gru.Add(spec::Dense(0, 2)).ok());
  ASSERT_TRUE(gru.Add(spec::Softmax()).ok());
  CheckModel(gru, RandomMatrix(9, 2, rng));
}

// Losses: d(scale * sum loss)/d pred.
void CheckLoss(const Loss& loss, const Matrix& pred, const Matrix& target) {
  const Scalar scale = 1.0 / pred.cols();
  Matrix d;
  loss.Evaluate(pred, target, scale, &d);
  Matrix p = pred;
  Vector num(p.size());
  for (Index i = 0; i < p.size(); ++i) {
    const double v = p.data()[i];
    p.data()[i] = v + kEps;
    const double fp = loss.Evaluate(p, target, scale, nullptr);
    p.data()[i] = v - kEps;
    const double fm = loss.Evaluate(p, target, scale, nullptr);
    p.data()[i] = v;
    num[i] = (fp - fm) / (2 * kEps);
  }
  EXPECT_LE(RelErr(Eigen::Map<const Vector>(d.data(), d.size()), num), kTol);
}

TEST(GradCheck, MseLoss) {
  Rng rng(20);
  CheckLoss(MseLoss(), RandomMatrix(4, 3, rng), RandomMatrix(4, 3, rng));
}

TEST(GradCheck, BceLossOnProbabilities) {
  Rng rng(21);
  CheckLoss(BceLoss(), RandomMatrix(4, 3, rng, 0.05, 0.95), RandomMatrix(4, 3, rng, 0, 1));
}

TEST(GradCheck, BceLossOnLogits) {
  Rng rng(22);
  CheckLoss(BceLoss(true), RandomMatrix(4, 3, rng, -3, 3), RandomMatrix(4, 3, rng, 0, 1));
}

TEST(GradCheck, SoftmaxCrossEntropyWithClassWeights) {
  Rng rng(23);
  Matrix target = Matrix::Zero(3, 4);
  for (Index j = 0; j < 4; ++j) target(j % 3, j) = 1;
  CheckLoss(SoftmaxCrossEntropyLoss(), RandomMatrix(3, 4, rng, -2, 2), target);
  CheckLoss(SoftmaxCrossEntropyLoss({0.2, 1.0, 3.0}), RandomMatrix(3, 4, rng, -2, 2), target);
  // Soft targets too.
  Matrix soft = RandomMatrix(3, 4, rng, 0, 1);
  soft = soft.array().rowwise() / soft.colwise().sum().array();
  CheckLoss(SoftmaxCrossEntropyLoss({0.5, 2.0, 1.0}), RandomMatrix(3, 4, rng, -2, 2), soft);
}

TEST(GradCheck, LossValuesMatchDefinitions) {
  Matrix p(2, 1), t(2, 1);
  p << 0.25, 0.75;
  t << 0.0, 1.0;
  EXPECT_NEAR(MseLoss().Evaluate(p, t, 1.0, nullptr), 0.0625, 1e-12);
  EXPECT_NEAR(BceLoss().Evaluate(p, t, 1.0, nullptr), -std::log(0.75), 1e-12);
  Matrix z(2, 1), onehot(2, 1);
  z << 0.0, 0.0;
  onehot << 1.0, 0.0;
  EXPECT_NEAR(SoftmaxCrossEntropyLoss({2.0, 1.0}).Evaluate(z, onehot, 1.0, nullptr),
              2.0 * std::log(2.0), 1e-12);
}

// A batch run in two chunks (the second Backward accumulating) gives the
// whole batch's parameter gradient: the trainer relies on it to keep memory
// flat in the batch size.
void CheckChunkedGradient(Sequential& model, const Matrix& x) {
  Rng rng(9);
  const Matrix r = RandomMatrix(model.OutputShape().size(), x.cols(), rng);
  const Index split = 1, rest = x.cols() - split;
  Executor ex(model);
  Vector whole(model.NumParams()), chunked(model.NumParams());
  ex.Forward(x);
  ex.OutputGrad() = r;
  ex.Backward(1.0, whole.data());
  chunked.setConstant(123.0);  // the first chunk overwrites it
  ex.Forward(x.leftCols(split));
  ex.OutputGrad() = r.leftCols(split);
  ex.Backward(1.0, chunked.data());
  ex.Forward(x.rightCols(rest));
  ex.OutputGrad() = r.rightCols(rest);
  ex.Backward(1.0, chunked.data(), nullptr, /*accumulate=*/true);
  EXPECT_GT(whole.norm(), 0.0);
  EXPECT_LE(RelErr(chunked, whole), 1e-12);
}

TEST(GradCheck, ChunkedBatchAccumulatesEveryParameterLayer) {
  Rng rng(11);
  Sequential dense = One(spec::Dense(5, 4));
  CheckChunkedGradient(dense, RandomMatrix(5, 4, rng));
  Sequential conv = One(spec::Conv1D(2, 3, 3, 2, 1, 9));
  CheckChunkedGradient(conv, RandomMatrix(2 * 9, 3, rng));
  Sequential gru = One(spec::Gru(3, 4, true, 5));
  CheckChunkedGradient(gru, RandomMatrix(3 * 5, 3, rng));
  Sequential rnn = One(spec::Rnn(3, 4, true, 5));
  CheckChunkedGradient(rnn, RandomMatrix(3 * 5, 3, rng));
}

}  // namespace
}  // namespace ls::nn
