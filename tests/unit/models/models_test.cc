// PCA baseline, training settings validation, autoencoder shapes.
#include <random>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "lightshow/v1/learn.pb.h"
#include "models/autoencoder.h"
#include "models/pca.h"
#include "models/train_settings.h"

namespace ls::models {
namespace {

TEST(Pca, RecoversALowRankSubspace) {
  std::mt19937 rng(1);
  std::normal_distribution<float> n(0, 1);
  const int dim = 20, samples = 2000;
  Eigen::MatrixXf basis(dim, 3);
  for (int i = 0; i < basis.size(); ++i) basis.data()[i] = n(rng);
  Eigen::MatrixXf x(dim, samples);
  for (int j = 0; j < samples; ++j) {
    Eigen::Vector3f c(n(rng), n(rng), n(rng));
    x.col(j) = basis * c + Eigen::VectorXf::Constant(dim, 5.0f);
    for (int i = 0; i < dim; ++i) x(i, j) += 0.01f * n(rng);
  }
  auto p3 = Pca::Fit(x, 3);
  auto p1 = Pca::Fit(x, 1);
  ASSERT_TRUE(p3.ok() && p1.ok());
  EXPECT_LT(p3->ReconstructionMse(x), 2e-4);            // ≈ the noise (1e-4)
  EXPECT_GT(p1->ReconstructionMse(x), 100 * p3->ReconstructionMse(x));
  Eigen::MatrixXf gram = p3->basis.transpose() * p3->basis;
  EXPECT_TRUE(gram.isIdentity(1e-4));
  auto back = Pca::Parse(p3->Serialize());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->ReconstructionMse(x), p3->ReconstructionMse(x));
  EXPECT_FALSE(Pca::Parse(p3->Serialize().substr(0, 100)).ok());
  EXPECT_FALSE(Pca::Fit(x, 0).ok());
  EXPECT_FALSE(Pca::Fit(x, 21).ok());
}

TrainSettings Good() {
  TrainSettings s;
  s.song_ids = {"abc"};
  return s;
}

void ExpectBad(const TrainSettings& s, const std::string& field) {
  absl::Status st = ValidateTrainSettings(s);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << field;
  EXPECT_EQ(st.message().substr(0, field.size()), field) << st.message();
}

TEST(TrainSettings, BadValuesNameTheirField) {
  EXPECT_TRUE(ValidateTrainSettings(Good()).ok());
  TrainSettings s = Good();
  s.song_ids.clear();
  ExpectBad(s, "songs");
  s = Good(); s.epochs = 0; ExpectBad(s, "epochs");
  s = Good(); s.bottleneck = 0; ExpectBad(s, "bottleneck");
  s = Good(); s.bottleneck = 65; ExpectBad(s, "bottleneck");
  s = Good(); s.batch = 0; ExpectBad(s, "batch");
  s = Good(); s.sparse_l1 = -0.1; ExpectBad(s, "sparse");
  s = Good(); s.denoise = 1.0; ExpectBad(s, "denoise");
  s = Good(); s.denoise = -0.01; ExpectBad(s, "denoise");
  s = Good(); s.arch = "rnn"; ExpectBad(s, "arch");
  s = Good(); s.hop = 256; ExpectBad(s, "hop");
  s = Good(); s.trim_end = "soon"; ExpectBad(s, "trim_end");
  s = Good(); s.trim_end = "2.5"; EXPECT_TRUE(ValidateTrainSettings(s).ok());
  s = Good(); s.lr_decay = "step"; ExpectBad(s, "lr_decay");
}

TEST(TrainSettings, TextRoundTrip) {
  TrainSettings s = Good();
  s.song_ids = {"a1", "b2"};
  s.arch = "conv";
  s.hidden = {32, 16};
  s.sparse_l1 = 0.001;
  s.trim_end = "none";
  auto back = SettingsFromText(SettingsToText(s));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(SettingsToText(*back), SettingsToText(s));
  s.lr_decay = "none";
  EXPECT_EQ(SettingsFromText(SettingsToText(s))->lr_decay, "none");
  EXPECT_EQ(SettingsFromText(SettingsToText(Good()))->lr_decay, "cosine");
}

TEST(TrainSettings, StoredAsTrainSettingsTextProtoWithSeedAndDecay) {
  TrainSettings s = Good();
  s.seed = 42;
  s.lr_decay = "none";
  s.epochs = 0;  // stored as given: zero stays zero, not a default
  const std::string text = SettingsToText(s);
  lightshow::v1::TrainSettings p;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &p)) << text;
  EXPECT_EQ(p.seed(), 42u);
  EXPECT_EQ(p.lr_decay(), "none");
  EXPECT_TRUE(p.has_epochs());
  EXPECT_EQ(p.arch(), s.arch);
  auto back = SettingsFromText(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->seed, 42u);
  EXPECT_EQ(back->epochs, 0);
  EXPECT_EQ(back->hidden, s.hidden);
  EXPECT_FALSE(SettingsFromText("arch: [not a proto").ok());
}

TEST(TrainSettings, SettingsStoredBeforeLrDecayKeepConstantRate) {
  // A job queued by an older server resumes with the updates it started with.
  auto old = SettingsFromText("songs=a\narch=residual\nepochs=3\n");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->lr_decay, "none");
  EXPECT_EQ(old->epochs, 3);
  EXPECT_EQ(old->song_ids, std::vector<std::string>{"a"});
}

TEST(Autoencoder, DenseAndConvShapes) {
  TrainSettings s = Good();
  s.arch = "dense";
  s.hidden = {32, 16};
  s.denoise = 0.1;
  s.sparse_l1 = 1e-3;
  auto dense = BuildAutoencoder(s);
  ASSERT_TRUE(dense.ok()) << dense.status();
  EXPECT_EQ(dense->model.InputShape().size(), 513);
  EXPECT_EQ(dense->model.OutputShape().size(), 513);
  auto enc = dense->model.Slice(0, dense->code_end);
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(enc->OutputShape().size(), 8);
  s.arch = "conv";
  auto conv = BuildAutoencoder(s);
  ASSERT_TRUE(conv.ok()) << conv.status();
  EXPECT_EQ(conv->model.InputShape().size(), 513 * kConvContext);
  EXPECT_EQ(conv->model.OutputShape().size(), 513);
  // Context assembly: frame f's column = frames f-2..f+2, clamped.
  std::vector<float> spec(513 * 4);
  for (int f = 0; f < 4; ++f) std::fill(spec.begin() + f * 513, spec.begin() + (f + 1) * 513, float(f));
  nn::Matrix in;
  int col = 0;
  AssembleInputs(spec.data(), 513, 4, kConvContext, &col, 1, &in);
  EXPECT_EQ(in(0, 0), 0.f);          // f-2 clamped to 0
  EXPECT_EQ(in(513 * 3, 0), 1.f);    // f+1
  EXPECT_EQ(in(513 * 4, 0), 2.f);    // f+2
}

}  // namespace
}  // namespace ls::models
