// Option and default resolution: data dir, server.addr, token, usage errors.

#include <sys/stat.h>

#include "cli/client.h"
#include "cli/commands.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace ls::cli {
namespace {

using testing::Lsctl;
using testing::ScopedEnv;
using testing::TempDir;
using testing::WriteFile;

TEST(DataDir, FlagBeatsEnvBeatsHome) {
  EXPECT_EQ(*ResolveDataDir("/flag", "/env", "/home/u"), "/flag");
  EXPECT_EQ(*ResolveDataDir("", "/env", "/home/u"), "/env");
  EXPECT_EQ(*ResolveDataDir("", "", "/home/u"), "/home/u/.local/share/lightshow");
  EXPECT_EQ(*ResolveDataDir("", nullptr, "/home/u"), "/home/u/.local/share/lightshow");
  auto none = ResolveDataDir("", nullptr, nullptr);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("LIGHTSHOW_DATA_DIR"), std::string::npos);
}

TEST(ServerAddress, AcceptsHostPortForms) {
  EXPECT_EQ(*ParseServerAddress("127.0.0.1:50051"), "127.0.0.1:50051");
  EXPECT_EQ(*ParseServerAddress("  localhost:7000\n"), "localhost:7000");
  EXPECT_EQ(*ParseServerAddress("[::1]:7000"), "[::1]:7000");
  EXPECT_EQ(*ParseServerAddress("workstation.lan:1"), "workstation.lan:1");
}

TEST(ServerAddress, WildcardBecomesLoopback) {
  EXPECT_EQ(*ParseServerAddress("0.0.0.0:7000"), "127.0.0.1:7000");
  EXPECT_EQ(*ParseServerAddress("[::]:7000"), "[::1]:7000");
}

TEST(ServerAddress, RejectsMalformedWithTheValue) {
  for (const char* bad : {"", "localhost", "localhost:", ":7000", "host:0", "host:65536",
                          "host:12ab", "::1:7000", "[::1:7000", "a b:1"}) {
    auto r = ParseServerAddress(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_NE(r.status().message().find("HOST:PORT"), std::string::npos) << bad;
    }
  }
}

TEST(ServerAddress, FileReadsFirstLine) {
  TempDir dir;
  WriteFile(dir.File("server.addr"), "127.0.0.1:43210\n");
  EXPECT_EQ(*ReadServerAddressFile(dir.File("server.addr")), "127.0.0.1:43210");
  WriteFile(dir.File("two"), "127.0.0.1:1\nsomething else\n");
  EXPECT_EQ(*ReadServerAddressFile(dir.File("two")), "127.0.0.1:1");
  WriteFile(dir.File("junk"), "hello\n");
  auto junk = ReadServerAddressFile(dir.File("junk"));
  ASSERT_FALSE(junk.ok());
  EXPECT_NE(junk.status().message().find(dir.File("junk")), std::string::npos);
}

TEST(ServerAddress, MissingFileSuggestsStartingTheServer) {
  TempDir dir;
  auto r = ReadServerAddressFile(dir.File("server.addr"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(dir.File("server.addr")), std::string::npos);
  EXPECT_NE(r.status().message().find("lightshow-server"), std::string::npos);
  EXPECT_NE(r.status().message().find("--server"), std::string::npos);
}

TEST(Token, TrimsWhitespace) {
  TempDir dir;
  WriteFile(dir.File("token"), "  \tdeadbeef42\r\n\n");
  EXPECT_EQ(*ReadTokenFile(dir.File("token")), "deadbeef42");
}

TEST(Token, MissingEmptyOrMultiWordFilesAreClearErrors) {
  TempDir dir;
  auto missing = ReadTokenFile(dir.File("token"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find(dir.File("token")), std::string::npos);
  EXPECT_NE(missing.status().message().find("No such file"), std::string::npos);
  EXPECT_NE(missing.status().message().find("--token-file"), std::string::npos);

  WriteFile(dir.File("empty"), " \n");
  auto empty = ReadTokenFile(dir.File("empty"));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("empty"), std::string::npos);

  WriteFile(dir.File("two"), "abc def\n");
  EXPECT_FALSE(ReadTokenFile(dir.File("two")).ok());
}

TEST(Endpoint, DefaultsComeFromTheDataDir) {
  TempDir dir;
  WriteFile(dir.File("server.addr"), "127.0.0.1:5555\n");
  WriteFile(dir.File("token"), "tok\n");
  GlobalOptions o;
  auto e = ResolveEndpoint(o, dir.path().c_str(), "/nonexistent-home");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->address, "127.0.0.1:5555");
  EXPECT_EQ(e->token, "tok");
}

