// Playlists and schedules in SQLite: round trip, refusals change nothing.
#include <gtest/gtest.h>

#include "season/season_store.h"
#include "temp_dir.h"

namespace ls::season {
namespace {

TEST(SeasonStore, PlaylistsAndSchedulesRoundTripAndRefusalsChangeNothing) {
  testutil::TempDir dir;
  auto store = SeasonStore::Open(dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  PlaylistRecord p;
  p.name = "xmas";
  p.song_ids = {"aa", "bb"};
  p.repeat = true;
  ASSERT_TRUE((*store)->CreatePlaylist(p).ok());
  EXPECT_EQ((*store)->CreatePlaylist(p).code(), absl::StatusCode::kAlreadyExists);
  PlaylistRecord bad;
  bad.name = "bad name";
  EXPECT_EQ((*store)->CreatePlaylist(bad).code(), absl::StatusCode::kInvalidArgument);
  auto got = (*store)->GetPlaylist("xmas");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->song_ids, p.song_ids);
  EXPECT_TRUE(got->repeat);
  EXPECT_EQ(got->gap_ms, kDefaultGapMs);

  ScheduleRecord s{0, "xmas", "mon-sun", "dusk", "22:30", "11-28..01-06", "finish-song"};
  auto id = (*store)->AddSchedule(s);
  ASSERT_TRUE(id.ok());
  s.playlist = "nope";
  EXPECT_EQ((*store)->AddSchedule(s).status().code(), absl::StatusCode::kNotFound);
  auto del = (*store)->DeletePlaylist("xmas");
  EXPECT_EQ(del.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(del.message()).find("schedule"), std::string::npos);
  EXPECT_TRUE((*store)->GetPlaylist("xmas").ok());
  ASSERT_EQ((*store)->ListSchedules()->size(), 1u);
  ASSERT_TRUE((*store)->DeleteSchedule(*id).ok());
  EXPECT_EQ((*store)->DeleteSchedule(*id).code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE((*store)->DeletePlaylist("xmas").ok());
  EXPECT_EQ((*store)->GetPlaylist("xmas").status().code(), absl::StatusCode::kNotFound);

  ASSERT_TRUE((*store)->SetState("resume", "1@2026-12-05 3").ok());
  store->reset();  // reopen: what a restart sees
  auto again = SeasonStore::Open(dir.path());
  EXPECT_EQ(**(*again)->GetState("resume"), "1@2026-12-05 3");
}

}  // namespace
}  // namespace ls::season
