// lightshow-server: parse flags, start the server, wait for SIGINT/SIGTERM.
#include <csignal>
#include <iostream>

#include "CLI/CLI.hpp"
#include "api/lightshow_server.h"
#include "api/limit_flags.h"
#include "common/log.h"
#include "api/season_flags.h"
#include "lightshow/version.h"

int main(int argc, char** argv) {
  ls::api::ServerConfig cfg;
  cfg.data_dir = ls::api::DefaultDataDir();
  CLI::App app{"Lightshow server: turns songs into light shows and streams them to agents"};
  app.set_version_flag("--version", "lightshow-server " LIGHTSHOW_VERSION);
  app.add_option("--listen", cfg.listen, "gRPC address HOST:PORT (port 0 = pick one)")->capture_default_str();
  app.add_option("--data-dir", cfg.data_dir, "catalog, songs, shows and the token")->capture_default_str();
  app.add_option("--metrics-listen", cfg.metrics_listen, "Prometheus /metrics HOST:PORT")->capture_default_str();
  app.add_option("--lead-ms", cfg.default_lead_ms, "default delay before a show starts")->capture_default_str();
  app.add_option("--offset-ms", cfg.default_offset_ms,
                 "audio-to-light offset added to every play's own (positive delays the lights)")
      ->capture_default_str();
  app.add_option("--lookahead-ms", cfg.lookahead_ms,
                 "send frames this far ahead; agents play on this long if the server dies")
      ->capture_default_str();
  app.add_option("--audio", cfg.audio,
                 "play each show's music here: none, null (keeps time, for tests) or alsa:DEVICE")
      ->capture_default_str();
  app.add_option("--show-hop", cfg.show_hop,
                 "samples between show frames of new songs: 1024 (43 fps) or 512 (86 fps)")
      ->capture_default_str();
  app.add_option("--workers", cfg.workers, "threads for decode/render work")->capture_default_str();
  ls::api::AddLimitFlags(app, cfg);
  ls::api::AddSeasonFlags(app, cfg);
  CLI11_PARSE(app, argc, argv);

  // Block the stop signals in every thread; main waits for them below.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  auto server = ls::api::LightshowServer::Start(cfg);
  if (!server.ok()) {
    ls::LogError(std::string(server.status().message()));
    return 1;
  }
  std::cout << "listening on " << (*server)->address() << "\n"
            << "metrics on " << (*server)->metrics_address() << "\n"
            << "data dir " << cfg.data_dir << std::endl;
  int sig = 0;
  sigwait(&stop, &sig);
  ls::LogInfo("signal " + std::to_string(sig) + ", shutting down");
  (*server)->Shutdown();
  return 0;
}
