#pragma once
/// The season player's access to shows: starts a catalog song on the show
/// player as `lsctl play` does (all connected agents, the server's default
/// audio-to-light offset, its own audio output). Thread-safe (the catalog,
/// ingestor and player are).

#include "api/deps.h"
#include "season/show_control.h"

namespace ls::api {

class CatalogShowControl final : public season::ShowControl {
 public:
  explicit CatalogShowControl(const PlayDeps& deps) : deps_(deps) {}

  absl::StatusOr<season::Started> Start(const std::string& song_id, int64_t lead_ns) override;
  bool Over(const std::string& play_id) override;
  void Stop(const std::string& play_id) override;
  std::string SongName(const std::string& song_id) override;
  bool AgentsConnected() override;

 private:
  PlayDeps deps_;
};

}  // namespace ls::api
