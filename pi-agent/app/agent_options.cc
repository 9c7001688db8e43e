#include "app/agent_options.h"

#include <CLI/CLI.hpp>

#include "base/status_macros.h"
#include "link/token.h"

#ifndef LIGHTSHOW_VERSION
#define LIGHTSHOW_VERSION "0.0.0"
#endif

namespace ls::agent {

void AddAgentFlags(CLI::App& app, AgentOptions* o) {
  app.set_version_flag("--version", std::string("lightshow-agent ") + LIGHTSHOW_VERSION);
  app.add_option("--server", o->server, "Server address HOST:PORT (its server.addr)")
      ->required();
  app.add_option("--token-file", o->token_file, "File holding the bearer token (DIR/token)")
      ->required();
  app.add_option("--id", o->id, "This agent's name, e.g. porch (letters, digits, -_.)")
      ->required();
  app.add_option("--gpio", o->gpio,
                 "Outputs: sim:PATH (CSV log of applied frames) or gpiod:CHIP (e.g. "
                 "gpiod:gpiochip0)")
      ->required();
  app.add_option("--pins", o->pins, "GPIO lines of channels 0..7 (BCM numbers)")
      ->capture_default_str();
  app.add_flag("--active-low", o->active_low, "Channel on = line low (most relay boards)");
  app.add_option("--offset-ms", o->offset_ms,
                 "Audio-to-light offset in ms added to every frame time; positive delays "
                 "the lights")
      ->capture_default_str();
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
  if (o.offset_ms < -60000 || o.offset_ms > 60000) {
    return absl::InvalidArgumentError("--offset-ms must be within -60000..60000");
  }
  s.player.offset_ns = o.offset_ms * 1'000'000;
  LS_AGENT_RETURN_IF_ERROR(ValidatePlayerConfig(s.player));
  LS_AGENT_ASSIGN_OR_RETURN(s.token, ReadToken(o.token_file));
  return s;
}

}  // namespace ls::agent
