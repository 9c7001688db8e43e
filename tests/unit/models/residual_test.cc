// The residual autoencoder: starts at PCA's solution, trains past it on
// held-out data with a nonlinear structure, and survives the model file.
#include <cmath>
#include <filesystem>
#include <random>

#include "common/files.h"
#include "gtest/gtest.h"
#include "learn/ae_training.h"
#include "models/autoencoder.h"
#include "models/learned_model.h"
#include "models/pca.h"
#include "nn/loss.h"
#include "nn/model_file.h"
#include "nn/optimizer.h"

namespace ls::models {
using namespace ls::learn;  // the tests drive the store and the training code together
namespace {

// Songs whose frames are a smooth nonlinear function of 4 latent values
// (linear + squared + rectified terms over 513 bins, plus a little noise):
// 12-odd directions of variance, so PCA-8 must drop some, while an 8-number
// code can hold all 4 latents.
std::vector<SongFeatures> LowRankPlusNonlinear(int songs, int frames, uint32_t seed) {
  std::mt19937 rng(seed);
  std::mt19937 fixed(7);  // the same mixing for every song
  std::normal_distribution<float> n(0, 1);
  Eigen::MatrixXf a(513, 4), b(513, 4), c(513, 4);
  for (auto* m : {&a, &b, &c}) {
    for (int i = 0; i < m->size(); ++i) m->data()[i] = 0.03f * n(fixed);
  }
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<SongFeatures> out(songs);
  for (auto& s : out) {
    s.spec.frames = frames;
    s.spec.data.resize(size_t(frames) * 513);
    s.dark_start = frames;
    s.frame_period_s = 1024.0 / 44100;
    for (int f = 0; f < frames; ++f) {
      Eigen::Vector4f z(u(rng), u(rng), u(rng), u(rng));
      Eigen::VectorXf x = Eigen::VectorXf::Constant(513, 0.5f) + a * z + b * z.cwiseProduct(z) +
                          c * z.cwiseMax(0.0f);
      for (int i = 0; i < 513; ++i) s.spec.row(f)[i] = x[i] + 0.002f * n(rng);
    }
  }
  return out;
}

double PcaValMse(const TrainData& d, int k) {
  auto pca = Pca::Fit(FramesOf(d, d.train), k);
  EXPECT_TRUE(pca.ok());
  return pca->ReconstructionMse(FramesOf(d, d.val));
}

TEST(ResidualAutoencoder, StartsExactlyAtPcaError) {
  auto d = SplitBySong(LowRankPlusNonlinear(5, 400, 1));
  ASSERT_TRUE(d.ok()) << d.status();
  for (std::string arch : {"residual", "context"})
  for (std::vector<int> hidden : {std::vector<int>{}, {32}, {48, 16}, {24}}) {
    TrainSettings s;
    s.song_ids = {"x"};
    s.arch = arch;
    s.hidden = hidden;
    auto pca = Pca::Fit(FramesOf(*d, d->train), s.bottleneck);
    ASSERT_TRUE(pca.ok());
    auto built = BuildAutoencoder(s);
    ASSERT_TRUE(built.ok()) << built.status();
    ASSERT_TRUE(InitFromPca(s, *pca, &*built).ok());
    nn::MseLoss loss;
    nn::Adam adam(built->model.NumParams());
    nn::Trainer trainer(built->model, loss, adam, {});
    const double pca_val = pca->ReconstructionMse(FramesOf(*d, d->val));
    EXPECT_NEAR(EvaluateSamples(trainer, *d, d->val, ContextFrames(arch)), pca_val, 1e-4 * pca_val)
        << arch << ", hidden layers: " << hidden.size();
  }
}

TEST(ResidualAutoencoder, DefaultSettingsBeatPcaOnHeldOutSongs) {
  auto d = SplitBySong(LowRankPlusNonlinear(5, 1500, 2));
  ASSERT_TRUE(d.ok()) << d.status();
  TrainSettings s;  // the defaults `lsctl train autoencoder` uses
  s.song_ids = {"a", "b", "c", "d", "e"};
  s.epochs = 10;
  auto pca = Pca::Fit(FramesOf(*d, d->train), s.bottleneck);
  ASSERT_TRUE(pca.ok());
  auto built = BuildAutoencoder(s);
  ASSERT_TRUE(built.ok()) << built.status();
  ASSERT_TRUE(InitFromPca(s, *pca, &*built).ok());
  nn::MseLoss loss;
  nn::Adam adam(built->model.NumParams());
  nn::TrainerConfig tc;
  tc.batch = s.batch;
  tc.shuffle = false;
  nn::Trainer trainer(built->model, loss, adam, tc);
  ASSERT_TRUE(TrainEpochs(trainer, *d, s, 0, {}).ok());
  const double ae = EvaluateSamples(trainer, *d, d->val, ContextFrames(s.arch));
  const double pca_val = PcaValMse(*d, s.bottleneck);
  EXPECT_LE(ae, 0.8 * pca_val) << "autoencoder " << ae << " vs PCA-8 " << pca_val;
}

TEST(ResidualAutoencoder, ModelFileRoundTripEncodesLikeTheTrainedNet) {
  auto d = SplitBySong(LowRankPlusNonlinear(2, 300, 3));
  ASSERT_TRUE(d.ok());
  for (std::string arch : {"residual", "context"}) {
  SCOPED_TRACE(arch);
  TrainSettings s;
  s.song_ids = {"a", "b"};
  s.arch = arch;
  s.hidden = {24};
  auto pca = Pca::Fit(FramesOf(*d, d->train), s.bottleneck);
  ASSERT_TRUE(pca.ok());
  auto built = BuildAutoencoder(s);
  ASSERT_TRUE(built.ok());
  ASSERT_TRUE(InitFromPca(s, *pca, &*built).ok());
  const std::string dir = ::testing::TempDir() + "/residual_models";
  const std::string id = arch + "-1";
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(WriteFileAtomic(PcaPath(dir, id), pca->Serialize()).ok());
  ASSERT_TRUE(nn::SaveModel(ModelPath(dir, id), built->model,
                            {{"settings", SettingsToText(s)},
                             {"code_end", std::to_string(built->code_end)},
                             {"task", "autoencoder"}})
                  .ok());
  auto m = LearnedModel::Load(dir, id);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ((*m)->settings().arch, arch);
  const dsp::Spectrogram& spec = d->songs[1].spec;
  std::vector<float> codes = (*m)->Encode(spec);
  ASSERT_EQ(codes.size(), size_t(spec.frames) * 8);
  // Untrained, the code is PCA's projection of the frame.
  Eigen::Map<const Eigen::VectorXf> x0(spec.row(0), 513);
  Eigen::VectorXf want = pca->basis.transpose() * (x0 - pca->mean);
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(codes[i], want[i], 1e-3 + 1e-3 * std::abs(want[i]));
  EXPECT_NEAR((*m)->ReconstructionMse(spec, spec.frames), (*m)->PcaMse(spec, spec.frames), 1e-6);
  }
}

}  // namespace
}  // namespace ls::models
