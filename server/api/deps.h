#pragma once
/// What the Control service needs, wired by LightshowServer. Every reference
/// outlives the service; each referee documents its own thread-safety.

#include <cstdint>

#include "api/upload_slots.h"
#include "auth/token.h"
#include "auth/token_store.h"
#include "catalog/catalog.h"
#include "ingest/ingestor.h"
#include "jobs/thread_pool.h"
#include "learn/learn_service.h"
#include "metrics/classify_metrics.h"
#include "metrics/server_metrics.h"
#include "season/scheduler.h"
#include "season/season_store.h"
#include "stream/agent_registry.h"
#include "stream/show_player.h"

namespace ls::api {

/// What starting a stored song's show needs (`lsctl play` and the season player).
struct PlayDeps {
  catalog::Catalog& catalog;
  ingest::Ingestor& ingestor;
  stream::ShowPlayer& player;
  stream::AgentRegistry& registry;
  metrics::ServerMetrics& metrics;
  /// Song bytes for the server's own audio output; null when it plays none.
  const catalog::BlobStore* audio_blobs;
  int64_t default_offset_ms;  ///< added to every PlayRequest.offset_ms
};

struct ServiceDeps {
  PlayDeps play;
  const auth::TokenAuth& auth;
  jobs::ThreadPool& control_pool;         ///< quick RPC bodies (api/unary.h)
  jobs::ThreadPool& pool;                 ///< heavy interactive work: uploads, classify, report, export
  auth::TokenStore& tokens;               ///< named tokens
  UploadSlots& upload_slots;              ///< concurrent-upload limit
  const catalog::BlobStore& blobs;        ///< every song and show blob (export, preview, delete)
  learn::LearnService& learn;             ///< jobs, models, reports, classification
  metrics::ClassifyMetrics& classify_metrics;
  season::SeasonStore& season;            ///< playlists and the nightly schedule
  season::Scheduler& scheduler;
  uint64_t max_upload_bytes;
  int64_t upload_timeout_ms;              ///< one upload, first message to reply
};

}  // namespace ls::api
