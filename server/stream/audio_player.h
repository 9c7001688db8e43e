#pragma once
/// Plays the audio of the current show on an AudioOutput, aligned to the
/// show's start: loads the stored song and decodes it once, on its own thread
/// (never in a gRPC callback), in its own channels (mono or stereo; more are
/// downmixed to stereo) at its own rate, then hands the frames to the output
/// with the start time. A new Start cancels the previous playback. Thread-safe.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "audio/decode_playback.h"
#include "stream/audio_output.h"

namespace ls::stream {

class AudioPlayer {
 public:
  using Loader = std::function<absl::StatusOr<std::string>()>;  ///< the song's stored bytes
  /// Stored bytes → frames for the output; called once per play, on the play's thread.
  using Decoder = std::function<absl::StatusOr<audio::Signal>(std::string_view)>;

  /// `decode` defaults to audio::DecodeForPlayback (tests may wrap it).
  explicit AudioPlayer(std::unique_ptr<AudioOutput> out, Decoder decode = audio::DecodeForPlayback)
      : out_(std::move(out)), decode_(std::move(decode)) {}
  /// Cancels what plays and joins every worker.
  ~AudioPlayer();
  AudioPlayer(const AudioPlayer&) = delete;
  AudioPlayer& operator=(const AudioPlayer&) = delete;

  /// Starts `play_id`'s audio so that its first sample sounds at `start_ns`.
  void Start(const std::string& play_id, Loader load, int64_t start_ns);
  /// Cancels `play_id` ("" = whatever plays). Returns at once.
  void Stop(const std::string& play_id);

 private:
  struct Job {
    std::string play_id;
    std::atomic<bool> cancel{false};
    std::thread thread;
  };
  void Work(Job* job, Loader load, int64_t start_ns);

  std::unique_ptr<AudioOutput> out_;
  const Decoder decode_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Job>> jobs_;  // newest last; finished ones reaped on Start
};

}  // namespace ls::stream
