#include "cli/classify_files.h"

#include <gtest/gtest.h>

namespace ls::cli {
namespace {

TEST(ClassifyFiles, ParsesRowsWithLineNumbers) {
  auto rows = ParseTwoColumnCsv("path_or_song,label\n\n# comment\na.wav, jazz \n3fa9c2,rock\n", "manifest");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].row, 4);
  EXPECT_EQ((*rows)[0].first, "a.wav");
  EXPECT_EQ((*rows)[0].second, "jazz");
  EXPECT_EQ((*rows)[1].row, 5);
}

TEST(ClassifyFiles, NamesTheBadRow) {
  auto rows = ParseTwoColumnCsv("a.wav,x\nb.wav\n", "manifest");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("manifest row 2"), std::string::npos) << rows.status();
  rows = ParseTwoColumnCsv("a,b,c\n", "labels");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("labels row 1"), std::string::npos);
  EXPECT_FALSE(ParseTwoColumnCsv(",x\n", "manifest").ok());
}

TEST(ClassifyFiles, SongIds) {
  EXPECT_TRUE(LooksLikeSongId("3fa9c2"));
  EXPECT_FALSE(LooksLikeSongId("3fa9c"));
  EXPECT_FALSE(LooksLikeSongId("song.wav"));
  EXPECT_FALSE(LooksLikeSongId("3FA9C2"));
}

}  // namespace
}  // namespace ls::cli
