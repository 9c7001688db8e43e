#include "api/server_config.h"

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

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

absl::Status ValidateServerConfig(const ServerConfig& c) {
  if (auto st = CheckHostPort("--listen", c.listen); !st.ok()) return st;
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
  if (c.lookahead_ms < 100 || c.lookahead_ms > 10000) {
    return absl::InvalidArgumentError(absl::StrCat("--lookahead-ms must be 100..10000, got ", c.lookahead_ms));
  }
  if (c.workers < 1 || c.workers > 64) {
    return absl::InvalidArgumentError(absl::StrCat("--workers must be 1..64, got ", c.workers));
  }
  return absl::OkStatus();
}

}  // namespace ls::api
