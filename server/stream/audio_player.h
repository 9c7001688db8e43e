#pragma once
/// Plays the audio of the current show on an AudioOutput, aligned to the
/// show's start: loads and decodes the song on its own thread (never in a gRPC
/// callback), then hands the samples to the output with the start time. A new
/// Start cancels the previous playback. Thread-safe.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "stream/audio_output.h"

namespace ls::stream {

class AudioPlayer {
 public:
  using Loader = std::function<absl::StatusOr<std::string>()>;  ///< the song's stored bytes

  explicit AudioPlayer(std::unique_ptr<AudioOutput> out) : out_(std::move(out)) {}
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
  std::mutex mu_;
  std::vector<std::unique_ptr<Job>> jobs_;  // newest last; finished ones reaped on Start
};

}  // namespace ls::stream