TEST(Endpoint, FlagsOverrideAndNeedNoDataDir) {
  TempDir dir;
  WriteFile(dir.File("t"), "flagtok");
  GlobalOptions o;
  o.server = "10.0.0.2:9000";
  o.token_file = dir.File("t");
  auto e = ResolveEndpoint(o, nullptr, nullptr);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->address, "10.0.0.2:9000");
  EXPECT_EQ(e->token, "flagtok");
}

TEST(Endpoint, BadServerFlagIsAnError) {
  GlobalOptions o;
  o.server = "nope";
  o.token_file = "/dev/null";
  EXPECT_FALSE(ResolveEndpoint(o, nullptr, nullptr).ok());
}

TEST(UploadDeadline, GrowsWithSize) {
  EXPECT_EQ(UploadTimeout(0, 10).count(), 30000);
  EXPECT_EQ(UploadTimeout(10 * 1024 * 1024, 10).count(), 50000);
  EXPECT_EQ(UploadTimeout(0, 100).count(), 100000);
}

TEST(AgentList, AllOrCommaSeparated) {
  EXPECT_TRUE(ParseAgentList("all").empty());
  EXPECT_TRUE(ParseAgentList("*").empty());
  EXPECT_EQ(ParseAgentList("porch"), std::vector<std::string>{"porch"});
  EXPECT_EQ(ParseAgentList("porch, tree"), (std::vector<std::string>{"porch", "tree"}));
  EXPECT_THROW(ParseAgentList("porch,,tree"), CLI::ValidationError);
  EXPECT_THROW(ParseAgentList(""), CLI::ValidationError);
}

TEST(Usage, HelpExitsZeroAndListsCommands) {
  auto r = Lsctl({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* cmd : {"submit", "songs", "play", "stop", "agents", "--server", "--token-file",
                          "--json"}) {
    EXPECT_NE(r.out.find(cmd), std::string::npos) << cmd;
  }
  EXPECT_EQ(Lsctl({"play", "--help"}).exit_code, 0);
}

TEST(Usage, ErrorsExitTwo) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{},
                                             {"frobnicate"},
                                             {"songs", "--bogus"},
                                             {"submit"},
                                             {"play"},
                                             {"play", "x", "--lead-ms", "-5"},
                                             {"play", "x", "--agents", ","},
                                             {"--timeout", "0", "songs"}}) {
    auto r = Lsctl(args);
    EXPECT_EQ(r.exit_code, 2) << ::testing::PrintToString(args) << r.err;
    EXPECT_EQ(r.err.rfind("lsctl: error: ", 0), 0u) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST(Usage, MissingTokenFileIsAClearErrorBeforeAnyCall) {
  TempDir dir;
  WriteFile(dir.File("server.addr"), "127.0.0.1:1\n");
  ScopedEnv env("LIGHTSHOW_DATA_DIR", dir.path().c_str());
  auto r = Lsctl({"songs"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("lsctl: error: cannot read token file " + dir.File("token")),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(Usage, MissingServerAddrNamesTheFile) {
  TempDir dir;
  ScopedEnv env("LIGHTSHOW_DATA_DIR", dir.path().c_str());
  auto r = Lsctl({"agents"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(dir.File("server.addr")), std::string::npos) << r.err;
}

TEST(Usage, JsonErrorsAreOneDocumentToo) {
  TempDir dir;
  ScopedEnv env("LIGHTSHOW_DATA_DIR", dir.path().c_str());
  auto r = Lsctl({"--json", "songs"});
  EXPECT_EQ(r.exit_code, 1);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["error"]["code"], "NOT_FOUND");
  EXPECT_NE(j["error"]["message"].get<std::string>().find("server.addr"), std::string::npos);
}

TEST(Usage, DataDirFlag) {
  TempDir dir;
  ScopedEnv env("LIGHTSHOW_DATA_DIR", "/nonexistent-env-dir");
  auto r = Lsctl({"--data-dir", dir.path(), "songs"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(dir.File("server.addr")), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ls::cli
