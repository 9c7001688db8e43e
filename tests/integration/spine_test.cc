// The spine, end to end with the real binaries: lsctl submit → lsctl play
// --wait → the sim agent's CSV holds every frame the server rendered, in
// order, each applied near its presentation time.
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "cluster.h"
#include "gtest/gtest.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;

struct CsvFrame {
  long frame;
  long long scheduled_ns;
  long long applied_ns;
  int mask;
};

std::vector<CsvFrame> ParseCsv(const std::vector<std::string>& lines) {
  std::vector<CsvFrame> out;
  for (size_t i = 1; i < lines.size(); ++i) {
    CsvFrame f{};
    char mask[8] = {0};
    if (std::sscanf(lines[i].c_str(), "%ld,%lld,%lld,%7s", &f.frame, &f.scheduled_ns,
                    &f.applied_ns, mask) != 4) {
      ADD_FAILURE() << "bad CSV line " << i << ": " << lines[i];
      continue;
    }
    f.mask = static_cast<int>(std::strtol(mask, nullptr, 16));
    out.push_back(f);
  }
  return out;
}

TEST(Spine, SubmitPlayWaitAppliesEveryRenderedFrameInOrder) {
  Cluster c;
  std::string sim = c.dir().File("lights.csv");
  c.StartAgent("porch", sim);
  std::string wav = c.dir().File("tune.wav");
  WriteTune(wav, 8.0);

  auto sub = c.LsctlJson({"submit", wav});
  ASSERT_EQ(sub["songs"].size(), 1u) << sub.dump();
  auto song = sub["songs"][0];
  const int frames = song["frame_count"].get<int>();
  EXPECT_EQ(frames, 1 + (8 * 44100 - 1024) / 1024);
  EXPECT_EQ(song["id"].get<std::string>().size(), 64u);
  EXPECT_FALSE(song["duplicate"].get<bool>());
  const std::string show_id = song["show_id"].get<std::string>();

  auto play = c.Lsctl({"play", song["id"].get<std::string>().substr(0, 12), "--wait"}, 90);
  ASSERT_EQ(play.exit_code, 0) << play.out << play.err;

  // The masks the server rendered and stored for this show.
  std::string masks = ReadAll(c.data_dir() + "/blobs/shows/" + show_id);
  ASSERT_EQ(static_cast<int>(masks.size()), frames);

  // The agent goes dark after the last frame: wait for the final -1 line.
  std::vector<CsvFrame> rows;
  ASSERT_TRUE(WaitFor(
      [&] {
        auto lines = ReadLines(sim);
        if (lines.empty()) return false;
        rows = ParseCsv(lines);
        return !rows.empty() && rows.back().frame == -1 &&
               std::any_of(rows.begin(), rows.end(), [&](const CsvFrame& f) { return f.frame >= frames - 4; });  // the last may be skipped
      },
      15s))
      << ReadAll(sim).substr(0, 2000);
  EXPECT_EQ(ReadLines(sim).front(), "frame,scheduled_ns,applied_ns,mask");

  std::vector<CsvFrame> applied;
  for (const auto& r : rows) {
    if (r.frame >= 0) applied.push_back(r);
    else EXPECT_EQ(r.mask, 0) << "safe-off lines drive every pin off";
  }
  // Every frame applied once, in order; a stalled VM may hold the player past
  // a slot, and then the agent skips (and counts) that frame.
  const int missing = frames - static_cast<int>(applied.size());
  EXPECT_LE(missing, std::max(3, frames / 10)) << "frames skipped";
  if (missing > 0) {
    long long dropped = 0;
    EXPECT_TRUE(WaitFor(
        [&] {
          auto agents = c.LsctlJson({"agents"});
          for (const auto& a : agents["agents"]) {
            if (a.value("id", "") != "porch" || !a.contains("frames_dropped")) continue;
            const auto& v = a["frames_dropped"];
            dropped = v.is_string() ? std::stoll(v.get<std::string>()) : v.get<long long>();
          }
          return dropped >= missing;
        },
        5s))
        << missing << " frames missing, " << dropped << " counted as dropped";
  }
  std::vector<long long> errors;
  std::set<int> distinct;
  for (size_t i = 0; i < applied.size(); ++i) {
    ASSERT_TRUE(applied[i].frame >= 0 && applied[i].frame < frames) << "row " << i;
    EXPECT_EQ(applied[i].mask, static_cast<uint8_t>(masks[applied[i].frame])) << "frame " << applied[i].frame;
    if (i > 0) {
      ASSERT_GT(applied[i].frame, applied[i - 1].frame) << "frames out of order at row " << i;
      EXPECT_GT(applied[i].scheduled_ns, applied[i - 1].scheduled_ns);
    }
    errors.push_back(std::llabs(applied[i].applied_ns - applied[i].scheduled_ns));
    distinct.insert(applied[i].mask);
  }
  std::sort(errors.begin(), errors.end());
  // Generous bounds on a shared 2-core machine; precision is measured elsewhere.
  EXPECT_LT(errors[errors.size() / 2], 5'000'000) << "median apply error (ns)";
  EXPECT_LT(errors.back(), 100'000'000) << "worst apply error (ns)";
  EXPECT_GE(distinct.size(), 4u) << "the lights should change with the music";
  // Consecutive frames are one hop apart on the schedule.
  long long period = applied[1].scheduled_ns - applied[0].scheduled_ns;
  EXPECT_NEAR(static_cast<double>(period), 1e9 * 1024 / 44100, 1e3);
  EXPECT_TRUE(c.server().Running());
}

