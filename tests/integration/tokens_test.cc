// Scoped tokens through the real server, lsctl and agent: the data dir's token
// stays the admin token; `lsctl tokens create --role agent` makes a token that
// connects agents but gets PERMISSION_DENIED on every Control RPC; admin tokens
// can do everything; revoked tokens stop working at once (an agent stream
// opened with one is closed); tokens are printed
// only at creation and never appear in the server's log.
#include "cluster.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "lightshow/v1/agent_link.grpc.pb.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;
namespace v1 = lightshow::v1;

class Tokens : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = new Cluster(); }
  static void TearDownTestSuite() { delete cluster_; }
  static Cluster* cluster_;

  /// Runs lsctl against the cluster with another token file.
  RunResult LsctlWith(const std::string& token_file, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {Bin("lsctl"), "--server", cluster_->address(), "--token-file", token_file};
    argv.insert(argv.end(), args.begin(), args.end());
    return ls::it::Run(argv, 30s);
  }
  /// `lsctl tokens create` with the admin token; writes the token to a file.
  std::string Create(const std::string& role, const std::string& name, std::string* token = nullptr) {
    auto r = cluster_->Lsctl({"tokens", "create", "--role", role, "--name", name});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string t = r.out;
    while (!t.empty() && t.back() == '\n') t.pop_back();
    EXPECT_EQ(t.size(), 64u) << "stdout must be the token alone: " << r.out;
    if (token) *token = t;
    std::string path = cluster_->dir().File(name + ".token");
    WriteAll(path, t + "\n");
    return path;
  }
  /// Opens an AgentLink stream with `token` and says hello: OK when welcomed,
  /// else the stream's status.
  grpc::Status AgentConnect(const std::string& token, const std::string& id) {
    auto channel = grpc::CreateChannel(cluster_->address(), grpc::InsecureChannelCredentials());
    auto stub = v1::AgentLink::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token);
    ctx.set_deadline(std::chrono::system_clock::now() + 10s);
    auto stream = stub->Connect(&ctx);
    v1::AgentMessage hello;
    hello.mutable_hello()->set_agent_id(id);
    hello.mutable_hello()->set_channels(8);
    stream->Write(hello);
    v1::ServerMessage first;
    if (stream->Read(&first) && first.has_welcome()) {
      ctx.TryCancel();
      stream->Finish().IgnoreError();
      return grpc::Status::OK;
    }
    return stream->Finish();
  }
};
Cluster* Tokens::cluster_ = nullptr;

TEST_F(Tokens, AgentTokenConnectsAnAgentButCannotUseControl) {
  std::string token;
  std::string file = Create("agent", "porch", &token);

  // A real agent connects with it.
  Process agent({Bin("lightshow-agent"), "--server", cluster_->address(), "--token-file", file, "--id",
                 "porch-pi", "--gpio", "sim:" + cluster_->dir().File("porch.csv")},
                cluster_->dir().File("porch.out"), cluster_->dir().File("porch.err"));
  bool listed =
      WaitFor([&] { return AgentConnected(cluster_->LsctlJson({"agents"}), "porch-pi"); }, 20s);
  EXPECT_TRUE(listed) << ReadAll(cluster_->dir().File("porch.err"));

  // Every Control command is refused with PERMISSION_DENIED.
  for (const std::vector<std::string>& cmd : std::vector<std::vector<std::string>>{
           {"songs"}, {"agents"}, {"stop"}, {"tokens", "list"}, {"tokens", "create", "--role", "admin"}}) {
    SCOPED_TRACE(cmd[0]);
    auto r = LsctlWith(file, cmd);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("PERMISSION_DENIED"), std::string::npos) << r.err;
  }
  std::string wav = cluster_->dir().File("song.wav");
  WriteTune(wav, 2.0);
  auto r = LsctlWith(file, {"submit", wav});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("PERMISSION_DENIED"), std::string::npos) << r.err;
  agent.Signal(SIGTERM);
  agent.Wait(5s);
}

