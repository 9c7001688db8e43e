#include "classify/clip_classifier.h"

#include <cmath>

#include <gtest/gtest.h>

#include "audio/synth.h"

namespace ls::classify {
namespace {

constexpr int kRate = 44100;

// Two synthetic "authors": A plays low pulsed tones (slow tempo), B plays
// high fast chirps. Each song varies pitch and tempo with its seed.
std::vector<float> AuthorSong(int author, int seed, double seconds = 8.0) {
  std::vector<float> x(static_cast<size_t>(seconds * kRate), 0.0f);
  auto add = [&](const std::vector<float>& y) {
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) x[i] += y[i];
  };
  if (author == 0) {
    add(audio::PulsedTone(110.0 + 7 * seed, seconds, kRate, 0.5 + 0.03 * seed, 0.6, 0.4f));
    add(audio::Tone(165.0 + 5 * seed, seconds, kRate, 0.15f));
  } else {
    for (double t = 0; t < seconds; t += 0.25) {
      auto c = audio::Chirp(2000.0 + 50 * seed, 5000.0, 0.2, kRate, 0.3f);
      const size_t at = static_cast<size_t>(t * kRate);
      for (size_t i = 0; i < c.size() && at + i < x.size(); ++i) x[at + i] += c[i];
    }
  }
  return x;
}

struct Data {
  std::vector<std::vector<float>> audio;
  std::vector<ClipSong> train, val;
};

Data TwoAuthors() {
  Data d;
  for (int s = 0; s < 8; ++s) d.audio.push_back(AuthorSong(s % 2, s));
  for (int s = 0; s < 8; ++s) {
    ClipSong song{"song" + std::to_string(s), &d.audio[s], s % 2};
    (s < 6 ? d.train : d.val).push_back(song);
  }
  return d;
}

ClipConfig Small(ClipArch arch) {
  ClipConfig c;
  c.arch = arch;
  c.clip_s = 1.0;
  c.epochs = 40;
  c.batch = 8;
  c.lr = 3e-3;
  c.threads = 1;
  return c;
}

class ClipArchTest : public ::testing::TestWithParam<ClipArch> {};

TEST_P(ClipArchTest, TellsTwoAuthorsApartOnUnseenSongs) {
  Data d = TwoAuthors();
  ClipConfig cfg = Small(GetParam());
  if (GetParam() == ClipArch::kGru) {
    cfg.gru_steps = 60;
    cfg.gru_windows = 2;
    cfg.epochs = 25;
  }
  TrainReport rep;
  auto m = TrainClipClassifier(d.train, d.val, {"a", "b"}, cfg, &rep);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(rep.train_clips, 6 * 8);
  if (GetParam() == ClipArch::kLogreg) {  // half-overlapping training clips: every 0.5 s
    cfg.train_hop = 0.5;
    TrainReport half;
    ASSERT_TRUE(TrainClipClassifier(d.train, d.val, {"a", "b"}, cfg, &half).ok());
    EXPECT_EQ(half.train_clips, 6 * 15);
    EXPECT_EQ(half.validation_clips, 2 * 8);  // validation keeps whole clips
  }
  EXPECT_EQ(rep.validation_clips, 2 * 8);
  EXPECT_LT(rep.epoch_loss.back(), rep.epoch_loss.front());
  EXPECT_DOUBLE_EQ(rep.song_closed.accuracy, 1.0);
  EXPECT_GE(rep.clip_closed.accuracy, 0.9);
  // Metrics agree with the confusion matrix.
  for (int c = 0; c < 2; ++c) {
    EXPECT_EQ(rep.clip_closed.support[c], 8);
    EXPECT_NEAR(rep.clip_closed.recall[c], rep.clip_closed.confusion[c][c] / 8.0, 1e-12);
  }
  auto other = AuthorSong(1, 11);
  auto sp = ClassifySong(*m, other);
  ASSERT_TRUE(sp.ok());
  EXPECT_EQ(sp->label, 1);
  EXPECT_EQ(sp->clip_probs.size(), 8u);
  EXPECT_NEAR(sp->probs[0] + sp->probs[1], 1.0, 1e-5);
}

INSTANTIATE_TEST_SUITE_P(Archs, ClipArchTest,
                         ::testing::Values(ClipArch::kLogreg, ClipArch::kMlp, ClipArch::kGru),
                         [](const auto& info) { return std::string(ClipArchName(info.param)); });

TEST(ClipClassifier, NoiseIsUnknown) {
  Data d = TwoAuthors();
  auto m = TrainClipClassifier(d.train, d.val, {"a", "b"}, Small(ClipArch::kMlp), nullptr);
  ASSERT_TRUE(m.ok());
  auto noise = audio::WhiteNoise(8.0, kRate, 0.5f, 7);
  auto sp = ClassifySong(*m, noise);
  ASSERT_TRUE(sp.ok());
  EXPECT_EQ(sp->label, kUnknown);
  for (int l : sp->clip_label) EXPECT_EQ(l, kUnknown);
  auto known = ClassifySong(*m, AuthorSong(0, 12));
  EXPECT_EQ(known->label, 0);
}

TEST(ClipClassifier, Cnn1dTrainsOnDecimatedWaveform) {
  Data d = TwoAuthors();
  ClipConfig cfg = Small(ClipArch::kCnn1d);
  cfg.clip_s = 6.0;  // the 4 × pool-16 stack needs ≥ 30584 decimated samples
  cfg.epochs = 3;
  TrainReport rep;
  auto m = TrainClipClassifier(d.train, d.val, {"a", "b"}, cfg, &rep);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(rep.train_clips, 6);
  EXPECT_EQ(InputRows(cfg), 33075);
}

TEST(ClipClassifier, BadInput) {
  Data d = TwoAuthors();
  const ClipConfig cfg = Small(ClipArch::kLogreg);
  // A song on both sides of the split.
  auto leak = d.val;
  leak.push_back(d.train[0]);
  auto st = TrainClipClassifier(d.train, leak, {"a", "b"}, cfg, nullptr).status();
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("song0"), std::string::npos);
  // One class only.
  EXPECT_FALSE(TrainClipClassifier(d.train, {}, {"a"}, cfg, nullptr).ok());
  // A label without training clips.
  std::vector<ClipSong> only_a = {d.train[0], d.train[2]};
  EXPECT_FALSE(TrainClipClassifier(only_a, {}, {"a", "b"}, cfg, nullptr).ok());
  // A clip longer than the song.
  ClipConfig longer = cfg;
  longer.clip_s = 9.0;
  st = TrainClipClassifier(d.train, {}, {"a", "b"}, longer, nullptr).status();
  EXPECT_NE(st.message().find("shorter than one clip"), std::string::npos);
  ClipArch arch;
  EXPECT_FALSE(ParseClipArch("transformer", &arch));
  EXPECT_TRUE(ParseClipArch("gru", &arch));
}

