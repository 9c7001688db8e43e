// A playlist run against a fake show control: order, gaps, missing songs,
// shuffle per lap, repeat, draining with the outro, resume position.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "season/playlist_run.h"

namespace ls::season {
namespace {

constexpr int64_t kSec = 1'000'000'000;

class FakeShows : public ShowControl {
 public:
  absl::StatusOr<Started> Start(const std::string& song, int64_t lead_ns) override {
    if (missing.count(song)) return absl::NotFoundError("it is no longer in the catalog");
    if (!agents) return absl::UnavailableError("no agents");
    Started s;
    s.reply.set_play_id("p" + std::to_string(++n));
    s.reply.set_song_id(song);
    s.reply.mutable_start()->set_unix_ns(now + lead_ns);
    s.end_ns = now + lead_ns + 10 * kSec;  // every song lasts 10 s
    played.push_back(song);
    starts.push_back(now + lead_ns);
    ends[s.reply.play_id()] = s.end_ns;
    return s;
  }
  bool Over(const std::string& id) override { return stopped.count(id) || now >= ends[id]; }
  void Stop(const std::string& id) override { stopped.insert(id); }
  std::string SongName(const std::string& s) override { return missing.count(s) ? "" : s; }
  bool AgentsConnected() override { return agents; }

  int64_t now = 0;
  int n = 0;
  bool agents = true;
  std::set<std::string> missing, stopped;
  std::vector<std::string> played;
  std::vector<int64_t> starts;
  std::map<std::string, int64_t> ends;
};

PlaylistRecord List(std::vector<std::string> songs) {
  PlaylistRecord p;
  p.name = "xmas";
  p.song_ids = std::move(songs);
  return p;
}

// Ticks every 50 ms until `until` (fake time).
void RunUntil(PlaylistRun& run, FakeShows& f, int64_t until) {
  for (; f.now < until; f.now += 50'000'000) (void)run.Advance(f, f.now);
}

TEST(PlaylistRun, PlaysInOrderWithTheGapAndEnds) {
  FakeShows f;
  PlaylistRecord p = List({"a", "b", "c"});
  p.gap_ms = 2000;
  PlaylistRun run(p, "k", 1, 0);
  RunUntil(run, f, 60 * kSec);
  EXPECT_EQ(f.played, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(f.starts.size(), 3u);
  EXPECT_EQ(f.starts[1] - f.starts[0], 12 * kSec);  // 10 s song + 2 s gap, exactly
  EXPECT_EQ(f.starts[2] - f.starts[1], 12 * kSec);
  EXPECT_TRUE(run.Done());
}

TEST(PlaylistRun, AMissingSongIsSkippedWithANote) {
  FakeShows f;
  f.missing = {"b"};
  PlaylistRun run(List({"a", "b", "c"}), "k", 1, 0);
  RunUntil(run, f, 60 * kSec);
  EXPECT_EQ(f.played, (std::vector<std::string>{"a", "c"}));
  ASSERT_EQ(run.notes().size(), 1u);
  EXPECT_NE(run.notes()[0].find("song b skipped"), std::string::npos) << run.notes()[0];
}

TEST(PlaylistRun, NoAgentWaitsInsteadOfSkipping) {
  FakeShows f;
  f.agents = false;
  PlaylistRun run(List({"a", "b"}), "k", 1, 0);
  RunUntil(run, f, 5 * kSec);
  EXPECT_TRUE(f.played.empty());
  f.agents = true;
  RunUntil(run, f, 60 * kSec);
  EXPECT_EQ(f.played, (std::vector<std::string>{"a", "b"}));
}

TEST(PlaylistRun, IntroOutroRepeatShuffleAndDrain) {
  FakeShows f;
  PlaylistRecord p = List({"a", "b", "c", "d"});
  p.intro = "in";
  p.outro = "out";
  p.repeat = true;
  p.shuffle = true;
  p.gap_ms = 0;
  PlaylistRun run(p, "k", 42, 0);
  RunUntil(run, f, 95 * kSec);  // intro + 8 songs ≈ 9 × 10 s
  ASSERT_GE(f.played.size(), 9u);
  EXPECT_EQ(f.played[0], "in");
  std::set<std::string> lap1(f.played.begin() + 1, f.played.begin() + 5);
  std::set<std::string> lap2(f.played.begin() + 5, f.played.begin() + 9);
  EXPECT_EQ(lap1, (std::set<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(lap2, lap1);
  // The same seed gives the same order: what a restart relies on.
  PlaylistRun again(p, "k", 42, 5);
  EXPECT_EQ(again.PeekNext(), f.played[5]);
  size_t before = f.played.size();
  run.Drain();
  RunUntil(run, f, 200 * kSec);
  ASSERT_EQ(f.played.size(), before + 1);
  EXPECT_EQ(f.played.back(), "out");
  EXPECT_TRUE(run.Done());
}

TEST(PlaylistRun, HoldPutsTheNextSongAGapAfterTheOtherShow) {
  FakeShows f;
  PlaylistRecord p = List({"a", "b"});
  p.gap_ms = 1000;
  PlaylistRun run(p, "k", 1, 0);
  RunUntil(run, f, 2 * kSec);  // a is playing
  ASSERT_EQ(f.played.size(), 1u);
  for (; f.now < 30 * kSec; f.now += 50'000'000) run.Hold(f.now);  // a manual show plays meanwhile
  RunUntil(run, f, 60 * kSec);
  ASSERT_EQ(f.played.size(), 2u);
  EXPECT_EQ(f.played[1], "b");
  EXPECT_NEAR(static_cast<double>(f.starts[1] - 30 * kSec), 1e9, 1e8);
}

}  // namespace
}  // namespace ls::season
