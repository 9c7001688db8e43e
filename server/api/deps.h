#pragma once
/// What the Control service needs, wired by LightshowServer. All pointers
/// outlive the service; each pointee documents its own thread-safety.

#include <cstdint>

#include "auth/token.h"
#include "catalog/catalog.h"
#include "ingest/ingestor.h"
#include "jobs/thread_pool.h"
#include "metrics/server_metrics.h"
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
  int64_t default_offset_ms = 0;  ///< added to every PlayRequest.offset_ms
};

}  // namespace ls::api
