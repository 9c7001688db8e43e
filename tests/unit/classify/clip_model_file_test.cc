#include "classify/clip_model_file.h"

#include <gtest/gtest.h>

#include "audio/synth.h"

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

}  // namespace
}  // namespace ls::classify
