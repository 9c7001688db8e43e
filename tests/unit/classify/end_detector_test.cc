#include "classify/end_detector.h"

#include <cmath>

#include <gtest/gtest.h>

#include "audio/synth.h"
#include "classify/end_labels.h"
#include "classify/end_model_file.h"

namespace ls::classify {
namespace {

constexpr int kRate = 44100;

// A tune that fades out (0 → -60 dB linearly in dB) from `fade_at` seconds over
// `fade_s`, then 1 s of silence; or, with fade_s = 0, stops at full level.
std::vector<float> Song(double seconds, double fade_at, double fade_s, uint32_t seed) {
  std::vector<float> x = audio::ToMono(audio::MakeTune(seconds, seed));
  if (fade_s <= 0) return x;
  for (size_t i = static_cast<size_t>(fade_at * kRate); i < x.size(); ++i) {
    const double t = (double(i) / kRate - fade_at) / fade_s;
    x[i] *= t >= 1 ? 0.0f : static_cast<float>(std::pow(10.0, -3.0 * t));
  }
  return x;
}

struct Corpus {
  std::vector<SongFrames> frames;
  std::vector<int> ends;
};

// Built once: synthesising and analysing the tunes dominates the test time.
const Corpus& TrainingSongs() {
  static const Corpus* corpus = [] {
  auto* cp = new Corpus;
  Corpus& c = *cp;
  const double lengths[] = {14, 18, 16, 15, 17, 19};
  for (int i = 0; i < 6; ++i) {
    const bool fade = i % 2 == 0;
    auto x = Song(lengths[i], lengths[i] - 5, fade ? 4 : 0, 10 + i);
    auto f = AnalyseSong(x.data(), x.size());
    EXPECT_TRUE(f.ok());
    c.ends.push_back(MeasuredEnd(*f));
    c.frames.push_back(std::move(*f));
  }
  return cp;
  }();
  return *corpus;
}

TEST(EndLabels, MeasuredEndFindsFadeAndNoEndAtFullLevel) {
  auto fade = Song(20, 15, 4, 3);
  auto f = AnalyseSong(fade.data(), fade.size());
  ASSERT_TRUE(f.ok());
  const double end_s = MeasuredEnd(*f) / kFrameRate;
  EXPECT_GT(end_s, 15.0);  // -20 dB is a third of the way into the fade
  EXPECT_LT(end_s, 18.0);
  auto full = Song(20, 0, 0, 3);
  auto g = AnalyseSong(full.data(), full.size());
  EXPECT_EQ(MeasuredEnd(*g), g->frames());
  EXPECT_EQ(LastSecondsEnd(1000, 10.0), 1000 - 431);
}

TEST(EndDetector, BestSuffixIsTheChangePoint) {
  std::vector<float> p(100, 0.1f);
  for (int i = 70; i < 100; ++i) p[i] = 0.9f;
  p[80] = 0.2f;  // one doubtful frame inside the end does not split it
  p[20] = 0.9f;  // nor does a stray one early on
  EXPECT_EQ(BestSuffix(p, 5), 70);
  EXPECT_EQ(BestSuffix(std::vector<float>(50, 0.2f), 5), 50);
  std::vector<float> short_end(50, 0.1f);
  short_end[49] = short_end[48] = 0.99f;
  EXPECT_EQ(BestSuffix(short_end, 5), 50);  // shorter than the minimum: no end
}

TEST(EndDetector, ContextDetectorFindsFadeAndNoEndAtFullLevel) {
  const Corpus& c = TrainingSongs();
  std::vector<EndTrainSong> train;
  for (size_t i = 0; i < c.frames.size(); ++i) train.push_back({&c.frames[i], c.ends[i]});
  auto model = TrainEndDetector(train, {});
  ASSERT_TRUE(model.ok()) << model.status();

  auto fade = Song(25, 19, 4, 99);  // unseen tune
  auto f = AnalyseSong(fade.data(), fade.size());
  const EndResult r = DetectEnd(*model, *f);
  ASSERT_EQ(r.prob.size(), static_cast<size_t>(f->frames()));
  ASSERT_TRUE(r.has_end);
  EXPECT_NEAR(r.end_s, MeasuredEnd(*f) / kFrameRate, 1.0);
  EXPECT_GT(r.end_s, 19.0 - 0.5);

  auto full = Song(25, 0, 0, 98);
  auto g = AnalyseSong(full.data(), full.size());
  const EndResult none = DetectEnd(*model, *g);
  EXPECT_FALSE(none.has_end);
  EXPECT_EQ(none.end_frame, g->frames());

  // Through the show's interface at another hop.
  LearnedEndDetector det(*model);
  const int frames512 = 1 + static_cast<int>((fade.size() - 1024) / 512);
  const int dark = det.DarkStart(fade.data(), fade.size(), 512, frames512);
  EXPECT_NEAR(dark * 512.0 / kRate, r.end_s, 0.05);
  EXPECT_EQ(det.DarkStart(full.data(), full.size(), 512, 7), 7);
}

TEST(EndDetector, ReferenceLogregTrainsOnLastTenSeconds) {
  const Corpus& c = TrainingSongs();
  std::vector<EndTrainSong> train;
  for (const auto& f : c.frames) train.push_back({&f, LastSecondsEnd(f.frames())});
  EndTrainConfig cfg;
  cfg.kind = EndKind::kReference;
  cfg.frame_stride = 4;
  auto model = TrainEndDetector(train, cfg);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->logreg.coef.size(), 514);
  const EndResult r = DetectEnd(*model, c.frames[0]);
  const int n = c.frames[0].frames(), tail = LastSecondsEnd(n);
  double head = 0, end = 0;
  for (int t = 0; t < n; ++t) (t < tail ? head : end) += r.prob[t];
  EXPECT_GT(end / (n - tail), head / tail + 0.3);  // the elapsed fraction alone separates them
}

TEST(EndDetector, BadInput) {
  EXPECT_FALSE(TrainEndDetector({}, {}).ok());
  const Corpus& c = TrainingSongs();
  EXPECT_FALSE(TrainEndDetector({{&c.frames[0], c.frames[0].frames() + 1}}, {}).ok());
  // One class only (no song has an end): nothing to learn.
  EXPECT_FALSE(TrainEndDetector({{&c.frames[1], c.frames[1].frames()}}, {}).ok());
}

}  // namespace
}  // namespace ls::classify

namespace ls::classify {
namespace {

TEST(EndModelFile, RoundTripAndDamage) {
  const Corpus& c = TrainingSongs();
  std::vector<EndTrainSong> train;
  for (size_t i = 0; i < c.frames.size(); ++i) train.push_back({&c.frames[i], c.ends[i]});
  auto model = TrainEndDetector(train, {});
  ASSERT_TRUE(model.ok());
  const std::string bytes = SerializeEndModel(*model);
  auto back = ParseEndModel(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(DetectEnd(*back, c.frames[0]).prob, DetectEnd(*model, c.frames[0]).prob);
  EXPECT_FALSE(ParseEndModel("LSNN....").ok());
  EXPECT_FALSE(ParseEndModel(bytes.substr(0, bytes.size() - 1)).ok());
  EXPECT_FALSE(ParseEndModel(bytes + "x").ok());
  std::string wrong_kind = bytes;
  wrong_kind[9] = 0;  // context → reference: feature count no longer fits
  EXPECT_FALSE(ParseEndModel(wrong_kind).ok());
}

}  // namespace
}  // namespace ls::classify
