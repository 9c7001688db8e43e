#include <chrono>

#include "absl/strings/str_cat.h"
#include "api/season_flags.h"
#include "api/server_parts.h"
#include "auth/rate_limiter.h"
#include "catalog/consistency.h"
#include "common/files.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "dsp/stft.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/server_builder.h"
#include "metrics/process_collector.h"

namespace ls::api {
namespace {

metrics::ShowState ToShowState(lightshow::v1::ShowStatus::State s) {
  using lightshow::v1::ShowStatus;
  switch (s) {
    case ShowStatus::SCHEDULED: return metrics::ShowState::kScheduled;
    case ShowStatus::PLAYING: return metrics::ShowState::kPlaying;
    case ShowStatus::FINISHED: return metrics::ShowState::kFinished;
    case ShowStatus::STOPPED: return metrics::ShowState::kStopped;
    default: return metrics::ShowState::kIdle;
  }
}

// Fraction of the show's frames that are due: 0 before the start, 1 at the end.
double ProgressRatio(const lightshow::v1::ShowStatus& st) {
  using lightshow::v1::ShowStatus;
  if (st.frame_count() == 0 || st.state() == ShowStatus::SCHEDULED) return 0;
  if (st.state() == ShowStatus::FINISHED) return 1;
  return static_cast<double>(st.frame() + 1) / st.frame_count();
}

PlayDeps MakePlayDeps(ServerParts& d) {
  return PlayDeps{*d.catalog,  *d.ingestor, *d.player, *d.registry, *d.metrics,
                  d.audio ? d.blobs.get() : nullptr, d.cfg.default_offset_ms};
}

ServiceDeps MakeServiceDeps(ServerParts& d) {
  return ServiceDeps{MakePlayDeps(d),         *d.auth,   *d.control_pool, *d.pool,      *d.tokens,
                     *d.upload_slots,         *d.blobs,  *d.learn,     *d.classify_metrics,
                     *d.season,               *d.scheduler, d.cfg.max_upload_bytes, d.cfg.upload_timeout_ms};
}

}  // namespace

absl::Status OpenStores(ServerParts& d) {
  const ServerConfig& cfg = d.cfg;
  LS_RETURN_IF_ERROR(MakePrivateDir(cfg.data_dir));
  // One server per data dir, before anything in it is read or written.
  LS_ASSIGN_OR_RETURN(d.dir_lock, DirLock::Acquire(cfg.data_dir));
  LS_ASSIGN_OR_RETURN(std::string token, auth::LoadOrCreateToken(cfg.data_dir));
  LS_ASSIGN_OR_RETURN(d.tokens, auth::TokenStore::Open(cfg.data_dir));
  d.agent_limiter = std::make_unique<auth::RateLimiter>(cfg.agent_connects_per_min, cfg.agent_connect_burst);
  d.upload_slots = std::make_unique<UploadSlots>(cfg.max_concurrent_uploads);
  d.auth = std::make_unique<auth::TokenAuth>(token, d.tokens.get(), d.agent_limiter.get());
  LS_ASSIGN_OR_RETURN(d.catalog, catalog::Catalog::Open(cfg.data_dir));
  LS_ASSIGN_OR_RETURN(auto blobs, catalog::BlobStore::Open(cfg.data_dir));
  d.blobs = std::make_unique<catalog::BlobStore>(std::move(blobs));
  // Before serving: clean what a crash left behind, flag rows whose data is gone.
  LS_ASSIGN_OR_RETURN(auto report, catalog::CheckConsistency(cfg.data_dir, d.catalog.get(), *d.blobs));
  for (const auto& line : report.LogLines()) LogWarning(line);
  ingest::IngestOptions ingest_opts;
  ingest_opts.hop = cfg.show_hop;
  ingest_opts.max_song_seconds = cfg.max_song_minutes * 60.0;
  d.ingestor = std::make_unique<ingest::Ingestor>(d.catalog.get(), d.blobs.get(), ingest_opts);
  // FFTW plans once (FFTW_MEASURE takes ~0.1 s): pay it at start-up, not in the first upload.
  (void)dsp::SharedStft();
  return absl::OkStatus();
}

absl::Status StartMetrics(ServerParts& d) {
  d.prom = std::make_shared<prometheus::Registry>();
  d.metrics = std::make_unique<metrics::ServerMetrics>(*d.prom);
  d.agent_metrics = std::make_unique<metrics::AgentMetrics>(*d.prom);
  d.show_metrics = std::make_unique<metrics::ShowMetrics>(*d.prom);
  d.learn_collector = std::make_shared<metrics::LearnCollector>();
  d.classify_metrics = std::make_unique<metrics::ClassifyMetrics>(*d.prom);
  d.schedule_metrics = std::make_unique<metrics::ScheduleMetrics>(*d.prom);
  LS_ASSIGN_OR_RETURN(d.endpoint,
                      metrics::MetricsEndpoint::Start(d.cfg.metrics_listen,
                                                      {d.prom, std::make_shared<metrics::ProcessCollector>(),
                                                       d.learn_collector}));
  return absl::OkStatus();
}

absl::Status StartStreaming(ServerParts& d) {
  d.registry = std::make_unique<stream::AgentRegistry>();
  LS_ASSIGN_OR_RETURN(auto groups, d.catalog->AgentGroups());
  for (const auto& [agent, group] : groups) d.registry->Assign(agent, group);
  auto* m = d.metrics.get();
  auto* am = d.agent_metrics.get();
  auto* reg = d.registry.get();
  d.registry->SetListener([m, am, reg](const std::string& id, bool connected) {
    m->SetAgentsConnected(reg->ConnectedCount());
    am->SetConnected(id, connected);
  });
  d.registry->SetStatsListener([am](const std::string& id, const lightshow::v1::AgentStats& s) {
    metrics::AgentStatsSample sample;
    sample.frames_applied = s.frames_applied();
    sample.frames_late = s.frames_late();
    sample.frames_dropped = s.frames_dropped();
    sample.clock_offset_seconds = static_cast<double>(s.clock_offset_ns()) * 1e-9;
    sample.rtt_seconds = static_cast<double>(s.rtt_ns()) * 1e-9;
    sample.apply_error_seconds.assign(s.apply_error_s().begin(), s.apply_error_s().end());
    am->Record(id, sample);
  });
  stream::PlayerOptions popts;
  popts.default_lead_ns = d.cfg.default_lead_ms * 1'000'000;
  popts.lookahead_ns = d.cfg.lookahead_ms * 1'000'000;
  LS_ASSIGN_OR_RETURN(auto audio_out, stream::MakeAudioOutput(d.cfg.audio));
  if (audio_out) d.audio = std::make_unique<stream::AudioPlayer>(std::move(audio_out));
  d.player = std::make_unique<stream::ShowPlayer>(d.registry.get(), popts, [m](uint64_t n) { m->AddFramesSent(n); });
  d.player->SetStateHook([sm = d.show_metrics.get()](const lightshow::v1::ShowStatus& st) {
    sm->Report(ToShowState(st.state()), ProgressRatio(st), st.frame_count(),
               static_cast<size_t>(st.agent_ids_size()));
  });
  d.player->SetAudio(d.audio.get());
  // Three pools, so no kind of work waits behind another: RPC bodies that touch
  // SQLite or blobs never run on gRPC's callback threads (agent clock pongs share
  // them), and re-rendering every show after an activation never starves uploads.
  d.control_pool = std::make_unique<jobs::ThreadPool>(2);
  d.pool = std::make_unique<jobs::ThreadPool>(d.cfg.workers);
  d.batch_pool = std::make_unique<jobs::ThreadPool>(1);
  return absl::OkStatus();
}

absl::Status StartLearning(ServerParts& d) {
  LS_ASSIGN_OR_RETURN(d.learn, learn::LearnService::Open(d.cfg.data_dir, d.catalog.get(), d.blobs.get(),
                                                         d.ingestor.get(), d.batch_pool.get()));
  // Jobs and models: state read from their tables at scrape time, durations as jobs finish.
  d.job_metrics = std::make_unique<metrics::JobMetrics>(*d.prom, d.learn->JobKinds());
  d.learn->SetJobFinishListener([jm = d.job_metrics.get()](const std::string& kind, jobs::JobState outcome,
                                                            double seconds) {
    jm->RecordFinished(kind, jobs::JobStateName(outcome), seconds);
  });
  d.learn_collector->Attach([learn = d.learn.get()] { return learn->MetricsSnapshot(); });
  return absl::OkStatus();
}

absl::Status StartSeason(ServerParts& d) {
  LS_ASSIGN_OR_RETURN(auto season_opts, SeasonOptions(d.cfg));
  LS_ASSIGN_OR_RETURN(d.season, season::SeasonStore::Open(d.cfg.data_dir));
  d.show_control = std::make_unique<CatalogShowControl>(MakePlayDeps(d));
  d.scheduler = std::make_unique<season::Scheduler>(d.season.get(), d.show_control.get(), season_opts);
  d.scheduler->SetHooks(
      [sm = d.schedule_metrics.get()](const season::ScheduleSnapshot& s) {
        sm->Report(s.state, s.window_open, s.next_start_s);
      },
      [sm = d.schedule_metrics.get()](const std::string& outcome) { sm->CountWindow(outcome); });
  return d.scheduler->Start();
}

absl::Status StartGrpc(ServerParts& d, std::shared_ptr<grpc::ServerCredentials> credentials) {
  const ServerConfig& cfg = d.cfg;
  d.control = std::make_unique<ControlService>(MakeServiceDeps(d));
  d.agent_link = std::make_unique<stream::AgentLinkService>(d.registry.get(), d.auth.get());
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(cfg.listen, credentials, &port);
  builder.RegisterService(d.control.get());
  builder.RegisterService(d.agent_link.get());
  // Keepalive: notice dead agents (a Pi unplugged) within about half a minute.
  // No SO_REUSEPORT: a second server on the same port must fail, not share it.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // One bound for every message either way (gRPC answers RESOURCE_EXHAUSTED).
  builder.SetMaxReceiveMessageSize(static_cast<int>(cfg.max_message_bytes));
  builder.SetMaxSendMessageSize(static_cast<int>(cfg.max_message_bytes));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 5000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);
  d.server = builder.BuildAndStart();
  if (!d.server || port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", cfg.listen, " (port in use or bad address)"));
  }
  std::string host = cfg.listen.substr(0, cfg.listen.rfind(':'));
  d.address = absl::StrCat(host, ":", port);
  // Local clients dial the loopback address when the server listens on all interfaces.
  std::string dial_host = (host == "0.0.0.0" || host == "[::]" || host == "::") ? "127.0.0.1" : host;
  return WriteFileAtomic(absl::StrCat(cfg.data_dir, "/server.addr"), absl::StrCat(dial_host, ":", port, "\n"));
}

absl::Status ResumeWork(ServerParts& d) {
  // Training that a previous run left queued or running goes on from its checkpoint.
  LS_RETURN_IF_ERROR(d.learn->ResumeJobs());
  // Songs stored by an older version get their analysis and show made again,
  // in the background: they stay playable (with their old show) meanwhile.
  LS_ASSIGN_OR_RETURN(int upgraded, d.learn->QueueRerenders(true));
  if (upgraded > 0) {
    LogInfo(absl::StrCat("re-rendering ", upgraded,
                         " stored show(s) made before the current music analysis or the active model"));
  }
  return absl::OkStatus();
}

}  // namespace ls::api
