#pragma once
/// Where the server's own copy of a song's audio goes: an ALSA device, or a
/// null sink (tests, headless boxes) that keeps time and records what it was
/// asked to play. Audio arrives as interleaved frames (audio::Signal, mono or
/// stereo at the song's own rate); time is counted in frames, so the channel
/// count never changes when a frame sounds. Thread-safety: one Play at a time
/// per object; `cancel` may be set from any thread.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "audio/signal.h"

namespace ls::stream {

class AudioOutput {
 public:
  virtual ~AudioOutput() = default;
  /// Plays `pcm` so that frame 0 sounds at `start_ns` (CLOCK_REALTIME, the
  /// server's clock = the show's clock). Frames whose time has already passed
  /// are skipped, so a late start stays aligned. Returns when the frames are
  /// done or soon after `cancel` becomes true. INVALID_ARGUMENT when CheckSignal fails.
  virtual absl::Status Play(const std::string& play_id, const audio::Signal& pcm, int64_t start_ns,
                            const std::atomic<bool>& cancel) = 0;
};

/// OK when `pcm` has a rate > 0, 1..8 channels and whole frames; else
/// INVALID_ARGUMENT naming the value.
absl::Status CheckSignal(const audio::Signal& pcm);

/// "none" → nullptr (no audio), "null" or "null:PATH" → NullAudioOutput (PATH
/// gets one CSV line per play), "alsa:DEVICE" (e.g. alsa:default) → ALSA.
/// INVALID_ARGUMENT for anything else.
absl::StatusOr<std::unique_ptr<AudioOutput>> MakeAudioOutput(const std::string& spec);

/// Plays nothing, in real time. Appends
/// `play_id,start_ns,first_sample_ns,samples,rate,channels` (first_sample_ns =
/// when it started consuming; samples = how many frames it consumed, skipped
/// ones excluded) to `path` when a play ends, if a path was given.
class NullAudioOutput : public AudioOutput {
 public:
  explicit NullAudioOutput(std::string path) : path_(std::move(path)) {}
  absl::Status Play(const std::string& play_id, const audio::Signal& pcm, int64_t start_ns,
                    const std::atomic<bool>& cancel) override;

 private:
  std::string path_;
};

/// Index of the first frame still to come at `now_ns` (0 when early).
int64_t FirstDueSample(int64_t start_ns, int64_t now_ns, int rate);

}  // namespace ls::stream
