#pragma once
/// The server's season flags: --latitude/--longitude (dusk and dawn) and
/// --timezone (the schedule's local time), and their checks.

#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "api/server_config.h"
#include "season/scheduler.h"

namespace ls::api {

/// Registers the flags on `app`, writing into `cfg`.
void AddSeasonFlags(CLI::App& app, ServerConfig& cfg);

/// INVALID_ARGUMENT naming the flag: a latitude beyond ±90, a longitude beyond
/// ±180, one of the two without the other, a time zone the system's tz
/// database does not know.
absl::Status ValidateSeasonConfig(const ServerConfig& cfg);

/// The scheduler's time zone and location from the config (validated).
absl::StatusOr<season::SchedulerOptions> SeasonOptions(const ServerConfig& cfg);

}  // namespace ls::api
