// The agent's --config file through CLI11 (app/config_file.h): the packaged
// file parses, the documented syntax, flags win, and each error names the file,
// the line and the problem.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "agent_test_util.h"
#include "app/agent_options.h"

#ifndef LS_AGENT_CONF
#error "LS_AGENT_CONF must name deploy/systemd/agent.conf"
#endif

namespace ls::agent {
namespace {

// Parses the agent's flags `args`; returns the parse error's message, "" if none.
std::string Parse(std::vector<std::string> args, AgentOptions* o) {
  CLI::App app;
  AddAgentFlags(app, o);
  args.insert(args.begin(), "lightshow-agent");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return e.what();
  }
  return "";
}

std::string Conf(const std::string& text) {
  const std::string path = testing::TempPath("agent.conf");
  testing::WriteFile(path, text);
  return path;
}

TEST(AgentConfigFile, ThePackagedFileParses) {
  AgentOptions o;
  ASSERT_EQ(Parse({"--config", LS_AGENT_CONF}, &o), "");
  EXPECT_EQ(o.server, "workstation:7700");
  EXPECT_EQ(o.token_file, "/etc/lightshow/token");
  EXPECT_EQ(o.id, "porch");
  EXPECT_EQ(o.gpio, "gpiod:gpiochip0");
  EXPECT_EQ(o.pins, "17,18,27,22,23,24,25,4");
  EXPECT_TRUE(o.active_low);
  EXPECT_EQ(o.offset_ms, 0);
  EXPECT_EQ(o.safe_off_ms, 0);
  EXPECT_EQ(o.ca, "");  // commented out
  EXPECT_TRUE(CheckAgentOptions(o).ok());
}

TEST(AgentConfigFile, DocumentedSyntax) {
  const std::string conf = Conf(
      "# porch Pi\n\n  server=h:1  \n\ttoken-file =\t/t/tok # inline comment\nid = a=b\n"
      "gpio = sim:/x.csv\npins = 5,6,13,19,26,16,20,21\nactive-low = Yes\noffset-ms = -120\n"
      "safe-off-ms = 0100\nca = /etc/ls/ca.crt\n");
  AgentOptions o;
  ASSERT_EQ(Parse({"--config", conf}, &o), "");
  EXPECT_EQ(o.server, "h:1");
  EXPECT_EQ(o.token_file, "/t/tok");
  EXPECT_EQ(o.id, "a=b");  // the first '=' splits
  EXPECT_EQ(o.gpio, "sim:/x.csv");
  EXPECT_EQ(o.pins, "5,6,13,19,26,16,20,21");  // one value, not a list
  EXPECT_TRUE(o.active_low);
  EXPECT_EQ(o.offset_ms, -120);
  EXPECT_EQ(o.safe_off_ms, 100) << "decimal, not octal";
  EXPECT_EQ(o.ca, "/etc/ls/ca.crt");
  for (const char* off : {"false", "no", "OFF", "0"}) {
    AgentOptions b;
    ASSERT_EQ(Parse({"--config", Conf(std::string("active-low = ") + off + "\n")}, &b), "") << off;
    EXPECT_FALSE(b.active_low) << off;
  }
}

TEST(AgentConfigFile, FlagsWinOverTheFile) {
  const std::string conf = Conf("id = from-file\nactive-low = false\noffset-ms = 120\nserver = h:1\n");
  AgentOptions o;
  ASSERT_EQ(Parse({"--config", conf, "--id", "from-flag", "--active-low", "--offset-ms", "5"}, &o), "");
  EXPECT_EQ(o.id, "from-flag");
  EXPECT_TRUE(o.active_low);
  EXPECT_EQ(o.offset_ms, 5);
  EXPECT_EQ(o.server, "h:1");
}

TEST(AgentConfigFile, ErrorsNameTheFileLineAndProblem) {
  struct Case {
    std::string text;
    std::string says;
  } cases[] = {
      {"server = h:1\n# relays\nrelay-pins = 1,2\n",
       ":3: unknown key 'relay-pins' (known: server, token-file, id, gpio, pins, ca, cert, key, "
       "active-low, offset-ms, safe-off-ms)"},
      {"gpio-test = true\n", ":1: unknown key 'gpio-test'"},
      {"config = other.conf\n", ":1: unknown key 'config'"},
      {"--server = h:1\n", ":1: unknown key '--server'"},
      {"\nserver h:1\n", ":2: expected 'key = value', got 'server h:1'"},
      {"id =   # none yet\n", ":1: id has no value"},
      {"id = a\n\nid = b\n", ":3: id is set twice"},
      {"active-low = maybe\n", ":1: active-low must be true or false (or yes/no, on/off, 1/0), got 'maybe'"},
      {"offset-ms = 12ms\n", ":1: offset-ms must be an integer, got '12ms'"},
      {"safe-off-ms = 0x10\n", ":1: safe-off-ms must be an integer, got '0x10'"},
  };
  for (const auto& c : cases) {
    const std::string conf = Conf(c.text);
    AgentOptions o;
    const std::string err = Parse({"--config", conf}, &o);
    EXPECT_NE(err.find(conf + c.says), std::string::npos) << c.text << " → " << err;
  }
}

TEST(AgentConfigFile, AnUnreadableFileIsNamedWithTheReason) {
  const std::string missing = testing::TempPath("missing.conf");
  AgentOptions o;
  const std::string err = Parse({"--config", missing}, &o);
  EXPECT_NE(err.find("cannot read config file " + missing + ": No such file or directory"),
            std::string::npos)
      << err;
}

TEST(AgentConfigFile, WithoutAFileTheRequiredFlagsAreNamed) {
  AgentOptions o;
  ASSERT_EQ(Parse({"--server", "h:1"}, &o), "");
  const absl::Status st = CheckAgentOptions(o);
  EXPECT_EQ(st.message(), "--token-file is required (as a flag or 'token-file = …' in --config)");
  o.gpio_test = true;
  o.gpio = "sim:/x.csv";
  EXPECT_TRUE(CheckAgentOptions(o).ok()) << "the wiring check needs only --gpio";
}

}  // namespace
}  // namespace ls::agent