TEST_F(Tokens, AdminTokenDoesEverythingAndRevokedTokensStopAtOnce) {
  std::string admin_token, agent_token;
  std::string admin = Create("admin", "laptop", &admin_token);
  Create("agent", "garage", &agent_token);
  auto r = LsctlWith(admin, {"songs"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = LsctlWith(admin, {"tokens", "list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(AgentConnect(agent_token, "garage-pi").ok());
  EXPECT_TRUE(AgentConnect(admin_token, "admin-pi").ok()) << "an admin token may connect an agent too";

  ASSERT_EQ(cluster_->Lsctl({"tokens", "revoke", "laptop"}).exit_code, 0);
  ASSERT_EQ(cluster_->Lsctl({"tokens", "revoke", "garage"}).exit_code, 0);
  r = LsctlWith(admin, {"songs"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("UNAUTHENTICATED"), std::string::npos) << r.err;
  grpc::Status st = AgentConnect(agent_token, "garage-pi");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED) << st.error_message();
}

TEST_F(Tokens, ListShowsNamesAndRolesButNeverTokens) {
  std::string token;
  Create("agent", "shed", &token);
  int code = -1;
  auto j = cluster_->LsctlJson({"tokens", "list"}, &code);
  ASSERT_EQ(code, 0);
  bool found = false;
  for (const auto& t : j["tokens"]) {
    if (t["name"] == "shed") {
      found = true;
      EXPECT_EQ(t["role"], "TOKEN_ROLE_AGENT");
      EXPECT_GT(t["created_unix_ms"].get<int64_t>(), 0);
    }
  }
  EXPECT_TRUE(found) << j.dump();
  EXPECT_EQ(j.dump().find(token), std::string::npos);
  auto human = cluster_->Lsctl({"tokens", "list"});
  EXPECT_NE(human.out.find("shed"), std::string::npos);
  EXPECT_EQ(human.out.find(token), std::string::npos);
  // Nothing the server wrote mentions a token.
  EXPECT_EQ(cluster_->server_log().find(token), std::string::npos);
  EXPECT_EQ(cluster_->server_log().find(ReadAll(cluster_->token_file()).substr(0, 64)), std::string::npos);
}

TEST_F(Tokens, BadRequestsGetExactCodes) {
  struct Case {
    std::vector<std::string> args;
    std::string code;
  };
  Create("agent", "dup");
  std::vector<Case> cases = {
      {{"tokens", "create", "--role", "agent", "--name", "admin"}, "INVALID_ARGUMENT"},
      {{"tokens", "create", "--role", "agent", "--name", "has space"}, "INVALID_ARGUMENT"},
      {{"tokens", "create", "--role", "agent", "--name", std::string(65, 'n')}, "INVALID_ARGUMENT"},
      {{"tokens", "create", "--role", "agent", "--name", "dup"}, "ALREADY_EXISTS"},
      {{"tokens", "revoke", "no-such-token"}, "NOT_FOUND"},
  };
  for (const auto& bc : cases) {
    SCOPED_TRACE(bc.args.back());
    auto r = cluster_->Lsctl(bc.args);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find(bc.code), std::string::npos) << r.err;
  }
  // lsctl itself refuses an unknown role before calling.
  auto r = cluster_->Lsctl({"tokens", "create", "--role", "root"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  // A wrong token is UNAUTHENTICATED, not PERMISSION_DENIED.
  std::string wrong = cluster_->dir().File("wrong.token");
  WriteAll(wrong, std::string(64, 'a') + "\n");
  r = LsctlWith(wrong, {"songs"});
  EXPECT_NE(r.err.find("UNAUTHENTICATED"), std::string::npos) << r.err;
}

// An agent stream opened with a token that is then revoked ends at once with
// UNAUTHENTICATED; a stream opened with another token stays up.
TEST_F(Tokens, RevokingAnAgentTokenClosesItsOpenStreamAtOnce) {
  std::string gone, kept;
  Create("agent", "toolshed", &gone);
  Create("agent", "porch2", &kept);
  struct Stream {
    grpc::ClientContext ctx;
    std::unique_ptr<v1::AgentLink::Stub> stub;
    std::unique_ptr<grpc::ClientReaderWriter<v1::AgentMessage, v1::ServerMessage>> rw;
  };
  auto open = [&](Stream& s, const std::string& token, const std::string& id) {
    s.stub = v1::AgentLink::NewStub(grpc::CreateChannel(cluster_->address(), grpc::InsecureChannelCredentials()));
    s.ctx.AddMetadata("authorization", "Bearer " + token);
    s.ctx.set_deadline(std::chrono::system_clock::now() + 60s);  // far beyond the check below
    s.rw = s.stub->Connect(&s.ctx);
    v1::AgentMessage hello;
    hello.mutable_hello()->set_agent_id(id);
    hello.mutable_hello()->set_channels(8);
    ASSERT_TRUE(s.rw->Write(hello));
    v1::ServerMessage first;
    ASSERT_TRUE(s.rw->Read(&first));
    ASSERT_TRUE(first.has_welcome());
  };
  Stream a, b;
  ASSERT_NO_FATAL_FAILURE(open(a, gone, "shed-pi"));
  ASSERT_NO_FATAL_FAILURE(open(b, kept, "porch2-pi"));
  auto connected = [&](const std::string& id) {
    return AgentConnected(cluster_->LsctlJson({"agents"}), id);
  };
  ASSERT_TRUE(WaitFor([&] { return connected("shed-pi") && connected("porch2-pi"); }, 10s))
      << cluster_->LsctlJson({"agents"}).dump();

  ASSERT_EQ(cluster_->Lsctl({"tokens", "revoke", "toolshed"}).exit_code, 0);
  const auto revoked_at = std::chrono::steady_clock::now();
  v1::ServerMessage m;
  while (a.rw->Read(&m)) {
  }
  const grpc::Status st = a.rw->Finish();
  const double waited_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - revoked_at).count();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED) << st.error_message();
  EXPECT_NE(st.error_message().find("revoked"), std::string::npos) << st.error_message();
  EXPECT_LT(waited_s, 5.0) << "the stream must end when the token is revoked, not at its deadline";
  EXPECT_TRUE(WaitFor([&] { return !connected("shed-pi"); }, 5s));
  EXPECT_TRUE(connected("porch2-pi")) << "another token's stream stays up";
  // The revoked token cannot come back.
  EXPECT_EQ(AgentConnect(gone, "shed-pi").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  b.ctx.TryCancel();
  while (b.rw->Read(&m)) {
  }
  b.rw->Finish().IgnoreError();
}

}  // namespace
}  // namespace ls::it
