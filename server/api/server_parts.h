#pragma once
/// Everything a running LightshowServer owns, in start-up order (members are
/// destroyed in reverse: the gRPC server first, the data-dir lock last), and
/// the start-up stages that fill it (server_start.cc). Internal to api/.

#include <memory>
#include <mutex>
#include <string>

#include "absl/status/status.h"
#include "api/control_service.h"
#include "api/season_shows.h"
#include "api/server_config.h"
#include "common/dir_lock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "metrics/agent_metrics.h"
#include "metrics/classify_metrics.h"
#include "metrics/job_metrics.h"
#include "metrics/learn_collector.h"
#include "metrics/metrics_endpoint.h"
#include "metrics/schedule_metrics.h"
#include "metrics/show_metrics.h"
#include "stream/agent_link_service.h"
#include "stream/audio_player.h"

namespace ls::api {

struct ServerParts {
  std::unique_ptr<DirLock> dir_lock;  // first member: released last
  ServerConfig cfg;
  std::string address;
  std::unique_ptr<auth::TokenStore> tokens;
  std::unique_ptr<auth::RateLimiter> agent_limiter;
  std::unique_ptr<UploadSlots> upload_slots;
  std::unique_ptr<auth::TokenAuth> auth;
  std::unique_ptr<catalog::Catalog> catalog;
  std::unique_ptr<catalog::BlobStore> blobs;
  std::unique_ptr<ingest::Ingestor> ingestor;
  std::shared_ptr<prometheus::Registry> prom;
  std::unique_ptr<metrics::ServerMetrics> metrics;
  std::unique_ptr<metrics::AgentMetrics> agent_metrics;
  std::unique_ptr<metrics::ShowMetrics> show_metrics;
  std::shared_ptr<metrics::LearnCollector> learn_collector;  // detached before learn goes
  std::unique_ptr<metrics::JobMetrics> job_metrics;
  std::unique_ptr<metrics::ClassifyMetrics> classify_metrics;
  std::unique_ptr<metrics::MetricsEndpoint> endpoint;
  std::unique_ptr<stream::AgentRegistry> registry;
  std::unique_ptr<stream::AudioPlayer> audio;  // before player: outlives it
  std::unique_ptr<stream::ShowPlayer> player;
  std::unique_ptr<jobs::ThreadPool> control_pool;  // quick RPC bodies (catalog reads and writes)
  std::unique_ptr<jobs::ThreadPool> pool;          // interactive: uploads, classify, report, export
  std::unique_ptr<jobs::ThreadPool> batch_pool;    // re-renders; dropped at shutdown, resumed at start
  std::unique_ptr<learn::LearnService> learn;  // after pool: stopped before it
  std::unique_ptr<metrics::ScheduleMetrics> schedule_metrics;
  std::unique_ptr<season::SeasonStore> season;
  std::unique_ptr<CatalogShowControl> show_control;
  std::unique_ptr<season::Scheduler> scheduler;  // after player: stopped before it
  std::unique_ptr<ControlService> control;
  std::unique_ptr<stream::AgentLinkService> agent_link;
  std::unique_ptr<grpc::Server> server;
  std::once_flag shutdown_once;
  // A failed Start destroys learn while /metrics may still be scraped.
  ~ServerParts() {
    if (learn_collector) learn_collector->Detach();
  }
};

// The start-up stages, in order; each needs the ones before it.
/// The data-dir lock, tokens, catalog, blobs (after the consistency check), ingestor.
absl::Status OpenStores(ServerParts& d);
/// Prometheus registry, collectors and the /metrics endpoint.
absl::Status StartMetrics(ServerParts& d);
/// Agent registry (groups from the catalog), audio output, show player, worker pool.
absl::Status StartStreaming(ServerParts& d);
/// Training jobs, models and their metrics.
absl::Status StartLearning(ServerParts& d);
/// Playlists and the nightly schedule; its thread starts here.
absl::Status StartSeason(ServerParts& d);
/// The services, then the gRPC listener; writes DATA_DIR/server.addr.
absl::Status StartGrpc(ServerParts& d, std::shared_ptr<grpc::ServerCredentials> credentials);
/// Training a previous run left, and shows to re-render with the current analysis.
absl::Status ResumeWork(ServerParts& d);

}  // namespace ls::api
