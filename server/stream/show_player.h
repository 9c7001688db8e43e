#pragma once
/// Plays shows: schedules a playback a little in the future, sends each agent
/// its frames ahead of time in batches (index + presentation time + mask of the
/// agent's group), resumes an agent that reconnects mid-show at the right frame,
/// stops them with ShowStop, and feeds WatchShow streams. One playback at a time
/// (a new Play stops the previous one). Thread-safe; owns one scheduler thread.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "lightshow/v1/control.pb.h"
#include "stream/agent_registry.h"
#include "stream/audio_player.h"
#include "stream/show_watcher.h"

namespace ls::stream {

struct PlayerOptions {
  int64_t default_lead_ns = 1'500'000'000;  ///< start this far ahead when the request says 0
  /// Frames are sent this far before their time. It bounds how long agents play
  /// on after the server dies (lookahead + 2 frame periods), and it is the longest
  /// network stall agents ride through without a gap.
  int64_t lookahead_ns = 500'000'000;
  int64_t tick_ns = 20'000'000;
  int max_batch = 256;
};

struct PlayParams {
  std::string song_id;
  std::string song_name;
  std::string show_id;
  int channels = 8;
  int64_t frame_period_ns = 0;
  std::string masks;                    ///< channels/8 bytes per frame
  std::vector<std::string> agent_ids;   ///< empty = every connected agent (also late joiners)
  int64_t lead_ns = 0;
  int64_t offset_ns = 0;
  /// The song's bytes, for the server's own audio output (null = no audio).
  AudioPlayer::Loader load_audio;
};

class ShowPlayer {
 public:
  /// Called from the scheduler thread with the number of frames just sent.
  using FramesSentHook = std::function<void(uint64_t frames)>;

  /// Called from the scheduler thread, under the player's lock (keep it quick),
  /// about ten times a second with the status of the latest playback once
  /// anything has been played, e.g. to feed metrics.
  using StateHook = std::function<void(const lightshow::v1::ShowStatus& latest)>;

  ShowPlayer(AgentRegistry* registry, PlayerOptions opts, FramesSentHook hook = nullptr);
  /// Stops every playback (agents told to go dark) and joins the thread.
  ~ShowPlayer();
  ShowPlayer(const ShowPlayer&) = delete;
  ShowPlayer& operator=(const ShowPlayer&) = delete;

  /// INVALID_ARGUMENT for a bad lead/offset or empty show, NOT_FOUND for an
  /// unknown agent id, FAILED_PRECONDITION when no agent is connected.
  absl::StatusOr<lightshow::v1::PlayReply> Play(PlayParams params);
  /// Stops one playback ("" = all playing). Returns how many were stopped.
  int Stop(const std::string& play_id);
  /// Status of a playback ("" = the latest). NOT_FOUND when unknown.
  absl::StatusOr<lightshow::v1::ShowStatus> Status(const std::string& play_id);
  /// Whether a playback of the song `song_id` is scheduled or playing
  /// (deleting a song is refused then).
  bool IsPlaying(const std::string& song_id);
  /// Starts a WatchShow stream; the returned reactor is owned by gRPC.
  grpc::ServerWriteReactor<lightshow::v1::ShowStatus>* Watch(const std::string& play_id);
  /// Stops everything and ends watch streams (server shutdown). Idempotent.
  void Shutdown();
  void SetStateHook(StateHook hook);
  /// Plays each show's audio (when its PlayParams has a loader) starting at the
  /// show's start, before the audio-to-light offset. `audio` outlives the player.
  void SetAudio(AudioPlayer* audio);

 private:
  struct AgentCursor {
    uint64_t generation = 0;
    uint32_t next = 0;
    uint32_t group = 0;  ///< as announced in the agent's ShowStart
  };
  struct Playback {
    PlayParams p;
    std::string play_id;
    int64_t start_ns = 0;
    uint32_t frame_count = 0;
    lightshow::v1::ShowStatus::State state = lightshow::v1::ShowStatus::SCHEDULED;
    std::map<std::string, AgentCursor> cursors;
    uint64_t frames_sent = 0;
    std::set<ShowWatcher*> watchers;
  };

  void Run();
  void Tick(Playback& pb, int64_t now);
  void SendFrames(Playback& pb, const std::string& agent, AgentCursor& c, int64_t now);
  void StopLocked(Playback& pb, lightshow::v1::ShowStatus::State state, const std::string& reason);
  lightshow::v1::ShowStatus StatusLocked(const Playback& pb, int64_t now) const;
  Playback* FindLocked(const std::string& play_id);
  std::vector<std::string> TargetsLocked(const Playback& pb) const;

  AgentRegistry* registry_;
  PlayerOptions opts_;
  FramesSentHook hook_;
  StateHook state_hook_;  // guarded by mu_
  AudioPlayer* audio_ = nullptr;  // guarded by mu_

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Playback>> playbacks_;  // newest last; a few kept for WatchShow
  uint64_t next_play_ = 1;
  bool stopping_ = false;
  int64_t last_offer_ns_ = 0;
  std::thread thread_;
};

}  // namespace ls::stream
