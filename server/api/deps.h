#pragma once
/// What the Control service needs, wired by LightshowServer. All pointers
/// outlive the service; each pointee documents its own thread-safety.

#include <cstdint>

#include "api/upload_slots.h"
#include "auth/token.h"
#include "auth/token_store.h"
#include "catalog/catalog.h"
#include "ingest/ingestor.h"
#include "jobs/thread_pool.h"
#include "metrics/server_metrics.h"
#include "metrics/classify_metrics.h"
#include "learn/learn_service.h"
#include "season/scheduler.h"
#include "season/season_store.h"
#include "stream/agent_registry.h"
#include "stream/show_player.h"

namespace ls::api {

struct ServiceDeps {
  const auth::TokenAuth* auth = nullptr;
  catalog::Catalog* catalog = nullptr;
  ingest::Ingestor* ingestor = nullptr;
  jobs::ThreadPool* pool = nullptr;
  metrics::ServerMetrics* metrics = nullptr;
  stream::AgentRegistry* registry = nullptr;
  stream::ShowPlayer* player = nullptr;
  uint64_t max_upload_bytes = 0;
  auth::TokenStore* tokens = nullptr;     ///< named tokens (null: none)
  UploadSlots* upload_slots = nullptr;    ///< concurrent-upload limit (null: none)
  int64_t upload_timeout_ms = 600'000;    ///< one upload, first message to reply
  int64_t default_offset_ms = 0;  ///< added to every PlayRequest.offset_ms
  /// Song bytes for the server's own audio output; null when it plays none.
  const catalog::BlobStore* audio_blobs = nullptr;
  /// Every song and show blob (export, preview, delete).
  const catalog::BlobStore* blobs = nullptr;
  /// Learned shows: jobs, models, reports (null: those RPCs are UNIMPLEMENTED).
  learn::LearnService* learn = nullptr;
  /// Classify request counts and latency (null: not recorded).
  metrics::ClassifyMetrics* classify_metrics = nullptr;
  /// Playlists and the nightly schedule (null: those RPCs are UNIMPLEMENTED).
  season::SeasonStore* season = nullptr;
  season::Scheduler* scheduler = nullptr;
};

}  // namespace ls::api
