#pragma once
/// The frames of the current show that are still to be applied, in index order.
///
/// Frames are keyed by (show id, frame index): one show at a time, a new show
/// replaces the old one, frames naming another show are refused. Times are on the
/// server's clock; the Player converts them.
/// Thread-safety: not thread-safe; the Player guards it with its mutex.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ls::agent {

/// What a ShowStart announces.
struct ShowParams {
  std::string show_id;
  int64_t start_ns = 0;         ///< presentation time of frame 0, server clock
  int64_t frame_period_ns = 0;  ///< 0 = unknown (the Player uses its default)
  uint32_t frame_count = 0;
};

/// One frame for this agent's 8 channels.
struct FrameItem {
  uint32_t index = 0;
  int64_t present_ns = 0;  ///< server clock, offsets chosen by the server included
  uint8_t mask = 0;
};

class FrameBuffer {
 public:
  explicit FrameBuffer(size_t capacity) : capacity_(capacity) {}

  /// Starts holding frames of `show` (clears all frames).
  void Reset(const ShowParams& show);
  /// Forgets the show and its frames.
  void Clear();

  bool has_show() const { return has_show_; }
  const ShowParams& show() const { return show_; }

  /// Adds frames of the current show. Frames of another show, at or below the
  /// `consumed` floor, or beyond capacity are refused; a repeated index replaces
  /// the older copy. Returns how many were accepted.
  size_t Add(std::string_view show_id, const std::vector<FrameItem>& frames);

  /// The earliest frame, or nullptr when empty.
  const FrameItem* Front() const;
  /// The frame after Front(), or nullptr.
  const FrameItem* Second() const;
  /// Removes Front() and remembers its index as consumed (late copies are refused).
  void PopFront();

  size_t size() const { return frames_.size(); }

 private:
  size_t capacity_;
  bool has_show_ = false;
  ShowParams show_;
  std::map<uint32_t, FrameItem> frames_;
  bool any_consumed_ = false;
  uint32_t consumed_ = 0;  ///< highest index popped in this show
};

}  // namespace ls::agent
