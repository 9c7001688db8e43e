#include "link/link_config.h"

#include <cctype>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace ls::agent {

absl::Status ValidateLinkConfig(const LinkConfig& c) {
  const size_t colon = c.server.rfind(':');
  uint32_t port = 0;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(c.server.substr(colon + 1), &port) || port == 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--server '", c.server, "': expected HOST:PORT with a port 1..65535"));
  }
  if (c.agent_id.empty() || c.agent_id.size() > 64) {
    return absl::InvalidArgumentError("--id must be 1..64 characters");
  }
  for (unsigned char ch : c.agent_id) {
    if (!(std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.')) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--id '", c.agent_id, "': use letters, digits, '-', '_' or '.' only"));
    }
  }
  if (c.heartbeat_interval_ns <= 0 || c.ping_interval_ns <= 0 || c.stats_interval_ns <= 0 ||
      c.stall_timeout_ns <= 0 || c.connect_timeout_ns <= 0 || c.backoff_initial_ns <= 0 ||
      c.backoff_max_ns < c.backoff_initial_ns) {
    return absl::InvalidArgumentError("link intervals and timeouts must be positive");
  }
  return absl::OkStatus();
}

}  // namespace ls::agent
