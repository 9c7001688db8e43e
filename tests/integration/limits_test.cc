// Limits through the real server: each one configured by its flag, and going
// over it gives RESOURCE_EXHAUSTED (DEADLINE_EXCEEDED for the time limit) with
// a message naming the limit's flag, while the server stays up and keeps
// serving within the limit.
#include <thread>

#include "cluster.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "lightshow/v1/agent_link.grpc.pb.h"
#include "lightshow/v1/control.grpc.pb.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;
namespace v1 = lightshow::v1;

std::string Token(Cluster& c) {
  std::string t = ReadAll(c.token_file());
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  return t;
}

std::unique_ptr<grpc::ClientContext> Call(Cluster& c, std::chrono::seconds timeout = 20s) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("authorization", "Bearer " + Token(c));
  ctx->set_deadline(std::chrono::system_clock::now() + timeout);
  return ctx;
}

std::shared_ptr<grpc::Channel> Channel(Cluster& c) {
  return grpc::CreateChannel(c.address(), grpc::InsecureChannelCredentials());
}

v1::UploadChunk Header(const std::string& name, uint64_t size) {
  v1::UploadChunk h;
  h.mutable_header()->set_name(name);
  h.mutable_header()->set_size_bytes(size);
  return h;
}

TEST(Limits, UploadSizeOverTheLimitNamesTheFlag) {
  Cluster c({"--max-upload-mb", "1"});
  std::string path = c.dir().File("big.wav");
  WriteTune(path, 8.0);  // ~1.4 MiB
  auto r = c.Lsctl({"submit", path});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("RESOURCE_EXHAUSTED"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--max-upload-mb"), std::string::npos) << r.err;
}

TEST(Limits, ConcurrentUploadsOverTheLimitAreRefusedUntilASlotFrees) {
  Cluster c({"--max-concurrent-uploads", "1"});
  auto stub = v1::Control::NewStub(Channel(c));
  std::string path = c.dir().File("song.wav");
  std::string bytes = WriteTune(path, 2.0);

  // A slow client holds the only slot: header sent, no data yet.
  auto ctx = Call(c);
  v1::UploadReply reply;
  auto writer = stub->Upload(ctx.get(), &reply);
  ASSERT_TRUE(writer->Write(Header("slow.wav", bytes.size())));
  // The server has taken the slot once its gauge says so.
  ASSERT_TRUE(WaitFor(
      [&] {
        auto m = ::ls::it::Run({"/usr/bin/curl", "-s", "http://" + c.metrics_address() + "/metrics"}, 10s);
        return m.out.find("\nlightshow_uploads_in_progress 1\n") != std::string::npos;
      },
      10s));

  auto r = c.Lsctl({"submit", path});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("RESOURCE_EXHAUSTED"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--max-concurrent-uploads"), std::string::npos) << r.err;

  // The slow upload finishes normally and frees the slot.
  v1::UploadChunk data;
  data.set_data(bytes);
  ASSERT_TRUE(writer->Write(data));
  ASSERT_TRUE(writer->WritesDone());
  grpc::Status st = writer->Finish();
  EXPECT_TRUE(st.ok()) << st.error_message();

  r = c.Lsctl({"submit", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(Limits, MessageOverTheSizeLimitIsRefusedAndNormalUploadsStillWork) {
  Cluster c({"--max-message-kb", "320"});
  auto stub = v1::Control::NewStub(Channel(c));
  auto ctx = Call(c);
  v1::UploadReply reply;
  auto writer = stub->Upload(ctx.get(), &reply);
  writer->Write(Header("huge-chunk.wav", 400 << 10));
  v1::UploadChunk data;
  data.set_data(std::string(400 << 10, 'x'));
  writer->Write(data);
  writer->WritesDone();
  grpc::Status st = writer->Finish();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << st.error_message();

  // lsctl's 256 KiB chunks fit under the limit.
  std::string path = c.dir().File("song.wav");
  WriteTune(path, 3.0);
  auto r = c.Lsctl({"submit", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(c.server().Running());
}

TEST(Limits, StalledUploadIsCutOffAtTheServersTimeLimit) {
  Cluster c({"--upload-timeout-s", "1"});
  auto stub = v1::Control::NewStub(Channel(c));
  auto ctx = Call(c, 20s);  // the client would wait much longer
  v1::UploadReply reply;
  auto writer = stub->Upload(ctx.get(), &reply);
  ASSERT_TRUE(writer->Write(Header("stalled.wav", 1000000)));
  auto t0 = std::chrono::steady_clock::now();
  grpc::Status st = writer->Finish();  // sends nothing more: the server must end it
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << st.error_message();
  EXPECT_NE(st.error_message().find("--upload-timeout-s"), std::string::npos) << st.error_message();
  EXPECT_LT(waited, 5.0);

  // Uploads within the limit are unaffected, and the slot was given back.
  std::string path = c.dir().File("song.wav");
  WriteTune(path, 2.0);
  for (int i = 0; i < 5; ++i) {
    auto r = c.Lsctl({"submit", path});
    ASSERT_EQ(r.exit_code, 0) << r.err << c.server_log();
  }
}

TEST(Limits, AgentConnectionRatePerPeerIp) {
  Cluster c({"--agent-connect-burst", "3", "--agent-connects-per-min", "1"});
  auto stub = v1::AgentLink::NewStub(Channel(c));
  std::vector<grpc::StatusCode> codes;
  std::string last_message;
  for (int i = 0; i < 5; ++i) {
    auto ctx = Call(c, 5s);
    auto stream = stub->Connect(ctx.get());
    v1::AgentMessage hello;
    hello.mutable_hello()->set_agent_id("rate-" + std::to_string(i));
    hello.mutable_hello()->set_channels(8);
    stream->Write(hello);
    v1::ServerMessage first;
    bool got = stream->Read(&first);  // a welcome when admitted
    if (got) {
      ctx->TryCancel();
      codes.push_back(grpc::StatusCode::OK);
      stream->Finish().IgnoreError();
      continue;
    }
    grpc::Status st = stream->Finish();
    codes.push_back(st.error_code());
    last_message = st.error_message();
  }
  ASSERT_EQ(codes.size(), 5u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(codes[i], grpc::StatusCode::OK) << i;
  for (int i = 3; i < 5; ++i) EXPECT_EQ(codes[i], grpc::StatusCode::RESOURCE_EXHAUSTED) << i;
  EXPECT_NE(last_message.find("127.0.0.1"), std::string::npos) << last_message;
  EXPECT_NE(last_message.find("--agent-connects-per-min"), std::string::npos) << last_message;
  // Control RPCs are not affected by the agent limit.
  auto r = c.Lsctl({"songs"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(Limits, BadLimitFlagsStopTheServerWithTheFlagNamed) {
  struct Case {
    std::vector<std::string> flags;
    std::string name;
  };
  std::vector<Case> cases = {
      {{"--max-concurrent-uploads", "0"}, "--max-concurrent-uploads"},
      {{"--max-message-kb", "16"}, "--max-message-kb"},
      {{"--agent-connects-per-min", "0"}, "--agent-connects-per-min"},
      {{"--agent-connect-burst", "0"}, "--agent-connect-burst"},
      {{"--upload-timeout-s", "0"}, "--upload-timeout-s"},
  };
  TempDir dir;
  for (const auto& bc : cases) {
    SCOPED_TRACE(bc.name);
    std::vector<std::string> argv = {Bin("lightshow-server"), "--listen", "127.0.0.1:0", "--metrics-listen",
                                     "127.0.0.1:0", "--data-dir", dir.File("data")};
    argv.insert(argv.end(), bc.flags.begin(), bc.flags.end());
    auto r = ls::it::Run(argv, 20s);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find(bc.name), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace ls::it
