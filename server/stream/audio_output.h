#pragma once
/// Where the server's own copy of a song's audio goes: an ALSA device, or a
/// null sink (tests, headless boxes) that keeps time and records what it was
/// asked to play. Thread-safety: one Play at a time per object; `cancel` may be
/// set from any thread.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::stream {

class AudioOutput {
 public:
  virtual ~AudioOutput() = default;
  /// Plays mono `samples` at `rate` so that sample 0 sounds at `start_ns`
  /// (CLOCK_REALTIME, the server's clock = the show's clock). Samples whose time
  /// has already passed are skipped, so a late start stays aligned. Returns
  /// when the samples are done or soon after `cancel` becomes true.
  virtual absl::Status Play(const std::string& play_id, const std::vector<float>& samples, int rate,
                            int64_t start_ns, const std::atomic<bool>& cancel) = 0;
};

/// "none" → nullptr (no audio), "null" or "null:PATH" → NullAudioOutput (PATH
/// gets one CSV line per play), "alsa:DEVICE" (e.g. alsa:default) → ALSA.
/// INVALID_ARGUMENT for anything else.
absl::StatusOr<std::unique_ptr<AudioOutput>> MakeAudioOutput(const std::string& spec);

/// Plays nothing, in real time. Appends `play_id,start_ns,first_sample_ns,samples,rate`
/// (first_sample_ns = when it started consuming; samples = how many it consumed,
/// skipped ones excluded) to `path` when a play ends, if a path was given.
class NullAudioOutput : public AudioOutput {
 public:
  explicit NullAudioOutput(std::string path) : path_(std::move(path)) {}
  absl::Status Play(const std::string& play_id, const std::vector<float>& samples, int rate,
                    int64_t start_ns, const std::atomic<bool>& cancel) override;

 private:
  std::string path_;
};

/// Index of the first sample still to come at `now_ns` (0 when early).
int64_t FirstDueSample(int64_t start_ns, int64_t now_ns, int rate);

}  // namespace ls::stream
