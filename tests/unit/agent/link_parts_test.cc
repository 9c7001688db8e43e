#include <gtest/gtest.h>

#include "agent_test_util.h"
#include "link/backoff.h"
#include "link/link_config.h"
#include "link/token.h"

namespace ls::agent {
namespace {

constexpr int64_t kMs = 1'000'000;

TEST(Backoff, GrowsExponentiallyWithJitterUpToTheCap) {
  Backoff b(100 * kMs, 5'000 * kMs, 42);
  int64_t ceiling = 100 * kMs;
  for (int i = 0; i < 12; ++i) {
    const int64_t d = b.NextNs();
    EXPECT_GE(d, ceiling / 2) << "attempt " << i;
    EXPECT_LE(d, ceiling) << "attempt " << i;
    ceiling = std::min(ceiling * 2, 5'000 * kMs);
  }
  b.Reset();
  EXPECT_LE(b.NextNs(), 100 * kMs);
}

TEST(Backoff, JitterSpreadsAgents) {
  Backoff a(100 * kMs, 5'000 * kMs, 1), c(100 * kMs, 5'000 * kMs, 2);
  int differ = 0;
  for (int i = 0; i < 8; ++i) differ += a.NextNs() != c.NextNs();
  EXPECT_GE(differ, 6);
}

TEST(Token, TrimsWhitespace) {
  const std::string path = testing::TempPath("token");
  testing::WriteFile(path, "  abc123-XYZ \n\n");
  auto t = ReadToken(path);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(*t, "abc123-XYZ");
}

TEST(Token, MissingEmptyOrBrokenFilesAreClearErrors) {
  auto missing = ReadToken("/nonexistent/token");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/token"), std::string::npos);
  const std::string empty = testing::TempPath("empty-token");
  testing::WriteFile(empty, " \n\t");
  auto e = ReadToken(empty);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("empty"), std::string::npos);
  const std::string spaced = testing::TempPath("spaced-token");
  testing::WriteFile(spaced, "two words");
  EXPECT_FALSE(ReadToken(spaced).ok());
  EXPECT_FALSE(ReadToken("").ok());
}

TEST(LinkConfig, ValidatesServerAndId) {
  LinkConfig c;
  c.server = "127.0.0.1:50051";
  c.agent_id = "porch-1";
  EXPECT_TRUE(ValidateLinkConfig(c).ok());
  c.server = "[::1]:7000";
  EXPECT_TRUE(ValidateLinkConfig(c).ok());
  for (const char* bad : {"", "host", "host:", ":80", "host:0", "host:70000", "host:x"}) {
    c.server = bad;
    EXPECT_FALSE(ValidateLinkConfig(c).ok()) << bad;
  }
  c.server = "h:1";
  for (const char* bad : {"", "has space", "slash/no", "ümlaut"}) {
    c.agent_id = bad;
    EXPECT_FALSE(ValidateLinkConfig(c).ok()) << bad;
  }
}

}  // namespace
}  // namespace ls::agent
