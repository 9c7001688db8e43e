#include "api/limit_flags.h"

#include <algorithm>
#include <cstdint>

namespace ls::api {

void AddLimitFlags(CLI::App& app, ServerConfig& cfg) {
  // Bounded before the shift: 2^44 MiB would wrap to 0 bytes, 2^44+1 to 1 MiB.
  app.add_option_function<uint64_t>(
         "--max-upload-mb", [&cfg](uint64_t mb) { cfg.max_upload_bytes = mb << 20; },
         "largest song upload in MiB (default 256)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 16));
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
  app.add_option("--max-song-minutes", cfg.max_song_minutes,
                 "longest song an upload may decode to; longer is refused (RESOURCE_EXHAUSTED)")
      ->capture_default_str();
  // TLS: checked (readable, matching, unexpired) when the server starts.
  app.add_option("--tls-cert", cfg.tls_cert, "serve TLS with this PEM certificate (chain); needs --tls-key");
  app.add_option("--tls-key", cfg.tls_key, "PEM private key of --tls-cert");
  app.add_option("--tls-client-ca", cfg.tls_client_ca,
                 "mutual TLS: require client certificates signed by this PEM CA");
  app.add_flag("--insecure", cfg.insecure,
               "allow plaintext on a non-loopback --listen (tokens travel in clear)");
}

}  // namespace ls::api
