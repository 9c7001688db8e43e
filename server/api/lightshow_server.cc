#include "api/lightshow_server.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "api/server_parts.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "tls/tls_credentials.h"

namespace ls::api {

LightshowServer::LightshowServer(std::unique_ptr<ServerParts> impl) : impl_(std::move(impl)) {}

LightshowServer::~LightshowServer() { Shutdown(); }

const std::string& LightshowServer::address() const { return impl_->address; }
const std::string& LightshowServer::metrics_address() const { return impl_->endpoint->address(); }

absl::StatusOr<std::unique_ptr<LightshowServer>> LightshowServer::Start(const ServerConfig& cfg) {
  LS_RETURN_IF_ERROR(ValidateServerConfig(cfg));
  // TLS files first: a wrong path fails before anything is created or bound.
  LS_ASSIGN_OR_RETURN(auto credentials,
                      tls::MakeServerCredentials({cfg.tls_cert, cfg.tls_key, cfg.tls_client_ca}));
  auto d = std::make_unique<ServerParts>();
  d->cfg = cfg;
  LS_RETURN_IF_ERROR(OpenStores(*d));
  LS_RETURN_IF_ERROR(StartMetrics(*d));
  LS_RETURN_IF_ERROR(StartStreaming(*d));
  LS_RETURN_IF_ERROR(StartLearning(*d));
  LS_RETURN_IF_ERROR(StartSeason(*d));
  LS_RETURN_IF_ERROR(StartGrpc(*d, std::move(credentials)));
  LS_RETURN_IF_ERROR(ResumeWork(*d));
  return std::unique_ptr<LightshowServer>(new LightshowServer(std::move(d)));
}

void LightshowServer::Shutdown() {
  std::call_once(impl_->shutdown_once, [this] {
    ServerParts& d = *impl_;
    d.scheduler->Shutdown();  // starts no song while the player goes down
    d.player->Shutdown();   // agents are told to go dark first
    d.registry->CloseAll();
    d.server->Shutdown(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(d.cfg.shutdown_grace_ms));
    d.learn_collector->Detach();  // scrapes stop reading the tables before they close
    // Bounded: queued re-renders are not run inside the service manager's stop
    // timeout; the next start finds those shows out of date and queues them again.
    if (const size_t dropped = d.batch_pool->DropQueued(); dropped > 0) {
      LogInfo(absl::StrCat("left ", dropped, " queued show re-render(s) for the next start"));
    }
    d.learn->Shutdown();   // training stops; resumed at the next start
    d.pool.reset();         // finish accepted uploads
    d.batch_pool.reset();   // the re-render in progress, if any
    d.server->Wait();
  });
}

}  // namespace ls::api
