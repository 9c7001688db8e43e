#pragma once
/// Plays the frames of a show on the outputs, each at its presentation time.
///
/// Times: a frame's server-clock time T is applied when the agent's CLOCK_REALTIME
/// reads T + clock_offset() + config.offset_ns, where clock_offset() is the agent
/// clock minus the server clock (from clock sync).
/// Rules: frames go out in index order, one per due time; when several are due at
/// once only the newest is applied (the others count as dropped — no late bursts);
/// a frame more than `drop_tolerance_periods` (≤ 1) past its time is dropped, so
/// frames that arrive late one by one never go out faster than their period. When no
/// frame is held for the next `safe_off_periods` after the last one, every channel
/// goes off (frame -1). ShowStop turns everything off at once and forgets the
/// frames; a new ShowStart replaces the old show. Off at Start() and at Stop().
/// Thread-safety: all public methods are thread-safe. Every output call happens on
/// the caller's or the scheduler's thread while holding the Player's mutex.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "gpio/outputs.h"
#include "player/frame_buffer.h"
#include "player/player_config.h"

namespace ls::agent {

struct PlayerStats {
  uint64_t frames_applied = 0;
  uint64_t frames_late = 0;
  uint64_t frames_dropped = 0;
  uint64_t output_errors = 0;   ///< Outputs calls that failed
  uint64_t safe_offs = 0;       ///< times the watchdog turned the lights off
  std::string show_id;          ///< current show ("" when none)
  int64_t last_frame = -1;      ///< last applied frame index of the current show
  size_t buffered = 0;
};

class Player {
 public:
  /// Returns the agent clock minus the server clock, in ns. Must be cheap and must
  /// not call back into the Player.
  using ClockOffsetFn = std::function<int64_t()>;

  /// `outputs` must outlive the Player. Config must pass ValidatePlayerConfig.
  Player(const PlayerConfig& config, Outputs* outputs, ClockOffsetFn clock_offset);
  ~Player();
  Player(const Player&) = delete;
  Player& operator=(const Player&) = delete;

  /// Turns everything off and starts the scheduler thread.
  absl::Status Start();
  /// Stops the scheduler and turns everything off. Idempotent.
  void Stop();

  /// Replaces the current show (lights off if they were on). Re-announcing the
  /// current show with the same start and period keeps its frames.
  void StartShow(const ShowParams& show);
  /// Buffers frames of the current show; returns how many were accepted.
  size_t AddFrames(std::string_view show_id, const std::vector<FrameItem>& frames);
  /// Stops `show_id` (empty = whatever plays): all off at once, frames forgotten.
  /// A stop naming another show is ignored (returns false).
  bool StopShow(std::string_view show_id);

  PlayerStats Stats() const;
  /// Apply errors (applied − scheduled, seconds) since the previous call.
  std::vector<double> TakeApplyErrors();

 private:
  void Run();
  int64_t PeriodLocked() const;
  void ApplyLocked(const FrameItem& frame, int64_t due_ns);
  void AllOffLocked(int64_t scheduled_ns);

  const PlayerConfig config_;
  Outputs* const outputs_;
  const ClockOffsetFn clock_offset_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  FrameBuffer buffer_;
  bool running_ = false;
  bool stopping_ = false;
  bool dark_ = true;             ///< the last output call was an all-off
  int64_t last_due_ns_ = 0;      ///< local due time of the last applied frame
  PlayerStats stats_;
  std::vector<double> apply_errors_;
  std::thread thread_;
};

}  // namespace ls::agent
