#include "auth/rate_limiter.h"

#include "gtest/gtest.h"

namespace ls::auth {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiterTest, BurstThenRefillPerKey) {
  auto t = std::chrono::steady_clock::time_point{} + 1h;
  RateLimiter lim(60, 3, [&] { return t; });  // one per second, three at once
  EXPECT_TRUE(lim.Allow("10.0.0.1"));
  EXPECT_TRUE(lim.Allow("10.0.0.1"));
  EXPECT_TRUE(lim.Allow("10.0.0.1"));
  EXPECT_FALSE(lim.Allow("10.0.0.1"));
  EXPECT_TRUE(lim.Allow("10.0.0.2")) << "keys are independent";
  t += 500ms;
  EXPECT_FALSE(lim.Allow("10.0.0.1"));
  t += 600ms;
  EXPECT_TRUE(lim.Allow("10.0.0.1"));
  EXPECT_FALSE(lim.Allow("10.0.0.1"));
  t += 1h;  // refills to the burst, never beyond
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(lim.Allow("10.0.0.1"));
  EXPECT_FALSE(lim.Allow("10.0.0.1"));
}

TEST(RateLimiterTest, ManyKeysStayBounded) {
  auto t = std::chrono::steady_clock::time_point{} + 1h;
  RateLimiter lim(60, 1, [&] { return t; });
  for (size_t i = 0; i < RateLimiter::kMaxKeys; ++i) EXPECT_TRUE(lim.Allow("k" + std::to_string(i)));
  EXPECT_FALSE(lim.Allow("new")) << "every bucket is empty: no room for a new host";
  t += 2s;  // all refilled: forgotten, room again
  EXPECT_TRUE(lim.Allow("new"));
}

TEST(PeerHostTest, StripsSchemeAndPort) {
  EXPECT_EQ(PeerHost("ipv4:127.0.0.1:5555"), "127.0.0.1");
  EXPECT_EQ(PeerHost("ipv6:[::1]:5555"), "::1");
  EXPECT_EQ(PeerHost("unix:/tmp/s"), "unix:/tmp/s");
  EXPECT_EQ(PeerHost(""), "");
}

}  // namespace
}  // namespace ls::auth
