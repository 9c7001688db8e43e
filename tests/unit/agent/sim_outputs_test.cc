#include "gpio/sim_outputs.h"

#include <gtest/gtest.h>

#include <fstream>

#include "agent_test_util.h"
#include "base/clock.h"

namespace ls::agent {
namespace {

using testing::ReadCsv;
using testing::TempPath;

TEST(SimOutputs, FormatsLinesWithTwoDigitHexMask) {
  EXPECT_EQ(SimOutputs::FormatLine(12, 100, 105, 0xa5), "12,100,105,a5\n");
  EXPECT_EQ(SimOutputs::FormatLine(0, 1, 2, 0x05), "0,1,2,05\n");
  EXPECT_EQ(SimOutputs::FormatLine(-1, 0, 7, 0), "-1,0,7,00\n");
  EXPECT_EQ(SimOutputs::FormatLine(3, 1764057600123456789, 1764057600123501234, 0xff),
            "3,1764057600123456789,1764057600123501234,ff\n");
}

TEST(SimOutputs, WritesHeaderOnceAndOneFlushedLinePerChange) {
  const std::string path = TempPath("sim.csv");
  {
    auto out = SimOutputs::Open(path);
    ASSERT_TRUE(out.ok()) << out.status();
    const int64_t t0 = NowRealtimeNs();
    ASSERT_TRUE((*out)->AllOff(0).ok());
    ASSERT_TRUE((*out)->Set(0xa5, FrameStamp{7, t0}).ok());
    // Readable before the file is closed: every line is flushed.
    std::string header;
    auto rows = ReadCsv(path, &header);
    EXPECT_EQ(header, "frame,scheduled_ns,applied_ns,mask");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].frame, -1);
    EXPECT_EQ(rows[0].mask_text, "00");
    EXPECT_GE(rows[0].scheduled_ns, t0 - 1'000'000'000);  // "now" for an unscheduled off
    EXPECT_EQ(rows[1].frame, 7);
    EXPECT_EQ(rows[1].scheduled_ns, t0);
    EXPECT_GE(rows[1].applied_ns, t0);
    EXPECT_LT(rows[1].applied_ns, t0 + 1'000'000'000);
    EXPECT_EQ(rows[1].mask_text, "a5");
  }
  {
    // Re-opening appends without a second header.
    auto out = SimOutputs::Open(path);
    ASSERT_TRUE(out.ok()) << out.status();
    ASSERT_TRUE((*out)->Set(0x01, FrameStamp{8, 5}).ok());
  }
  std::ifstream in(path);
  std::string line;
  int headers = 0, lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    if (line.rfind("frame,", 0) == 0) ++headers;
  }
  EXPECT_EQ(headers, 1);
  EXPECT_EQ(lines, 4);
  auto rows = ReadCsv(path);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].mask_text, "01");
}

TEST(SimOutputs, WritesHeaderIntoExistingEmptyFile) {
  const std::string path = TempPath("empty.csv");
  testing::WriteFile(path, "");
  auto out = SimOutputs::Open(path);
  ASSERT_TRUE(out.ok());
  std::string header;
  ReadCsv(path, &header);
  EXPECT_EQ(header, "frame,scheduled_ns,applied_ns,mask");
}

TEST(SimOutputs, UnwritablePathIsAClearError) {
  auto out = SimOutputs::Open("/nonexistent-dir/x/sim.csv");
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("/nonexistent-dir/x/sim.csv"), std::string::npos);
  EXPECT_FALSE(SimOutputs::Open("").ok());
}

}  // namespace
}  // namespace ls::agent
