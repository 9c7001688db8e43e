// The link against a real in-process gRPC server on 127.0.0.1.
#include "link/link_client.h"

#include <gtest/gtest.h>

#include <memory>

#include "agent_test_util.h"
#include "base/clock.h"
#include "fake_agent_link_server.h"
#include "gpio/sim_outputs.h"
#include "link/clock_sync.h"
#include "player/player.h"

namespace ls::agent {
namespace {

using testing::FakeAgentLinkServer;
using testing::FrameRows;
using testing::MakeFrames;
using testing::MakeStart;
using testing::MakeStop;
using testing::ReadCsv;
using testing::WaitFor;

constexpr int64_t kMs = 1'000'000;
constexpr int64_t kPeriod = 40 * kMs;

// An agent (sim outputs, player, link) wired like the real one.
class LinkTest : public ::testing::Test {
 protected:
  void StartAgent(const std::string& server, const std::string& token,
                  int64_t stall_timeout_ns = 5'000 * kMs) {
    token_path_ = testing::TempPath("token");
    testing::WriteFile(token_path_, token + "\n");
    csv_ = testing::TempPath("link.csv");
    auto out = SimOutputs::Open(csv_);
    ASSERT_TRUE(out.ok());
    outputs_ = std::move(*out);
    player_ = std::make_unique<Player>(PlayerConfig{}, outputs_.get(),
                                       [this] { return clock_.OffsetNs(); });
    ASSERT_TRUE(player_->Start().ok());
    LinkConfig cfg;
    cfg.server = server;
    cfg.token_file = token_path_;
    cfg.agent_id = "porch";
    cfg.version = "test-1";
    cfg.offset_ms = 25;
    cfg.stall_timeout_ns = stall_timeout_ns;
    ASSERT_TRUE(ValidateLinkConfig(cfg).ok());
    link_ = std::make_unique<LinkClient>(cfg, token, player_.get(), &clock_);
    link_->Start();
  }
  void TearDown() override {
    if (link_) link_->Stop();
    if (player_) player_->Stop();
  }
  // Sends a show of `n` frames starting `lead_ms` from now; returns its start time.
  int64_t SendShow(FakeAgentLinkServer& server, const std::string& id, uint32_t n,
                   int64_t lead_ms) {
    const int64_t start = NowRealtimeNs() + lead_ms * kMs;
    EXPECT_TRUE(server.Send(MakeStart(id, start, kPeriod, n)));
    EXPECT_TRUE(server.Send(MakeFrames(id, 0, n, start, kPeriod, true)));
    return start;
  }

  std::string token_path_, csv_;
  ClockSync clock_;
  std::unique_ptr<SimOutputs> outputs_;
  std::unique_ptr<Player> player_;
  std::unique_ptr<LinkClient> link_;
};

TEST_F(LinkTest, RegistersWithTokenSyncsClockAndPlaysFrames) {
  FakeAgentLinkServer server("tok-123");
  StartAgent(server.address(), "tok-123");
  ASSERT_TRUE(WaitFor([&] { return server.hellos() == 1 && link_->connected(); }, 10000));
  const auto hello = server.last_hello();
  EXPECT_EQ(hello.agent_id(), "porch");
  EXPECT_EQ(hello.channels(), 8u);
  EXPECT_EQ(hello.version(), "test-1");
  EXPECT_EQ(hello.offset_ms(), 25);
  EXPECT_EQ(server.rejected(), 0);
  // Pings are answered and turned into an offset (same host: about zero).
  ASSERT_TRUE(WaitFor([&] { return server.pongs() >= 4 && clock_.Best().has_value(); }, 5000));
  EXPECT_GT(clock_.RttNs(), 0);
  // The true offset is 0; NTP's error is bounded by half the sample's RTT.
  EXPECT_LE(std::abs(clock_.OffsetNs()), clock_.RttNs() / 2 + 1 * kMs);

  const int64_t start = SendShow(server, "play-1", 20, 300);
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().last_frame == 19; }, 5000));
  const auto rows = FrameRows(ReadCsv(csv_));
  ASSERT_GE(rows.size(), 18u);
  for (const auto& r : rows) {
    EXPECT_EQ(r.mask, testing::TestMask(static_cast<uint32_t>(r.frame)));
    EXPECT_NEAR(static_cast<double>(r.scheduled_ns),
                static_cast<double>(start + r.frame * kPeriod), 30e6);
  }
  // Stats reach the server (every ~1 s) with the applied count.
  ASSERT_TRUE(WaitFor([&] { return server.last_stats().frames_applied() >= rows.size(); }, 4000));
  EXPECT_EQ(server.last_stats().show_id(), "play-1");
  EXPECT_GE(server.heartbeats(), 1);
}

