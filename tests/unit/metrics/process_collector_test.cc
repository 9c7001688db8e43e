#include "metrics/process_collector.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"
#include "test_util.h"

namespace ls::metrics {
namespace {

namespace fs = std::filesystem;

// A /proc/self/stat line whose command name holds spaces and a ')'.
const char kStat[] =
    "4242 (light show) x) S 1 4242 4242 0 -1 4194304 1000 0 0 0 250 150 0 0 20 0 7 0 "
    "123400 104857600 2560 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

TEST(ProcStat, ParsesFieldsAfterAnAwkwardCommandName) {
  auto s = ParseProcStat(kStat);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->utime_ticks, 250u);
  EXPECT_EQ(s->stime_ticks, 150u);
  EXPECT_EQ(s->threads, 7u);
  EXPECT_EQ(s->start_ticks, 123400u);
  EXPECT_EQ(s->vsize_bytes, 104857600u);
  EXPECT_EQ(s->rss_pages, 2560u);
}

TEST(ProcStat, RejectsTruncatedOrGarbledLines) {
  EXPECT_FALSE(ParseProcStat("4242 (x) S 1 2 3").ok());
  EXPECT_FALSE(ParseProcStat("no parenthesis here").ok());
  std::string bad = kStat;
  bad.replace(bad.find(" 250 "), 5, " abc ");
  EXPECT_FALSE(ParseProcStat(bad).ok());
}

TEST(ProcStat, BootTime) {
  auto b = ParseBootTime("cpu  1 2 3\nintr 5\nbtime 1700000000\nprocesses 9\n");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, 1700000000u);
  EXPECT_FALSE(ParseBootTime("cpu 1 2 3\n").ok());
}

TEST(ProcessCollector, FakeProcTreeGivesExactValuesInBaseUnits) {
  fs::path root = fs::temp_directory_path() / ("ls-proc-" + std::to_string(getpid()));
  fs::remove_all(root);  // pids repeat across runs; an old tree would add fds
  fs::create_directories(root / "self/fd");
  std::ofstream(root / "self/stat") << kStat;
  std::ofstream(root / "stat") << "cpu 1 2\nbtime 1700000000\n";
  for (int i = 0; i < 3; ++i) std::ofstream(root / "self/fd" / std::to_string(i)) << "";
  std::string t = Exposition(ProcessCollector(root.string()));
  fs::remove_all(root);

  const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
  EXPECT_DOUBLE_EQ(Sample(t, "lightshow_process_cpu_seconds_total"), 400 / hz);
  EXPECT_DOUBLE_EQ(Sample(t, "lightshow_process_resident_memory_bytes"),
                   2560.0 * static_cast<double>(sysconf(_SC_PAGESIZE)));
  EXPECT_EQ(Sample(t, "lightshow_process_virtual_memory_bytes"), 104857600);
  EXPECT_EQ(Sample(t, "lightshow_process_threads"), 7);
  EXPECT_EQ(Sample(t, "lightshow_process_open_fds"), 3);
  EXPECT_DOUBLE_EQ(Sample(t, "lightshow_process_start_time_seconds"), 1700000000 + 123400 / hz);
}

TEST(ProcessCollector, MissingSourcesAreLeftOutNotZero) {
  std::string t = Exposition(ProcessCollector("/nonexistent-proc-root"));
  EXPECT_EQ(t.find("lightshow_process_cpu_seconds_total"), std::string::npos);
  EXPECT_EQ(t.find("lightshow_process_open_fds"), std::string::npos);
}

TEST(ProcessCollector, RealProcSelfLooksLikeThisProcess) {
  std::string t = Exposition(ProcessCollector());
  EXPECT_GT(Sample(t, "lightshow_process_resident_memory_bytes"), 1e5);
  EXPECT_GE(Sample(t, "lightshow_process_open_fds"), 3);  // stdin, stdout, stderr at least
  EXPECT_GE(Sample(t, "lightshow_process_cpu_seconds_total"), 0);
  double start = Sample(t, "lightshow_process_start_time_seconds");
  double now = static_cast<double>(time(nullptr));
  EXPECT_LE(start, now + 1);
  EXPECT_GT(start, now - 3600);  // this test process started within the hour
}

}  // namespace
}  // namespace ls::metrics
