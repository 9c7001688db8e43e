#include "app/agent_options.h"

#include <CLI/CLI.hpp>
#include <utility>

#include "absl/strings/str_cat.h"

#include "app/config_file.h"
#include "base/status_macros.h"
#include "lightshow/version.h"
#include "link/token.h"
#include "tls/tls_credentials.h"

namespace ls::agent {

void AddAgentFlags(CLI::App& app, AgentOptions* o) {
  app.set_version_flag("--version", std::string("lightshow-agent ") + LIGHTSHOW_VERSION);
  app.failure_message([](const CLI::App* a, const CLI::Error& e) {
    return "lightshow-agent: " + CLI::FailureMessage::simple(a, e);
  });
  AddConfigOption(app,
                  "Config file of 'key = value' lines (e.g. /etc/lightshow/agent.conf); keys are "
                  "the long flag names, flags given here win");
  // The text settings, in --help order; each is a config-file key as well.
  const struct {
    const char* flag;
    std::string AgentOptions::*field;
    const char* help;
  } text[] = {
      {"--server", &AgentOptions::server, "Server address HOST:PORT (its server.addr)"},
      {"--token-file", &AgentOptions::token_file, "File holding the bearer token (DIR/token)"},
      {"--id", &AgentOptions::id, "This agent's name, e.g. porch (letters, digits, -_.)"},
      {"--gpio", &AgentOptions::gpio,
       "Outputs: sim:PATH (CSV log of applied frames) or gpiod:CHIP (e.g. gpiod:gpiochip0)"},
      {"--pins", &AgentOptions::pins, "GPIO lines of channels 0..7 (BCM numbers)"},
      {"--ca", &AgentOptions::ca, "TLS: PEM CA that signed the server's certificate (plaintext without it)"},
      {"--cert", &AgentOptions::cert, "mutual TLS: this agent's PEM certificate (with --key and --ca)"},
      {"--key", &AgentOptions::key, "mutual TLS: the PEM private key of --cert"},
  };
  for (const auto& t : text) app.add_option(t.flag, o->*t.field, t.help)->capture_default_str();
  app.add_flag("--active-low", o->active_low, "Channel on = line low (most relay boards)");
  app.add_option("--offset-ms", o->offset_ms,
                 "Audio-to-light offset in ms added to every frame time; positive delays "
                 "the lights")
      ->capture_default_str();
  app.add_option("--safe-off-ms", o->safe_off_ms,
                 "Lights off this long after the last frame held (0 = two frame periods)")
      ->capture_default_str();
  // Command-line only: a wiring check is a one-off, not a setting.
  app.add_flag("--gpio-test", o->gpio_test,
               "Wiring check: switch each channel on alone for 1 s in turn, printing its BCM pin, "
               "then exit (needs only --gpio, --pins, --active-low or --config)")
      ->configurable(false);
  app.add_option("--gpio-test-ms", o->gpio_test_ms, "How long each channel stays on in --gpio-test")
      ->configurable(false)
      ->group("");  // for tests; installers use the 1 s default
}

absl::Status CheckAgentOptions(const AgentOptions& o) {
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"server", &o.server},
                                   {"token-file", &o.token_file}, {"id", &o.id}, {"gpio", &o.gpio}}) {
    if (o.gpio_test && std::string(key) != "gpio") continue;  // the wiring check needs no server
    if (value->empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", key, " is required (as a flag or '", key, " = …' in --config)"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<AgentSetup> MakeAgentSetup(const AgentOptions& o) {
  AgentSetup s;
  LS_AGENT_ASSIGN_OR_RETURN(s.gpio, ParseGpioSpec(o.gpio));
  LS_AGENT_ASSIGN_OR_RETURN(auto offsets, ParsePins(o.pins));
  s.pins = MakePinConfig(offsets, o.active_low);
  s.link.server = o.server;
  s.link.token_file = o.token_file;
  s.link.agent_id = o.id;
  s.link.version = LIGHTSHOW_VERSION;
  s.link.offset_ms = o.offset_ms;
  LS_AGENT_RETURN_IF_ERROR(ValidateLinkConfig(s.link));
  LS_AGENT_ASSIGN_OR_RETURN(s.link.credentials, tls::MakeChannelCredentials({o.ca, o.cert, o.key}));
  if (o.offset_ms < -60000 || o.offset_ms > 60000) {
    return absl::InvalidArgumentError("--offset-ms must be within -60000..60000");
  }
  s.player.offset_ns = o.offset_ms * 1'000'000;
  if (o.safe_off_ms < 0 || o.safe_off_ms > 10000) {
    return absl::InvalidArgumentError("--safe-off-ms must be within 0..10000");
  }
  s.player.safe_off_ns = o.safe_off_ms * 1'000'000;
  LS_AGENT_RETURN_IF_ERROR(ValidatePlayerConfig(s.player));
  LS_AGENT_RETURN_IF_ERROR(CheckTokenFileMode(o.token_file));
  LS_AGENT_ASSIGN_OR_RETURN(s.token, ReadToken(o.token_file));
  return s;
}

}  // namespace ls::agent
