#pragma once
/// The agent's command line and how it becomes component configs.
/// Thread-safety: plain values and pure functions; thread-safe.

#include <string>

#include "absl/status/statusor.h"
#include "gpio/factory.h"
#include "gpio/pin_config.h"
#include "link/link_config.h"
#include "player/player_config.h"

namespace CLI {
class App;
}

namespace ls::agent {

/// Flags exactly as given (see AddAgentFlags for their meaning).
struct AgentOptions {
  std::string server;
  std::string token_file;
  std::string id;
  std::string gpio;
  std::string pins = kDefaultPins;
  bool active_low = false;
  int64_t offset_ms = 0;
  int64_t safe_off_ms = 0;   ///< 0 = two frame periods
  std::string ca;            ///< --ca: TLS to the server, verified with this CA
  std::string cert;          ///< --cert/--key: client certificate (mutual TLS)
  std::string key;
  bool gpio_test = false;    ///< --gpio-test: wiring check, then exit
  int64_t gpio_test_ms = 1000;  ///< how long each channel stays on in --gpio-test
};

/// Registers --config, --server, --token-file, --id, --gpio (required, from a
/// flag or the config file) and --pins, --active-low, --offset-ms,
/// --safe-off-ms, --ca, --cert, --key on `app`, writing into `options`. Every
/// one but --config is also a key of the --config file (app/config_file.h), so
/// app.parse() fills `options` from flags first, then the file. Parse errors
/// print as "lightshow-agent: …".
void AddAgentFlags(CLI::App& app, AgentOptions* options);

/// After parsing: checks the required ones are there (--gpio-test needs only
/// --gpio). Errors name the flag and the config key.
absl::Status CheckAgentOptions(const AgentOptions& options);

/// Everything the agent is built from, checked.
struct AgentSetup {
  GpioSpec gpio;
  PinConfig pins;
  LinkConfig link;
  PlayerConfig player;
  std::string token;
};

/// Validates the options, reads the token; errors name the flag at fault.
absl::StatusOr<AgentSetup> MakeAgentSetup(const AgentOptions& options);

}  // namespace ls::agent
