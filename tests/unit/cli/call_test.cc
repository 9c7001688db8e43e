// Call(): the one unary-call helper of the lsctl commands. Its failures must
// print exactly what Context::FailRpc printed before (the lsctl contract).

#include <sstream>

#include "cli/client.h"
#include "fake_control.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;
using testing::FakeServer;
using testing::TempDir;
using testing::WriteFile;

// One lsctl run's context, its output captured.
struct Captured {
  Captured(const std::string& server, const std::string& token_file, bool json) : ctx(Io{out, err}) {
    ctx.options().server = server;
    ctx.options().token_file = token_file;
    ctx.options().json = json;
  }
  std::ostringstream out, err;
  Context ctx;
};

class CallTest : public ::testing::Test {
 protected:
  void SetUp() override { WriteFile(dir_.File("token"), "s3cret-token\n"); }

  // What a failed Play prints through Call() and through FailRpc, with and
  // without --json; each pair must match byte for byte.
  void ExpectSameFailure(const std::string& server, const pb::PlayRequest& req) {
    for (bool json : {false, true}) {
      Captured helper(server, dir_.File("token"), json);
      auto reply = Call(helper.ctx, &pb::Control::Stub::Play, req);
      ASSERT_FALSE(reply.ok());
      EXPECT_EQ(helper.ctx.Fail(reply.status()), 1);

      Captured direct(server, dir_.File("token"), json);
      auto conn = direct.ctx.Connect();
      ASSERT_TRUE(conn.ok());
      pb::PlayReply raw;
      const grpc::Status st =
          (*conn)->Unary(&pb::Control::Stub::Play, req, &raw, SecondsToMs(direct.ctx.options().timeout_s));
      ASSERT_FALSE(st.ok());
      EXPECT_EQ(direct.ctx.FailRpc(st), 1);

      EXPECT_EQ(helper.err.str(), direct.err.str());
      EXPECT_EQ(helper.out.str(), direct.out.str());
    }
  }

  TempDir dir_;
  FakeServer server_{"s3cret-token"};
};

TEST_F(CallTest, ReturnsTheReplyWithTokenAndTimeoutDeadline) {
  Captured run(server_.address(), dir_.File("token"), false);
  auto reply = Call(run.ctx, &pb::Control::Stub::ListSongs, {});
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->songs_size(), 2);
  const auto calls = server_.service().calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].authorization, "Bearer s3cret-token");
  EXPECT_GT(calls[0].deadline_s, 5.0);  // --timeout, 10 s by default
  EXPECT_LE(calls[0].deadline_s, 10.5);
  EXPECT_TRUE(run.out.str().empty() && run.err.str().empty()) << "Call() prints nothing";
}

TEST_F(CallTest, AtLeastRaisesTheDeadlineButNeverLowersIt) {
  Captured run(server_.address(), dir_.File("token"), false);
  ASSERT_TRUE(Call(run.ctx, &pb::Control::Stub::ListAgents, {}, 60.0).ok());
  run.ctx.options().timeout_s = 90;
  ASSERT_TRUE(Call(run.ctx, &pb::Control::Stub::ListAgents, {}, 60.0).ok());
  const auto calls = server_.service().calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_GT(calls[0].deadline_s, 55.0);
  EXPECT_LE(calls[0].deadline_s, 60.5);
  EXPECT_GT(calls[1].deadline_s, 85.0);
  EXPECT_LE(calls[1].deadline_s, 90.5);
}

TEST_F(CallTest, ServerErrorPrintsWhatFailRpcPrints) {
  pb::PlayRequest req;
  req.set_song_id("missing");  // the fake answers NOT_FOUND
  ExpectSameFailure(server_.address(), req);
  Captured run(server_.address(), dir_.File("token"), true);
  auto reply = Call(run.ctx, &pb::Control::Stub::Play, req);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CallTest, UnreachableServerKeepsItsHint) {
  pb::PlayRequest req;
  req.set_song_id("any");
  ExpectSameFailure("127.0.0.1:1", req);
  Captured run("127.0.0.1:1", dir_.File("token"), false);
  auto reply = Call(run.ctx, &pb::Control::Stub::Play, req);
  ASSERT_FALSE(reply.ok());
  EXPECT_NE(reply.status().message().find("cannot reach lightshow-server at 127.0.0.1:1"),
            std::string::npos)
      << reply.status();
}

TEST_F(CallTest, ConnectFailureComesBackAsConnectSaidIt) {
  Captured run(server_.address(), dir_.File("no-such-token"), false);
  auto reply = Call(run.ctx, &pb::Control::Stub::ListSongs, {});
  ASSERT_FALSE(reply.ok());
  Captured other(server_.address(), dir_.File("no-such-token"), false);
  EXPECT_EQ(reply.status(), other.ctx.Connect().status());
  EXPECT_TRUE(server_.service().calls().empty());
}

}  // namespace
}  // namespace ls::cli
