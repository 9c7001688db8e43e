#pragma once
/// What the season player needs from the rest of the server: start one song's
/// show, ask whether a playback is over, stop it. The server implements it
/// with the catalog and the show player (api/season_shows.cc); tests fake it.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "lightshow/v1/control.pb.h"

namespace ls::season {

struct Started {
  lightshow::v1::PlayReply reply;
  int64_t end_ns = 0;  ///< when its last frame is over (server clock, unix ns)
};

/// Implementations are thread-safe.
class ShowControl {
 public:
  virtual ~ShowControl() = default;
  /// Plays a song's show `lead_ns` from now on every connected agent.
  /// NOT_FOUND when the song (or its data) is gone — the season player skips
  /// it and reports the gap; UNAVAILABLE when no agent is connected (it
  /// retries); other errors as they come.
  virtual absl::StatusOr<Started> Start(const std::string& song_id, int64_t lead_ns) = 0;
  /// Finished, stopped or unknown.
  virtual bool Over(const std::string& play_id) = 0;
  virtual void Stop(const std::string& play_id) = 0;
  /// The song's name, or "" when it is not (or no longer) playable.
  virtual std::string SongName(const std::string& song_id) = 0;
  virtual bool AgentsConnected() = 0;
};

}  // namespace ls::season
