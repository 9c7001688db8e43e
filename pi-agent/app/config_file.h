#pragma once
/// The agent's config file (e.g. /etc/lightshow/agent.conf): `key = value`
/// lines, `#` starts a comment. Keys are the long flag names: server,
/// token-file, id, gpio, pins, active-low, offset-ms, safe-off-ms, ca, cert,
/// key. Flags given
/// on the command line win over the file.
/// Thread-safety: pure functions; thread-safe.

#include <map>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "app/agent_options.h"

namespace ls::agent {

/// key → value. INVALID_ARGUMENT naming `source`:line for a line without '=',
/// an unknown or repeated key, or an empty value.
absl::StatusOr<std::map<std::string, std::string>> ParseAgentConfig(const std::string& text,
                                                                     const std::string& source);

/// Reads and parses `path` (NOT_FOUND / PERMISSION_DENIED name the file).
absl::StatusOr<std::map<std::string, std::string>> ReadAgentConfig(const std::string& path);

/// Copies each value into `options` unless its key is in `given` (flags set on
/// the command line). Bad numbers or booleans → INVALID_ARGUMENT naming the key.
absl::Status ApplyAgentConfig(const std::map<std::string, std::string>& values,
                              const std::set<std::string>& given, AgentOptions* options);

}  // namespace ls::agent
