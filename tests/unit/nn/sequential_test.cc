#include "nn/sequential.h"

#include <gtest/gtest.h>

#include "nn/executor.h"
#include "nn/predictor.h"
#include "nn/tasks.h"

namespace ls::nn {
namespace {

TEST(Sequential, InfersSizesAndRejectsMismatches) {
  Sequential m;
  EXPECT_FALSE(m.Add(spec::Relu()).ok());  // first layer must be complete
  ASSERT_TRUE(m.Add(spec::Conv1D(2, 4, 3, 1, 1, 20)).ok());
  ASSERT_TRUE(m.Add(spec::Relu()).ok());
  EXPECT_EQ(m.layer(1).InputShape(), (Shape{4, 20}));
  ASSERT_TRUE(m.Add(spec::MaxPool1D(4)).ok());
  EXPECT_EQ(m.OutputShape(), (Shape{4, 5}));
  auto st = m.Add(spec::Dense(7, 3));
  EXPECT_FALSE(st.ok());
  EXPECT_NE(std::string(st.message()).find("expects input"), std::string::npos) << st;
  EXPECT_FALSE(m.Add(spec::MaxPool1D(50)).ok());  // longer than the input
  EXPECT_FALSE(m.Add(spec::Dropout(1.5f)).ok());
  ASSERT_TRUE(m.Add(spec::Dense(0, 3)).ok());
  EXPECT_EQ(m.NumParams(), 4 * 2 * 3 + 4 + 20 * 3 + 3);
  // Absurd sizes (e.g. from a damaged file) fail cleanly instead of allocating.
  EXPECT_FALSE(m.Add(spec::Dense(3, int64_t{1} << 30)).ok());
  EXPECT_EQ(m.num_layers(), 4);
}

TEST(Sequential, GenreCnnAndGruShapesMatchThePeer) {
  auto cnn = BuildGenreCnn(3);
  ASSERT_TRUE(cnn.ok()) << cnn.status();
  EXPECT_EQ(cnn->InputShape().size(), 65536);
  EXPECT_EQ(cnn->layer(2).OutputShape(), (Shape{10, 4096}));
  EXPECT_EQ(cnn->layer(cnn->num_layers() - 2).OutputShape(), (Shape{10, 1}));
  // PyTorch: 4 convs (1->10: 100, 10->10: 910 each) + Linear(10, 3) = 2863.
  EXPECT_EQ(cnn->NumParams(), 100 + 3 * 910 + 33);

  auto gru = BuildGruClassifier(100, 16, GruHead::kEpynn);
  ASSERT_TRUE(gru.ok());
  // GRU(16,16): 3*16*16*2 + 2*48 = 1632; Linear(1600,64): 102464; Linear(64,2): 130.
  EXPECT_EQ(gru->NumParams(), 1632 + 102464 + 130);
  auto last = BuildGruClassifier(100, 16, GruHead::kLast);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->NumParams(), 1632 + 34);
  Matrix x = Matrix::Zero(1600, 2), out;
  std::vector<int> sym(100);
  for (int t = 0; t < 100; ++t) sym[t] = t % 16;
  OneHotColumn(sym.data(), 100, 16, x, 1);
  EXPECT_EQ(x.col(1).sum(), 100);
  last->Predict(x, out);
  EXPECT_NEAR(out.col(0).sum(), 1.0, 1e-5);
}

TEST(Sequential, CloneAndSliceCopyParameters) {
  auto ae = BuildDenseAutoencoder(DenseAeSpec{}, 1);
  ASSERT_TRUE(ae.ok());
  Sequential copy = ae->model.Clone();
  EXPECT_TRUE(copy.params() == ae->model.params());
  copy.params()[0] += 1;
  EXPECT_FALSE(copy.params() == ae->model.params());
  auto enc = ae->Encoder();
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(enc->num_layers(), 5);
  EXPECT_FALSE(ae->model.Slice(3, 3).ok());
  EXPECT_FALSE(ae->model.Slice(0, 99).ok());
}

TEST(Sequential, PredictMatchesExecutorAndTrainingModeMatters) {
  Sequential m(4);
  ASSERT_TRUE(m.Add(spec::Dense(6, 6)).ok());
  ASSERT_TRUE(m.Add(spec::Dropout(0.5f)).ok());
  Matrix x = Matrix::Random(6, 5), a, b;
  m.Predict(x, a);
  Executor ex(m);
  b = ex.Forward(x);
  EXPECT_TRUE(a == b);  // evaluation mode: dropout off
  ex.SetTraining(true);
  ex.Reseed(1);
  const Matrix c = ex.Forward(x);
  EXPECT_GT((c - a).norm(), 0);
}

TEST(Tasks, EpynnQuantiseMatchesNumpyDigitize) {
  // np.digitize(x, arange(16)/15, right=True) on the min-maxed signal.
  const float x[] = {-1.0f, 1.0f, 0.0f, -0.9f, 0.5f, -1.0f + 2.0f / 15.0f, 0.99f, 0.21f, 1.0f};
  const std::vector<int> q = EpynnQuantise(x, 9, 10000);  // step 1
  // normalised: 0, 1, .5, .05, .75, 1/15, .995, .605, 1
  EXPECT_EQ(q, (std::vector<int>{0, 15, 8, 1, 12, 1, 15, 10, 15}));
  const std::vector<int> d = EpynnQuantise(x, 9, 44100);  // step int(4.41) = 4
  EXPECT_EQ(d, (std::vector<int>{0, 12, 15}));
  const float flat[] = {0.3f, 0.3f};
  EXPECT_EQ(EpynnQuantise(flat, 2, 10000), (std::vector<int>{0, 0}));
}

TEST(Predictor, ParallelInferenceMatchesSequentialPredict) {
  auto ae = BuildDenseAutoencoder(DenseAeSpec{}, 5);
  ASSERT_TRUE(ae.ok());
  Matrix x = (Matrix::Random(513, 301).array() + 1) / 2, a, b, c;
  ae->model.Predict(x, a);
  Predictor p(ae->model, 2);
  p.Run(x, b);
  // GEMM blocking depends on the batch width, so sums may round differently.
  EXPECT_TRUE(a.isApprox(b, 1e-5f));
  p.Run(x.col(7), c);  // batch of one
  EXPECT_TRUE(c.isApprox(a.col(7), 1e-5f));
}

}  // namespace
}  // namespace ls::nn