// The served defaults of mlp and logreg (embedding, overlapping training
// clips, mean log-probabilities, song-level distance rule) on the synthetic
// authors: unseen songs right, noise unknown as a song.
TEST(ClipClassifier, ServedDefaultsSeparateAuthorsAndRejectNoise) {
  for (ClipArch arch : {ClipArch::kMlp, ClipArch::kLogreg}) {
    SCOPED_TRACE(ClipArchName(arch));
    Data d = TwoAuthors();
    ClipConfig cfg = DefaultClipConfig(arch);
    EXPECT_EQ(cfg.features, ClipConfig::kEmbedding);
    cfg.clip_s = 1.0;
    cfg.epochs = 40;
    cfg.batch = 8;
    cfg.lr = 3e-3;
    cfg.threads = 1;
    TrainReport rep;
    auto m = TrainClipClassifier(d.train, d.val, {"a", "b"}, cfg, &rep);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(rep.train_clips, 6 * 15);  // every 0.5 s
    EXPECT_DOUBLE_EQ(rep.song_closed.accuracy, 1.0);
    EXPECT_LT(m->unknown.song_max_distance, 1e29f);  // the song rule is calibrated
    for (int s : {8, 9}) {  // unseen songs within the training range of pitch and tempo
      auto sp = ClassifySong(*m, AuthorSong(s % 2, s));
      ASSERT_TRUE(sp.ok());
      EXPECT_EQ(sp->label, s % 2);
      EXPECT_NEAR(sp->probs[0] + sp->probs[1], 1.0, 1e-5);
    }
    auto noise = ClassifySong(*m, audio::WhiteNoise(8.0, kRate, 0.5f, 7));
    ASSERT_TRUE(noise.ok());
    EXPECT_EQ(noise->label, kUnknown);
  }
  EXPECT_EQ(DefaultClipConfig(ClipArch::kCnn1d).features, ClipConfig::kBins);
  EXPECT_EQ(DefaultClipConfig(ClipArch::kGru).batch, 8);
}

}  // namespace
}  // namespace ls::classify
