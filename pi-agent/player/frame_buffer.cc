#include "player/frame_buffer.h"

#include <iterator>

namespace ls::agent {

void FrameBuffer::Reset(const ShowParams& show) {
  Clear();
  has_show_ = true;
  show_ = show;
}

void FrameBuffer::Clear() {
  has_show_ = false;
  show_ = ShowParams{};
  frames_.clear();
  any_consumed_ = false;
  consumed_ = 0;
}

size_t FrameBuffer::Add(std::string_view show_id, const std::vector<FrameItem>& frames) {
  if (!has_show_ || show_id != show_.show_id) return 0;
  size_t accepted = 0;
  for (const FrameItem& f : frames) {
    // A frame at or before one already played (or dropped) is history.
    if (any_consumed_ && f.index <= consumed_) continue;
    auto it = frames_.find(f.index);
    if (it != frames_.end()) {
      it->second = f;
    } else {
      if (frames_.size() >= capacity_) continue;
      frames_.emplace(f.index, f);
    }
    ++accepted;
  }
  return accepted;
}

const FrameItem* FrameBuffer::Front() const {
  return frames_.empty() ? nullptr : &frames_.begin()->second;
}

const FrameItem* FrameBuffer::Second() const {
  if (frames_.size() < 2) return nullptr;
  return &std::next(frames_.begin())->second;
}

void FrameBuffer::PopFront() {
  if (frames_.empty()) return;
  any_consumed_ = true;
  consumed_ = frames_.begin()->first;
  frames_.erase(frames_.begin());
}

}  // namespace ls::agent
