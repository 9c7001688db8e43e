// The one CSV reader: quoting, CRLF, comments, and errors that name the line.
#include "common/csv.h"

#include "gtest/gtest.h"

namespace ls {
namespace {

TEST(Csv, QuotedFieldsCommasQuotesAndNewlines) {
  auto rows = ParseCsv("path,label\r\n\"a, b.wav\",\"say \"\"hi\"\"\"\n# a comment\n\n\"two\nlines\", x \n", "t.csv");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].fields, (std::vector<std::string>{"path", "label"}));
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"a, b.wav", "say \"hi\""}));
  EXPECT_EQ((*rows)[1].line, 2);
  EXPECT_EQ((*rows)[2].fields, (std::vector<std::string>{"two\nlines", "x"}));
  EXPECT_EQ((*rows)[2].line, 5);
}

TEST(Csv, ErrorsNameTheLine) {
  auto open = ParseCsv("a,b\n\"never closed,c\n", "m.csv");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().message(), "m.csv line 2: a quote is never closed");
  auto stray = ParseCsv("a,b\nx\"y,c\n", "m.csv");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.status().message(), "m.csv line 2: a quote inside an unquoted field");

  auto rows = ParseCsv("song,1.5\nsong,loud\n", "e.csv");
  ASSERT_TRUE(rows.ok());
  EXPECT_DOUBLE_EQ(*CsvNumber((*rows)[0], 1, "e.csv"), 1.5);
  EXPECT_EQ(CsvNumber((*rows)[1], 1, "e.csv").status().message(), "e.csv line 2: field 2 is not a number: 'loud'");
  EXPECT_EQ(CsvNumber((*rows)[1], 4, "e.csv").status().message(), "e.csv line 2: expected at least 5 fields, got 2");
  EXPECT_EQ(ReadCsvFile("/nonexistent/m.csv").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace ls
