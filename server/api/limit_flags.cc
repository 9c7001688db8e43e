#include "api/limit_flags.h"

#include <algorithm>
#include <cstdint>

namespace ls::api {

void AddLimitFlags(CLI::App& app, ServerConfig& cfg) {
  app.add_option("--max-concurrent-uploads", cfg.max_concurrent_uploads,
                 "uploads in progress at once; more are refused (RESOURCE_EXHAUSTED)")
      ->capture_default_str();
  app.add_option_function<uint64_t>(
         "--max-message-kb", [&cfg](uint64_t kb) {
           cfg.max_message_bytes = std::min<uint64_t>(kb, 1ull << 40) << 10;  // capped: no overflow
         },
         "largest single gRPC message in KiB, both directions (default 4096)");
  app.add_option("--agent-connects-per-min", cfg.agent_connects_per_min,
                 "agent connections refilled per minute for each peer IP (token bucket)")
      ->capture_default_str();
  app.add_option("--agent-connect-burst", cfg.agent_connect_burst,
                 "agent connections one peer IP may open at once")
      ->capture_default_str();
  app.add_option_function<int64_t>(
         "--upload-timeout-s", [&cfg](int64_t s) {
           cfg.upload_timeout_ms = std::min<int64_t>(s, 1'000'000'000) * 1000;
         },
         "longest one upload may take, first chunk to reply (default 600)");
  // TLS: checked (readable, matching, unexpired) when the server starts.
  app.add_option("--tls-cert", cfg.tls_cert, "serve TLS with this PEM certificate (chain); needs --tls-key");
  app.add_option("--tls-key", cfg.tls_key, "PEM private key of --tls-cert");
  app.add_option("--tls-client-ca", cfg.tls_client_ca,
                 "mutual TLS: require client certificates signed by this PEM CA");
}

}  // namespace ls::api
