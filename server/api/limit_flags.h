#pragma once
/// The server flags for limits and TLS, kept out of main so it stays a thin main.

#include "CLI/CLI.hpp"
#include "api/server_config.h"

namespace ls::api {

/// Registers the limit flags on `app`, writing into `cfg`. Units in the
/// flag names (KiB, seconds) are converted by the option callbacks.
void AddLimitFlags(CLI::App& app, ServerConfig& cfg);

}  // namespace ls::api
