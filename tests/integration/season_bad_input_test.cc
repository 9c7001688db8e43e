// Bad input of playlists and schedules: each refused with a message naming the
// problem and the value, and nothing stored changed. Also the gap report of a
// song gone from the catalog, and polar nights (no dusk: skipped, and why).
#include <cstdio>
#include <ctime>

#include "gtest/gtest.h"
#include "stream_rig.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;

// Runs lsctl expecting failure; returns stderr.
std::string Refused(StreamRig& rig, const std::vector<std::string>& args) {
  RunResult r = rig.Lsctl(args);
  EXPECT_NE(r.exit_code, 0) << "accepted: " << r.out;
  return r.err;
}

#define EXPECT_HAS(text, part) EXPECT_NE((text).find(part), std::string::npos) << (text)

TEST(SeasonBadInput, RefusedWithAReasonAndNothingStored) {
  StreamRig rig({"--timezone", "Europe/Berlin"});
  const std::string a = rig.SubmitTune(1.0, 31)["id"].get<std::string>();
  const std::string b = rig.SubmitTune(1.0, 32)["id"].get<std::string>();
  EXPECT_HAS(Refused(rig, {"playlist", "create", "xmas", a, "abcdef123456"}), "no song with id 'abcdef123456'");
  EXPECT_HAS(Refused(rig, {"playlist", "create", "bad name!", a}), "playlist name");
  EXPECT_NE(rig.Lsctl({"playlist", "create", "empty"}).exit_code, 0);  // a playlist needs a song
  ASSERT_EQ(rig.Lsctl({"playlist", "create", "xmas", a, b}).exit_code, 0);
  EXPECT_HAS(Refused(rig, {"playlist", "create", "xmas", a}), "already exists");
  EXPECT_HAS(Refused(rig, {"playlist", "remove", "xmas", "3"}), "position 3 is out of range");
  EXPECT_HAS(Refused(rig, {"playlist", "move", "xmas", "1", "9"}), "target position 9");
  EXPECT_HAS(Refused(rig, {"playlist", "show", "nope"}), "no playlist 'nope'");
  EXPECT_HAS(Refused(rig, {"play", "--playlist", "nope"}), "no playlist 'nope'");

  EXPECT_HAS(Refused(rig, {"schedule", "add", "nope", "--from", "17:00", "--until", "22:30"}), "no playlist 'nope'");
  EXPECT_HAS(Refused(rig, {"schedule", "add", "xmas", "--days", "mon-fryday", "--from", "17:00", "--until", "22:30"}),
             "unknown day name 'fryday'");
  EXPECT_HAS(Refused(rig, {"schedule", "add", "xmas", "--from", "17:00", "--until", "16:00"}),
             "ends before it starts");
  EXPECT_HAS(Refused(rig, {"schedule", "add", "xmas", "--from", "dusk", "--until", "22:30"}), "--latitude");
  EXPECT_HAS(Refused(rig, {"schedule", "add", "xmas", "--from", "25:00", "--until", "22:30"}), "'25:00'");
  EXPECT_HAS(Refused(rig, {"schedule", "add", "xmas", "--from", "17:00", "--until", "22:30", "--dates", "11-31..01-06"}),
             "11-31..01-06");
  EXPECT_HAS(Refused(rig, {"schedule", "add", "xmas", "--from", "17:00", "--until", "22:30", "--stop", "later"}),
             "'later'");
  auto list = rig.LsctlJson({"schedule", "list"});
  EXPECT_EQ(list.value("schedules", nlohmann::json::array()).size(), 0u) << list.dump();

  // Across midnight is fine; its playlist cannot be deleted under it.
  auto added = rig.LsctlJson({"schedule", "add", "xmas", "--from", "22:00", "--until", "01:30", "--dates", "11-28..01-06"});
  ASSERT_TRUE(added.contains("id")) << added.dump();
  EXPECT_HAS(Refused(rig, {"playlist", "rm", "xmas"}), "used by schedule");

  // A song gone from the catalog leaves a gap the playlist reports.
  auto r = ::ls::it::Run({"/usr/bin/sqlite3", rig.data_dir() + "/catalog.db", "DELETE FROM songs WHERE id = '" + b + "'"}, 10s);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto show = rig.LsctlJson({"playlist", "show", "xmas"});
  ASSERT_EQ(show["songs"].size(), 2u) << show.dump();
  EXPECT_FALSE(show["songs"][0]["missing"].get<bool>());
  EXPECT_TRUE(show["songs"][1]["missing"].get<bool>());
  RunResult text = rig.Lsctl({"playlist", "show", "xmas"});
  EXPECT_HAS(text.out, "missing");
}

TEST(SeasonBadInput, ServerLocationIsChecked) {
  for (const auto& [flags, want] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--latitude", "95", "--longitude", "10"}, "--latitude must be -90..90 degrees, got 95"},
           {{"--latitude", "52.5"}, "--latitude and --longitude go together"},
           {{"--latitude", "52.5", "--longitude", "200"}, "--longitude must be -180..180"},
           {{"--timezone", "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"}}) {
    std::vector<std::string> argv = {Bin("lightshow-server"), "--listen", "127.0.0.1:0", "--metrics-listen",
                                     "127.0.0.1:0", "--data-dir", "/nonexistent-unused"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    auto r = ::ls::it::Run(argv, 10s);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_HAS(r.err, want);
  }
}

TEST(SeasonBadInput, PolarNightOrDaySkipsTheWindowAndNowSaysWhy) {
  // At 89.9 N the sun crosses −6° on only a few days around early March and
  // mid October; every other date has no dusk.
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const int md = (tm.tm_mon + 1) * 100 + tm.tm_mday;
  if ((md >= 220 && md <= 315) || (md >= 925 && md <= 1025)) GTEST_SKIP() << "dusk exists near the pole today";
  StreamRig rig({"--timezone", "UTC", "--latitude", "89.9", "--longitude", "0"});
  const std::string a = rig.SubmitTune(1.0, 33)["id"].get<std::string>();
  ASSERT_EQ(rig.Lsctl({"playlist", "create", "pole", a}).exit_code, 0);
  auto added = rig.LsctlJson({"schedule", "add", "pole", "--from", "dusk", "--until", "02:00"});
  ASSERT_TRUE(added.contains("id")) << added.dump();
  EXPECT_HAS(added["note"].get<std::string>(), "polar");
  auto now = rig.LsctlJson({"now"});
  EXPECT_EQ(now["state"], "idle");
  std::string notes = now["notes"].dump();
  EXPECT_HAS(notes, "polar");
  EXPECT_HAS(notes, "skipped");
}

}  // namespace
}  // namespace ls::it
