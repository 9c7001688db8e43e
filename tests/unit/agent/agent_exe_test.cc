// The lightshow-agent executable: flags, exit codes, a run against a fake server, SIGTERM.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "agent_test_util.h"
#include "base/clock.h"
#include "fake_agent_link_server.h"

#ifndef LS_AGENT_EXE
#error "LS_AGENT_EXE must name the lightshow-agent binary"
#endif

namespace ls::agent {
namespace {

using testing::ReadCsv;
using testing::WaitFor;

// Starts the agent with `args`; stderr goes to `err_path`.
pid_t Spawn(const std::vector<std::string>& args, const std::string& err_path) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::FILE* err = std::freopen(err_path.c_str(), "w", stderr);
    (void)err;
    std::vector<char*> argv;
    std::string exe = LS_AGENT_EXE;
    argv.push_back(exe.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

// Waits up to `timeout_ms` for the child; returns its exit code, or -1 (killed then).
int WaitExit(pid_t pid, int timeout_ms) {
  int status = 0;
  const bool done = WaitFor([&] { return waitpid(pid, &status, WNOHANG) == pid; }, timeout_ms);
  if (!done) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
}

std::string Slurp(const std::string& path) {
  std::string s;
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return s;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
  std::fclose(f);
  return s;
}

int RunToExit(const std::vector<std::string>& args, std::string* err) {
  const std::string err_path = testing::TempPath("stderr.txt");
  const int code = WaitExit(Spawn(args, err_path), 10000);
  *err = Slurp(err_path);
  return code;
}

TEST(AgentExe, HelpExitsZero) {
  std::string err;
  EXPECT_EQ(RunToExit({"--help"}, &err), 0);
  EXPECT_EQ(RunToExit({"--version"}, &err), 0);
}

TEST(AgentExe, MissingOrInvalidFlagsExitTwoWithAClearMessage) {
  const std::string tok = testing::TempPath("tok");
  testing::WriteFile(tok, "abc\n");
  const std::string sim = "sim:" + testing::TempPath("x.csv");
  struct Case {
    std::vector<std::string> args;
    std::string says;
  } cases[] = {
      {{"--server", "127.0.0.1:1", "--token-file", tok, "--id", "a"}, "--gpio"},
      {{"--server", "127.0.0.1:1", "--token-file", tok, "--id", "a", "--gpio", "pwm:0"}, "pwm:0"},
      {{"--server", "nohost", "--token-file", tok, "--id", "a", "--gpio", sim}, "nohost"},
      {{"--server", "h:1", "--token-file", "/no/such", "--id", "a", "--gpio", sim}, "/no/such"},
      {{"--server", "h:1", "--token-file", tok, "--id", "a", "--gpio", sim, "--pins", "1,2"},
       "--pins"},
      {{"--server", "h:1", "--token-file", tok, "--id", "a", "--gpio", sim, "--offset-ms", "x"},
       "offset"},
      {{"--server", "h:1", "--token-file", tok, "--id", "a", "--gpio", "gpiod:nochip7"},
       "nochip7"},
  };
  for (const auto& c : cases) {
    std::string err;
    EXPECT_EQ(RunToExit(c.args, &err), 2) << c.args.back() << ": " << err;
    EXPECT_NE(err.find(c.says), std::string::npos) << err;
  }
}

TEST(AgentExe, PlaysFromTheServerAndGoesDarkOnSigterm) {
  testing::FakeAgentLinkServer server("exe-token");
  const std::string tok = testing::TempPath("tok");
  testing::WriteFile(tok, "exe-token\n");
  const std::string csv = testing::TempPath("exe.csv");
  const std::string err_path = testing::TempPath("stderr.txt");
  const pid_t pid = Spawn({"--server", server.address(), "--token-file", tok, "--id", "garage",
                           "--gpio", "sim:" + csv, "--offset-ms", "0"},
                          err_path);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitFor([&] { return server.hellos() == 1; }, 10000)) << Slurp(err_path);
  EXPECT_EQ(server.last_hello().agent_id(), "garage");
  const int64_t period = 40'000'000;
  const int64_t start = NowRealtimeNs() + 300'000'000;
  ASSERT_TRUE(server.Send(testing::MakeStart("x", start, period, 500)));
  ASSERT_TRUE(server.Send(testing::MakeFrames("x", 0, 500, start, period, true)));
  ASSERT_TRUE(WaitFor([&] { return testing::FrameRows(ReadCsv(csv)).size() >= 5; }, 5000));
  kill(pid, SIGTERM);
  EXPECT_EQ(WaitExit(pid, 10000), 0);
  const auto rows = ReadCsv(csv);
  EXPECT_EQ(rows.front().frame, -1) << "off at start";
  EXPECT_EQ(rows.back().frame, -1) << "off at exit";
  EXPECT_EQ(rows.back().mask_text, "00");
  const std::string err = Slurp(err_path);
  EXPECT_NE(err.find("connected to"), std::string::npos) << err;
  EXPECT_NE(err.find("show x start"), std::string::npos) << err;
}

}  // namespace
}  // namespace ls::agent
