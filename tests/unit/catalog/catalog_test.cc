// Catalog round trip on a real SQLite file, id prefix resolution, the
// all-or-nothing song+show insert, and persistence across reopen.
#include "catalog/catalog.h"

#include <filesystem>

#include "catalog/blob_store.h"
#include "gtest/gtest.h"
#include "scratch_dir.h"

namespace ls::catalog {
namespace {

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeScratchDir("ls-catalog-");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static SongRecord Song(const std::string& id, int64_t created) {
    SongRecord s;
    s.id = id;
    s.name = "song-" + id.substr(0, 4) + ".wav";
    s.format = "WAV";
    s.size_bytes = 123456;
    s.source_sample_rate = 48000;
    s.source_channels = 2;
    s.duration_s = 12.5;
    s.frame_count = 537;
    s.hop = 1024;
    s.created_unix_ms = created;
    s.show_id = "sh" + id.substr(0, 8);
    return s;
  }
  static ShowRecord Show(const SongRecord& s) {
    ShowRecord sh;
    sh.id = s.show_id;
    sh.song_id = s.id;
    sh.renderer = "bands";
    sh.channels = 8;
    sh.frame_count = s.frame_count;
    sh.frame_period_ns = 23219955;
    sh.created_unix_ms = s.created_unix_ms;
    return sh;
  }
  std::filesystem::path dir_;
};

const std::string kA = std::string(64, 'a');
const std::string kB = "abcdef" + std::string(58, '1');
const std::string kC = "abcdef" + std::string(58, '2');

TEST_F(CatalogTest, SongAndShowRoundTripAndSurviveReopen) {
  {
    auto cat = Catalog::Open(dir_.string());
    ASSERT_TRUE(cat.ok()) << cat.status();
    SongRecord s = Song(kA, 1000);
    ASSERT_TRUE((*cat)->InsertSongWithShow(s, Show(s)).ok());
  }
  auto cat = Catalog::Open(dir_.string());
  ASSERT_TRUE(cat.ok());
  auto found = (*cat)->FindSong(kA);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  const SongRecord& s = **found;
  EXPECT_EQ(s.name, "song-aaaa.wav");
  EXPECT_EQ(s.format, "WAV");
  EXPECT_EQ(s.size_bytes, 123456);
  EXPECT_EQ(s.source_sample_rate, 48000);
  EXPECT_EQ(s.source_channels, 2);
  EXPECT_DOUBLE_EQ(s.duration_s, 12.5);
  EXPECT_EQ(s.frame_count, 537);
  EXPECT_EQ(s.hop, 1024);
  EXPECT_EQ(s.created_unix_ms, 1000);
  auto show = (*cat)->GetShow(s.show_id);
  ASSERT_TRUE(show.ok()) << show.status();
  EXPECT_EQ(show->song_id, kA);
  EXPECT_EQ(show->renderer, "bands");
  EXPECT_EQ(show->frame_count, 537);
  EXPECT_EQ(show->frame_period_ns, 23219955);
}

// A learned show keeps the render profile it was made with (a re-render with
// another profile is another show); band shows have none.
TEST_F(CatalogTest, ShowsKeepTheirRenderProfile) {
  auto cat = Catalog::Open(dir_.string());
  ASSERT_TRUE(cat.ok());
  SongRecord s = Song(kA, 1000);
  ASSERT_TRUE((*cat)->InsertSongWithShow(s, Show(s)).ok());
  EXPECT_EQ((*cat)->GetShow(s.show_id)->profile, "");
  ShowRecord ssr = Show(s);
  ssr.id = "shssr";
  ssr.renderer = "dense-1";
  ssr.profile = "ssr";
  ASSERT_TRUE((*cat)->SetSongShow(ssr).ok());
  auto back = (*cat)->GetShow("shssr");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->profile, "ssr");
  EXPECT_EQ(back->renderer, "dense-1");
  EXPECT_EQ((*cat)->FindSong(kA)->value().show_id, "shssr");
}

TEST_F(CatalogTest, ListIsNewestFirstAndCountMatches) {
  auto cat = Catalog::Open(dir_.string());
  ASSERT_TRUE(cat.ok());
  for (auto [id, t] : {std::pair{kA, 1}, std::pair{kB, 3}, std::pair{kC, 2}}) {
    SongRecord s = Song(id, t);
    ASSERT_TRUE((*cat)->InsertSongWithShow(s, Show(s)).ok());
  }
  auto list = (*cat)->ListSongs();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].id, kB);
  EXPECT_EQ((*list)[1].id, kC);
  EXPECT_EQ((*list)[2].id, kA);
  EXPECT_EQ(*(*cat)->CountSongs(), 3);
}

TEST_F(CatalogTest, DuplicateInsertIsAlreadyExistsAndChangesNothing) {
  auto cat = Catalog::Open(dir_.string());
  ASSERT_TRUE(cat.ok());
  SongRecord s = Song(kA, 1);
  ASSERT_TRUE((*cat)->InsertSongWithShow(s, Show(s)).ok());
  SongRecord again = s;
  again.name = "other.wav";
  auto st = (*cat)->InsertSongWithShow(again, Show(again));
  EXPECT_TRUE(absl::IsAlreadyExists(st)) << st;
  EXPECT_EQ((**(*cat)->FindSong(kA)).name, "song-aaaa.wav");
  EXPECT_EQ(*(*cat)->CountSongs(), 1);
}

TEST_F(CatalogTest, ResolvesUniquePrefixesAndExplainsBadOnes) {
  auto cat = Catalog::Open(dir_.string());
  ASSERT_TRUE(cat.ok());
  for (const auto& id : {kA, kB, kC}) {
    SongRecord s = Song(id, 1);
    ASSERT_TRUE((*cat)->InsertSongWithShow(s, Show(s)).ok());
  }
  EXPECT_EQ((*cat)->ResolveSong("aaaaaa")->id, kA);
  EXPECT_EQ((*cat)->ResolveSong("ABCDEF1")->id, kB) << "prefixes are case-insensitive";
  EXPECT_EQ((*cat)->ResolveSong(kC)->id, kC);
  auto ambiguous = (*cat)->ResolveSong("abcdef");
  EXPECT_TRUE(absl::IsInvalidArgument(ambiguous.status()));
  EXPECT_NE(ambiguous.status().message().find("several"), std::string::npos);
  EXPECT_TRUE(absl::IsInvalidArgument((*cat)->ResolveSong("abc").status()));
  EXPECT_TRUE(absl::IsInvalidArgument((*cat)->ResolveSong("song.wav").status()));
  EXPECT_TRUE(absl::IsInvalidArgument((*cat)->ResolveSong("").status()));
  EXPECT_TRUE(absl::IsNotFound((*cat)->ResolveSong("0123456789").status()));
}

TEST_F(CatalogTest, BlobsAreWrittenAtomicallyAndMissingOnesAreDataLoss) {
  auto blobs = BlobStore::Open(dir_.string());
  ASSERT_TRUE(blobs.ok());
  ASSERT_TRUE(blobs->Put("shows", "x1", std::string("\x01\x02\x00\x03", 4)).ok());
  auto got = blobs->Get("shows", "x1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, std::string("\x01\x02\x00\x03", 4));
  EXPECT_TRUE(blobs->Exists("shows", "x1"));
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "blobs" / "shows")) {
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << "temp file left behind";
  }
  EXPECT_TRUE(absl::IsDataLoss(blobs->Get("shows", "missing").status()));
}

}  // namespace
}  // namespace ls::catalog
