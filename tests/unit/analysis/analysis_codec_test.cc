// The stored form of an analysis: exact round trip, damaged blobs refused.
#include <gtest/gtest.h>

#include "analysis/analysis_codec.h"

namespace ls::analysis {
namespace {

MusicAnalysis Sample() {
  MusicAnalysis a;
  a.duration_s = 10;
  a.bpm = 120;
  a.tempo_confidence = 0.4;
  a.steady_beat = true;
  a.beat_note = "steady beat";
  a.beats_s = {0.5, 1.0, 1.5};
  a.onsets = {{0.5, 3.f}, {1.25, 1.f}};
  a.envelope_period_s = 0.5;
  a.loudness_db = {-30, -20, -10};
  a.sections_s = {4.0};
  return a;
}

TEST(AnalysisCodecTest, RoundTripsEveryField) {
  auto back = Parse(Serialize(Sample()));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->version, kAnalysisVersion);
  EXPECT_EQ(back->beats_s, Sample().beats_s);
  EXPECT_EQ(back->sections_s, Sample().sections_s);
  EXPECT_EQ(back->loudness_db, Sample().loudness_db);
  ASSERT_EQ(back->onsets.size(), 2u);
  EXPECT_EQ(back->onsets[1].strength, 1.f);
  EXPECT_EQ(back->beat_note, "steady beat");
  EXPECT_TRUE(back->steady_beat);
}

TEST(AnalysisCodecTest, RefusesDamage) {
  EXPECT_EQ(Parse("\xff\xff\xff").status().code(), absl::StatusCode::kDataLoss);
  auto p = ToProto(Sample());
  p.set_beats_s(1, 0.1);  // out of order
  EXPECT_EQ(FromProto(p).status().code(), absl::StatusCode::kDataLoss);
  p = ToProto(Sample());
  p.add_onsets_s(2.0);  // a time without a strength
  auto st = FromProto(p).status();
  EXPECT_EQ(st.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(st.message().find("strengths"), std::string::npos) << st;
  p = ToProto(Sample());
  p.add_sections_s(99);  // past the end
  EXPECT_EQ(FromProto(p).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace ls::analysis