TEST(Spine, DuplicateUploadReturnsTheStoredSong) {
  Cluster c;
  std::string wav = c.dir().File("tune.wav");
  WriteTune(wav, 5.0, 3);
  auto first = c.LsctlJson({"submit", wav});
  auto second = c.LsctlJson({"submit", wav});
  ASSERT_EQ(first["songs"].size(), 1u);
  ASSERT_EQ(second["songs"].size(), 1u);
  EXPECT_EQ(first["songs"][0]["id"], second["songs"][0]["id"]);
  EXPECT_FALSE(first["songs"][0]["duplicate"].get<bool>());
  EXPECT_TRUE(second["songs"][0]["duplicate"].get<bool>());
  auto songs = c.LsctlJson({"songs"});
  EXPECT_EQ(songs["songs"].size(), 1u);
}

TEST(Spine, WrongTokenIsUnauthenticatedAndUnknownSongNotFound) {
  Cluster c;
  std::string bad_token = c.dir().File("bad-token");
  WriteAll(bad_token, "0123456789abcdef0123456789abcdef\n");
  auto r = ::ls::it::Run({Bin("lsctl"), "--server", c.address(), "--token-file", bad_token, "songs"}, 30s);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("UNAUTHENTICATED"), std::string::npos) << r.err;

  auto nf = c.Lsctl({"play", "abcdef012345"});
  EXPECT_NE(nf.exit_code, 0);
  EXPECT_NE(nf.err.find("NOT_FOUND"), std::string::npos) << nf.err;
  EXPECT_TRUE(c.server().Running());
}

TEST(Spine, ServerSigtermDarkensAgentAndExitsCleanly) {
  Cluster c;
  std::string sim = c.dir().File("lights.csv");
  c.StartAgent("porch", sim);
  std::string wav = c.dir().File("tune.wav");
  WriteTune(wav, 20.0, 5);
  auto sub = c.LsctlJson({"submit", wav});
  ASSERT_EQ(sub["songs"].size(), 1u);
  auto play = c.Lsctl({"play", sub["songs"][0]["id"].get<std::string>(), "--lead-ms", "200"});
  ASSERT_EQ(play.exit_code, 0) << play.err;
  // Let a few frames play, then stop the server mid-show.
  ASSERT_TRUE(WaitFor([&] { return ReadLines(sim).size() > 40; }, 10s));
  c.server().Signal(SIGTERM);
  EXPECT_EQ(c.server().Wait(15s), 0) << c.server_log();
  ASSERT_TRUE(WaitFor(
      [&] {
        auto rows = ParseCsv(ReadLines(sim));
        return !rows.empty() && rows.back().frame == -1 && rows.back().mask == 0;
      },
      5s))
      << "agent did not go dark after the server stopped";
}

}  // namespace
}  // namespace ls::it
