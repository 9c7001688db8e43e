// Atomic file writes under concurrency, the data-dir lock and private dirs.
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <regex>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/dir_lock.h"
#include "common/files.h"
#include "common/log.h"
#include "gtest/gtest.h"
#include "temp_dir.h"

namespace ls {
namespace {

// Each writer's content is recognisable (one letter, its own length), so a
// file made of two writes, or cut short, is caught.
std::string Content(int writer, int round) {
  return std::string(200'000 + writer * 1000 + round, static_cast<char>('a' + writer));
}

bool IsWholeWrite(const std::string& s) {
  if (s.empty()) return false;
  const int writer = s[0] - 'a';
  if (writer < 0 || writer >= 26) return false;
  const size_t base = 200'000 + writer * 1000;
  return s.size() >= base && s.size() < base + 1000 &&
         s.find_first_not_of(s[0]) == std::string::npos;
}

TEST(WriteFileAtomic, ConcurrentWritesOfOnePathEachLandWhole) {
  testutil::TempDir dir("files-test");
  const std::string path = dir.File("blob");
  constexpr int kWriters = 8, kRounds = 25;
  std::atomic<int> failures{0}, torn{0};
  std::atomic<bool> stop{false};
  std::thread reader([&] {  // a reader never sees a partial file
    while (!stop.load()) {
      auto s = ReadFile(path);
      if (s.ok() && !IsWholeWrite(*s)) ++torn;
    }
  });
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int r = 0; r < kRounds; ++r) {
        if (!WriteFileAtomic(path, Content(w, r)).ok()) ++failures;
      }
    });
  }
  for (auto& t : writers) t.join();
  stop = true;
  reader.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(torn.load(), 0);
  auto final_content = ReadFile(path);
  ASSERT_TRUE(final_content.ok());
  EXPECT_TRUE(IsWholeWrite(*final_content));
  // No temp file is left behind.
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    ++entries;
    EXPECT_EQ(e.path().filename(), "blob");
  }
  EXPECT_EQ(entries, 1);
}

TEST(WriteFileAtomic, ModeIsApplied) {
  testutil::TempDir dir("files-test");
  ASSERT_TRUE(WriteFileAtomic(dir.File("secret"), "x", 0600).ok());
  struct stat st{};
  ASSERT_EQ(::stat(dir.File("secret").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_TRUE(WriteFileAtomic(dir.File("public"), "x").ok());
  ASSERT_EQ(::stat(dir.File("public").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(MakePrivateDir, NewDirIsOwnerOnly) {
  testutil::TempDir dir("files-test");
  const std::string data = dir.File("a/b/data");
  ASSERT_TRUE(MakePrivateDir(data).ok());
  struct stat st{};
  ASSERT_EQ(::stat(data.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_TRUE(MakePrivateDir(data).ok());  // existing: fine
}

TEST(DirLock, SecondHolderIsRefusedWithDirAndPid) {
  testutil::TempDir dir("files-test");
  auto first = DirLock::Acquire(dir.path());
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = DirLock::Acquire(dir.path());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find(dir.path()), std::string::npos) << second.status();
  EXPECT_NE(second.status().message().find(absl::StrCat("pid ", ::getpid())), std::string::npos)
      << second.status();
  first->reset();  // released: the next one gets it
  EXPECT_TRUE(DirLock::Acquire(dir.path()).ok());
}

TEST(Log, ClientTextCannotForgeLinesOrSendEscapes) {
  EXPECT_EQ(Escaped("pi-1"), "pi-1");
  EXPECT_EQ(Escaped("a\n2026-01-01T00:00:00.000Z ERROR forged"),
            "a\\n2026-01-01T00:00:00.000Z ERROR forged");
  EXPECT_EQ(Escaped("\x1b[31mred\\"), "\\x1b[31mred\\\\");
  EXPECT_EQ(Escaped(std::string("nul\0byte", 8)), "nul\\x00byte");
  EXPECT_EQ(Escaped(std::string(300, 'x'), 10), "xxxxxxxxxx...");
}

// A line is "<UTC timestamp, ms> <LEVEL> <message>", one event per line.
TEST(Log, LinesAreTimestampedAndLevelled) {
  testutil::TempDir dir("files-test");
  const std::string path = dir.File("stderr");
  std::fflush(stderr);
  const int saved = ::dup(STDERR_FILENO);
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  ::dup2(::fileno(f), STDERR_FILENO);
  LogInfo("hello");
  LogError("two\nlines");
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  std::fclose(f);
  auto text = ReadFile(path);
  ASSERT_TRUE(text.ok());
  const std::regex line(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO |ERROR) .*)");
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text->find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text->substr(start, nl - start));
  }
  ASSERT_EQ(lines.size(), 2u) << *text;
  for (const auto& l : lines) EXPECT_TRUE(std::regex_match(l, line)) << l;
  EXPECT_NE(lines[0].find("INFO  hello"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("ERROR two\\nlines"), std::string::npos) << lines[1];
}

}  // namespace
}  // namespace ls
