#include "classify/clip_model_file.h"

#include <gtest/gtest.h>

#include "audio/synth.h"
#include "nn/model_file.h"

namespace ls::classify {
namespace {

constexpr int kRate = 44100;

// A trained model survives a save/load round trip bit for bit: same
// probabilities, same unknown decisions. Damage and other files are refused.
TEST(ClipModelFile, RoundTripPredictsTheSame) {
  std::vector<std::vector<float>> audio = {
      audio::Tone(220, 13.0, kRate), audio::WhiteNoise(13.0, kRate, 0.3f, 1),
      audio::Tone(330, 13.0, kRate), audio::WhiteNoise(13.0, kRate, 0.3f, 2)};
  std::vector<ClipSong> train;
  for (int i = 0; i < 4; ++i) train.push_back({"s" + std::to_string(i), &audio[i], i % 2});
  for (ClipArch arch : {ClipArch::kLogreg, ClipArch::kMlp, ClipArch::kCnn1d}) {
    SCOPED_TRACE(ClipArchName(arch));
    ClipConfig c;
    c.arch = arch;
    c.clip_s = 1.0;
    if (arch == ClipArch::kCnn1d) {
      EXPECT_FALSE(CheckClipConfig(c, 2).ok());  // four poolings of 16 need long clips
      c.clip_s = 12.0;
    }
    c.epochs = 2;
    c.threads = 1;
    c.features = arch == ClipArch::kMlp ? ClipConfig::kEmbedding : ClipConfig::kBinsAndDescriptors;
    c.unknown_knn = true;
    c.song_logprob = arch == ClipArch::kMlp;
    c.unknown_song_keep = arch == ClipArch::kMlp ? 1.0 : 0.0;
    auto m = TrainClipClassifier(train, {}, {"tone", "noise"}, c, nullptr);
    ASSERT_TRUE(m.ok()) << m.status();
    auto bytes = SerializeClipModel(*m);
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    auto back = ParseClipModel(*bytes);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->labels, m->labels);
    EXPECT_EQ(back->unknown.max_distance, m->unknown.max_distance);
    EXPECT_EQ(back->unknown.min_prob, m->unknown.min_prob);
    EXPECT_TRUE(back->pooled_mean == m->pooled_mean);
    EXPECT_TRUE(back->unknown.centroids == m->unknown.centroids);
    EXPECT_EQ(back->config.features, m->config.features);
    EXPECT_TRUE(back->unknown.refs == m->unknown.refs);
    EXPECT_EQ(back->config.song_logprob, m->config.song_logprob);
    EXPECT_EQ(back->unknown.song_max_distance, m->unknown.song_max_distance);
    if (arch == ClipArch::kMlp) EXPECT_LT(m->unknown.song_max_distance, 1e29f);
    if (arch != ClipArch::kCnn1d) EXPECT_GT(m->unknown.refs.cols(), 0);
    auto a = ClassifySong(*m, audio[2]);
    auto b = ClassifySong(*back, audio[2]);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->probs, b->probs);
    EXPECT_EQ(a->clip_label, b->clip_label);

    std::string damaged = *bytes;
    damaged[damaged.size() / 2] ^= 0x55;
    EXPECT_FALSE(ParseClipModel(damaged).ok());
    EXPECT_FALSE(ParseClipModel(bytes->substr(0, bytes->size() - 10)).ok());
  }
}

// A model saved before descriptors and kNN references existed (no 'features',
// no 'refs') still loads: mean/std per bin, centroid distance.
TEST(ClipModelFile, OlderModelWithoutDescriptorsLoads) {
  std::vector<std::vector<float>> audio = {audio::Tone(220, 3.0, kRate),
                                           audio::WhiteNoise(3.0, kRate, 0.3f, 1)};
  std::vector<ClipSong> train = {{"a", &audio[0], 0}, {"b", &audio[1], 1}};
  ClipConfig c;
  c.arch = ClipArch::kLogreg;
  c.clip_s = 1.0;
  c.epochs = 2;
  c.threads = 1;
  c.features = ClipConfig::kBins;
  auto m = TrainClipClassifier(train, {}, {"tone", "noise"}, c, nullptr);
  ASSERT_TRUE(m.ok()) << m.status();
  auto bytes = SerializeClipModel(*m);
  ASSERT_TRUE(bytes.ok());
  auto file = nn::ParseModel(*bytes);
  ASSERT_TRUE(file.ok());
  file->metadata.erase("features");
  file->metadata.erase("refs");
  auto old = nn::SerializeModel(file->model, file->metadata);
  ASSERT_TRUE(old.ok());
  auto back = ParseClipModel(*old);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->config.features, ClipConfig::kBins);
  EXPECT_EQ(back->unknown.refs.cols(), 0);
  EXPECT_TRUE(ClassifySong(*back, audio[0]).ok());

  file->metadata["features"] = "7";
  auto bad = nn::SerializeModel(file->model, file->metadata);
  ASSERT_TRUE(bad.ok());
  auto refused = ParseClipModel(*bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("features"), std::string::npos);
}

}  // namespace
}  // namespace ls::classify
