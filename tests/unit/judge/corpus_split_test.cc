// lightshow-eval-show's split of a corpus by track.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "corpus_split.h"

namespace ls::judge {
namespace {

std::vector<Track> Tracks() {
  std::vector<Track> t;
  for (int i = 0; i < 5; ++i) t.push_back({"b/" + std::to_string(i) + ".wav", "b"});
  for (int i = 0; i < 3; ++i) t.push_back({"a/" + std::to_string(i) + ".wav", "a"});
  return t;
}

TEST(CorpusSplit, BalancedOverLabelsDisjointAndDeterministic) {
  auto s = SplitTracks(Tracks(), 4, 3);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->train.size(), 4u);
  ASSERT_EQ(s->test.size(), 3u);
  int a = 0;
  for (const Track& t : s->train) a += t.label == "a";
  EXPECT_EQ(a, 2);  // a0 b0 a1 b1
  std::set<std::string> seen;
  for (const Track& t : s->train) seen.insert(t.path);
  for (const Track& t : s->test) EXPECT_EQ(seen.count(t.path), 0u) << t.path;
  std::vector<Track> reversed = Tracks();
  std::reverse(reversed.begin(), reversed.end());
  auto again = SplitTracks(reversed, 4, 3);
  ASSERT_TRUE(again.ok());
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(again->test[i].path, s->test[i].path);
}

TEST(CorpusSplit, TooFewTracksAndMissingManifestAreErrors) {
  auto few = SplitTracks(Tracks(), 6, 3);
  ASSERT_FALSE(few.ok());
  EXPECT_NE(few.status().message().find("8 tracks"), std::string::npos);
  EXPECT_FALSE(SplitTracks(Tracks(), 0, 3).ok());
  const std::string dir = testing::TempDir() + "/judge_corpus_split";
  std::filesystem::create_directories(dir);
  std::filesystem::remove(dir + "/manifest.csv");
  EXPECT_EQ(ReadManifest(dir).status().code(), absl::StatusCode::kNotFound);
  std::ofstream(dir + "/manifest.csv") << "path,label,duration_s\nx/1.wav,x,3.0\r\n";
  auto m = ReadManifest(dir);
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ((*m)[0].label, "x");
}

}  // namespace
}  // namespace ls::judge
