#include "api/server_config.h"

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "api/season_flags.h"

namespace ls::api {

std::string DefaultDataDir() {
  if (const char* d = std::getenv("LIGHTSHOW_DATA_DIR"); d && *d) return d;
  if (const char* h = std::getenv("HOME"); h && *h) return absl::StrCat(h, "/.local/share/lightshow");
  return "./lightshow-data";
}

namespace {
absl::Status CheckHostPort(const std::string& flag, const std::string& v) {
  auto colon = v.rfind(':');
  int port = -1;
  if (colon == std::string::npos || colon == 0 || !absl::SimpleAtoi(v.substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(flag, " must be HOST:PORT (port 0..65535), got '", v, "'"));
  }
  return absl::OkStatus();
}
}  // namespace

bool IsLoopbackHostPort(const std::string& host_port) {
  std::string host = host_port.substr(0, host_port.rfind(':'));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

absl::Status ValidateServerConfig(const ServerConfig& c) {
  if (auto st = CheckHostPort("--listen", c.listen); !st.ok()) return st;
  // Control and agent calls carry bearer tokens: in clear only on loopback,
  // or when the operator says so.
  if (c.tls_cert.empty() && !c.insecure && !IsLoopbackHostPort(c.listen)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--listen ", c.listen, " is reachable from the network but has no TLS, so tokens would "
        "travel in clear: give --tls-cert and --tls-key (scripts/make-certs makes them), "
        "or --insecure to accept plaintext"));
  }
  if (auto st = CheckHostPort("--metrics-listen", c.metrics_listen); !st.ok()) return st;
  if (c.data_dir.empty()) return absl::InvalidArgumentError("--data-dir is empty");
  if (c.max_upload_bytes < 1024) {
    return absl::InvalidArgumentError(absl::StrCat("--max-upload-mb is too small: ", c.max_upload_bytes, " bytes"));
  }
  if (c.default_lead_ms < 100 || c.default_lead_ms > 60000) {
    return absl::InvalidArgumentError(absl::StrCat("--lead-ms must be 100..60000, got ", c.default_lead_ms));
  }
  if (c.default_offset_ms < -10000 || c.default_offset_ms > 10000) {
    return absl::InvalidArgumentError(absl::StrCat("--offset-ms must be -10000..10000, got ", c.default_offset_ms));
  }
  if (c.show_hop != 1024 && c.show_hop != 512) {
    return absl::InvalidArgumentError(absl::StrCat("--show-hop must be 1024 or 512, got ", c.show_hop));
  }
  if (c.lookahead_ms < 100 || c.lookahead_ms > 10000) {
    return absl::InvalidArgumentError(absl::StrCat("--lookahead-ms must be 100..10000, got ", c.lookahead_ms));
  }
  if (c.workers < 1 || c.workers > 64) {
    return absl::InvalidArgumentError(absl::StrCat("--workers must be 1..64, got ", c.workers));
  }
  if (c.max_concurrent_uploads < 1 || c.max_concurrent_uploads > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max-concurrent-uploads must be 1..256, got ", c.max_concurrent_uploads));
  }
  // lsctl sends 256 KiB chunks; a smaller message limit would refuse every upload.
  if (c.max_message_bytes < (320u << 10) || c.max_message_bytes > (1024u << 20)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max-message-kb must be 320..1048576, got ", c.max_message_bytes >> 10));
  }
  if (!(c.agent_connects_per_min >= 1 && c.agent_connects_per_min <= 100000)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--agent-connects-per-min must be 1..100000, got ", c.agent_connects_per_min));
  }
  if (!(c.agent_connect_burst >= 1 && c.agent_connect_burst <= 100000)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--agent-connect-burst must be 1..100000, got ", c.agent_connect_burst));
  }
  if (c.upload_timeout_ms < 1000 || c.upload_timeout_ms > 86'400'000) {
    return absl::InvalidArgumentError(
        absl::StrCat("--upload-timeout-s must be 1..86400, got ", c.upload_timeout_ms / 1000));
  }
  if (c.max_song_minutes < 1 || c.max_song_minutes > 600) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max-song-minutes must be 1..600, got ", c.max_song_minutes));
  }
  return ValidateSeasonConfig(c);
}

}  // namespace ls::api
