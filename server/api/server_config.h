#pragma once
/// Server settings and their validation (a pure check, so a bad flag fails
/// before anything starts).

#include <cstdint>
#include <limits>
#include <string>

#include "absl/status/status.h"

namespace ls::api {

struct ServerConfig {
  // Loopback by default: reaching agents on the network is a choice made with
  // --listen (and TLS, or --insecure).
  std::string listen = "127.0.0.1:7700";
  std::string metrics_listen = "127.0.0.1:9464";
  std::string data_dir;                 ///< default: DefaultDataDir()
  uint64_t max_upload_bytes = 256ull << 20;
  int64_t default_lead_ms = 1500;
  /// Audio-to-light offset added to every play's own --offset-ms (speakers that lag).
  int64_t default_offset_ms = 0;
  /// How far ahead of their time frames are sent to agents.
  int64_t lookahead_ms = 500;
  /// The server's own audio output: none, null[:PATH] or alsa:DEVICE.
  std::string audio = "none";
  int workers = 2;
  /// Samples between show frames for newly ingested songs: 1024 (43 fps, relays)
  /// or 512 (86 fps, solid-state relays).
  int show_hop = 1024;
  int64_t shutdown_grace_ms = 5000;

  // Limits (limit_flags.cc): safe defaults for a home network; going over one
  // is RESOURCE_EXHAUSTED (DEADLINE_EXCEEDED for the time limit) naming it.
  int max_concurrent_uploads = 4;          ///< --max-concurrent-uploads
  uint64_t max_message_bytes = 4ull << 20; ///< --max-message-kb: any one gRPC message
  double agent_connects_per_min = 30;      ///< --agent-connects-per-min, per peer IP
  double agent_connect_burst = 10;         ///< --agent-connect-burst
  int64_t upload_timeout_ms = 600'000;     ///< --upload-timeout-s: one upload, start to reply
  int max_song_minutes = 20;               ///< --max-song-minutes: decoded length of an upload

  // TLS (limit_flags.cc): none given = plaintext; --tls-client-ca = mutual TLS.
  std::string tls_cert;       ///< --tls-cert
  std::string tls_key;        ///< --tls-key
  std::string tls_client_ca;  ///< --tls-client-ca
  /// --insecure: plaintext on a non-loopback --listen (bearer tokens in clear).
  bool insecure = false;

  // The nightly schedule (season_flags.cc): NaN = no location (no dusk/dawn).
  double latitude = std::numeric_limits<double>::quiet_NaN();   ///< --latitude
  double longitude = std::numeric_limits<double>::quiet_NaN();  ///< --longitude
  std::string timezone = "localtime";                           ///< --timezone
};

/// Whether HOST:PORT's host is a loopback address (127.0.0.0/8, ::1, localhost).
bool IsLoopbackHostPort(const std::string& host_port);

/// $LIGHTSHOW_DATA_DIR, else $HOME/.local/share/lightshow.
std::string DefaultDataDir();

/// INVALID_ARGUMENT naming the bad field and value; also a non-loopback
/// --listen without TLS unless `insecure`.
absl::Status ValidateServerConfig(const ServerConfig& cfg);

}  // namespace ls::api