TEST_F(LinkTest, ShowStopOverTheLinkGoesDarkAtOnce) {
  FakeAgentLinkServer server("t");
  StartAgent(server.address(), "t");
  ASSERT_TRUE(WaitFor([&] { return link_->connected(); }, 10000));
  SendShow(server, "p", 200, 100);
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().frames_applied >= 3; }, 5000));
  const int64_t sent = NowRealtimeNs();
  ASSERT_TRUE(server.Send(MakeStop("p", "stopped")));
  ASSERT_TRUE(WaitFor([&] { return ReadCsv(csv_).back().frame == -1; }, 2000));
  EXPECT_LT(ReadCsv(csv_).back().applied_ns - sent, 100 * kMs);
  EXPECT_EQ(player_->Stats().buffered, 0u);
}

TEST_F(LinkTest, WrongTokenIsRejectedAndRetriedWithBackoff) {
  FakeAgentLinkServer server("right");
  StartAgent(server.address(), "wrong");
  ASSERT_TRUE(WaitFor([&] { return server.rejected() >= 3; }, 10000));
  EXPECT_EQ(server.hellos(), 0);
  EXPECT_FALSE(link_->connected());
  EXPECT_EQ(link_->welcomes(), 0);
  // A fixed token file is picked up on the next attempt.
  testing::WriteFile(token_path_, "right");
  ASSERT_TRUE(WaitFor([&] { return link_->connected(); }, 10000));
}

TEST_F(LinkTest, ReconnectsAfterServerRestartAndPlaysAgain) {
  auto server = std::make_unique<FakeAgentLinkServer>("tok");
  const int port = server->port();
  StartAgent(server->address(), "tok");
  ASSERT_TRUE(WaitFor([&] { return link_->connected(); }, 10000));
  server->Shutdown();
  ASSERT_TRUE(WaitFor([&] { return !link_->connected(); }, 5000));
  // Down for a while: the agent keeps trying with backoff (the lost session
  // and at least two refused dials).
  const int failed = link_->failed_attempts();
  ASSERT_TRUE(WaitFor([&] { return link_->failed_attempts() >= failed + 2; }, 10000));
  server = std::make_unique<FakeAgentLinkServer>("tok", port);
  ASSERT_EQ(server->port(), port);
  ASSERT_TRUE(WaitFor([&] { return server->hellos() == 1 && link_->connected(); }, 15000));
  EXPECT_EQ(link_->welcomes(), 2);
  SendShow(*server, "after-restart", 5, 200);
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().last_frame == 4; }, 5000));
  EXPECT_EQ(player_->Stats().show_id, "after-restart");
}

TEST_F(LinkTest, GoesDarkWhenTheServerDisappearsMidShow) {
  auto server = std::make_unique<FakeAgentLinkServer>("tok");
  StartAgent(server->address(), "tok");
  ASSERT_TRUE(WaitFor([&] { return link_->connected(); }, 10000));
  // A long show, but (like the real server's lookahead) only the first 15 frames sent.
  const int64_t start = NowRealtimeNs() + 200 * kMs;
  ASSERT_TRUE(server->Send(MakeStart("long", start, kPeriod, 1000)));
  ASSERT_TRUE(server->Send(MakeFrames("long", 0, 15, start, kPeriod, false)));
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().frames_applied >= 2; }, 5000));
  server->Shutdown();
  server.reset();
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().safe_offs >= 1; }, 5000));
  const auto rows = ReadCsv(csv_);
  ASSERT_GE(rows.size(), 3u);
  const auto& off = rows.back();
  const auto& last = rows[rows.size() - 2];
  EXPECT_EQ(off.frame, -1);
  EXPECT_EQ(off.mask_text, "00");
  EXPECT_EQ(last.frame, 14) << "the frames it held were played out";
  EXPECT_LE(off.applied_ns, last.scheduled_ns + 2 * kPeriod + 30 * kMs);
  // Stays dark: nothing is held that could still be played, and no link to bring more.
  EXPECT_EQ(player_->Stats().buffered, 0u) << "stays dark";
  EXPECT_FALSE(link_->connected());
}

TEST_F(LinkTest, StalledStreamIsDetectedAndRedialed) {
  FakeAgentLinkServer server("tok");
  server.set_answer_pings(false);  // the server goes quiet after Welcome
  StartAgent(server.address(), "tok", /*stall_timeout_ns=*/800 * kMs);
  // Each redial is welcomed again (the server counts the Hello a moment earlier).
  ASSERT_TRUE(WaitFor([&] { return server.hellos() >= 2 && link_->welcomes() >= 2; }, 10000));
}

}  // namespace
}  // namespace ls::agent
