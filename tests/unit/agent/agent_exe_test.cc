// The lightshow-agent executable: flags, exit codes, a run against a fake server, SIGTERM.
#include <signal.h>
#include <sys/stat.h>
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

// Bad input at start: a clear error naming the value, exit 2, no pin ever on.
TEST(AgentExe, BadSetupExitsTwoWithEveryPinOff) {
  const std::string tok = testing::TempPath("tok");
  testing::WriteFile(tok, "abc\n");
  const std::string open_tok = testing::TempPath("open-tok");
  testing::WriteFile(open_tok, "abc\n");
  chmod(open_tok.c_str(), 0644);
  const std::string group_tok = testing::TempPath("group-tok");
  testing::WriteFile(group_tok, "abc\n");
  chmod(group_tok.c_str(), 0640);
  const std::string unknown = testing::TempPath("unknown.conf");
  testing::WriteFile(unknown, "server = h:1\n# relays\nrelay-pins = 1,2\n");
  const std::string bad_pins = testing::TempPath("pins.conf");
  testing::WriteFile(bad_pins, "pins = 17,18,x,22,23,24,25,4\n");
  const std::string bad_offset = testing::TempPath("offset.conf");
  testing::WriteFile(bad_offset, "offset-ms = soon\n");
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> says;
  } cases[] = {
      {{"--token-file", open_tok}, {open_tok, "mode 0644", "everyone", "chmod 600"}},
      {{"--token-file", group_tok}, {"mode 0640", "its group"}},
      {{"--token-file", testing::TempPath("absent")}, {"absent", "No such file"}},
      {{"--config", unknown}, {"lightshow-agent: " + unknown + ":3", "unknown key 'relay-pins'"}},
      {{"--config", bad_offset}, {bad_offset + ":1: offset-ms must be an integer, got 'soon'"}},
      {{"--config", bad_pins}, {"'x' (channel 2)"}},
      {{"--pins", "17,18,27,22,23,24,25,17"}, {"line 17 is used by both channel 0 and channel 7"}},
      {{"--pins", "17,18,27,22,23,24,25,4,5"}, {"exactly 8", "got 9"}},
  };
  for (const auto& c : cases) {
    const std::string csv = testing::TempPath("bad.csv");
    std::vector<std::string> args = {"--server", "127.0.0.1:1", "--id", "a", "--gpio", "sim:" + csv};
    if (c.args[0] != "--token-file") args.insert(args.end(), {"--token-file", tok});
    args.insert(args.end(), c.args.begin(), c.args.end());
    std::string err;
    EXPECT_EQ(RunToExit(args, &err), 2) << c.args.back() << ": " << err;
    for (const auto& w : c.says) EXPECT_NE(err.find(w), std::string::npos) << w << " in: " << err;
    for (const auto& row : ReadCsv(csv)) EXPECT_EQ(row.mask, 0u) << "a pin went on: " << c.args.back();
  }
}

TEST(AgentExe, GpioTestDrivesEachChannelAloneWithoutAServer) {
  const std::string csv = testing::TempPath("gpio-test.csv");
  std::string err;
  ASSERT_EQ(RunToExit({"--gpio", "sim:" + csv, "--pins", "5,6,13,19,26,16,20,21", "--gpio-test",
                       "--gpio-test-ms", "20"},
                      &err),
            0)
      << err;
  const auto rows = testing::FrameRows(ReadCsv(csv));
  ASSERT_EQ(rows.size(), 8u);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(rows[i].mask, 1u << i);
  EXPECT_EQ(ReadCsv(csv).back().mask, 0u);
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
