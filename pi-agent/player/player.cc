#include "player/player.h"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <limits>

#include "absl/strings/str_cat.h"
#include "base/clock.h"
#include "base/log.h"

namespace ls::agent {
namespace {
constexpr int64_t kNever = std::numeric_limits<int64_t>::max();
// Upper bound on one idle wait: clock offset updates are picked up this often.
constexpr int64_t kMaxIdleWaitNs = 100'000'000;
}  // namespace

Player::Player(const PlayerConfig& config, Outputs* outputs, ClockOffsetFn clock_offset)
    : config_(config),
      outputs_(outputs),
      clock_offset_(std::move(clock_offset)),
      buffer_(config.max_buffered_frames) {}

Player::~Player() { Stop(); }

absl::Status Player::Start() {
  std::lock_guard<std::mutex> lk(mu_);
  if (running_) return absl::FailedPreconditionError("player already started");
  const absl::Status off = outputs_->AllOff(0);
  if (!off.ok()) return off;
  dark_ = true;
  running_ = true;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
  return absl::OkStatus();
}

void Player::Stop() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    if (!running_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  std::lock_guard<std::mutex> lk(mu_);
  buffer_.Clear();
  AllOffLocked(0);
  running_ = false;
}

void Player::StartShow(const ShowParams& show) {
  {
    std::lock_guard<std::mutex> lk(mu_);
    const ShowParams& cur = buffer_.show();
    if (buffer_.has_show() && cur.show_id == show.show_id && cur.start_ns == show.start_ns &&
        cur.frame_period_ns == show.frame_period_ns) {
      return;  // a repeat (e.g. after reconnecting): keep what we hold
    }
    if (!dark_) AllOffLocked(0);  // the old show's lights must not linger
    buffer_.Reset(show);
    stats_.show_id = show.show_id;
    stats_.last_frame = -1;
  }
  cv_.notify_all();
}

size_t Player::AddFrames(std::string_view show_id, const std::vector<FrameItem>& frames) {
  size_t n = 0;
  {
    std::lock_guard<std::mutex> lk(mu_);
    n = buffer_.Add(show_id, frames);
  }
  if (n > 0) cv_.notify_all();
  return n;
}

bool Player::StopShow(std::string_view show_id) {
  {
    std::lock_guard<std::mutex> lk(mu_);
    if (!show_id.empty() && (!buffer_.has_show() || buffer_.show().show_id != show_id)) {
      return false;
    }
    buffer_.Clear();
    stats_.show_id.clear();
    AllOffLocked(0);  // at once, from the caller's thread
  }
  cv_.notify_all();
  return true;
}

PlayerStats Player::Stats() const {
  std::lock_guard<std::mutex> lk(mu_);
  PlayerStats s = stats_;
  s.buffered = buffer_.size();
  return s;
}

std::vector<double> Player::TakeApplyErrors() {
  std::lock_guard<std::mutex> lk(mu_);
  std::vector<double> out;
  out.swap(apply_errors_);
  return out;
}

int64_t Player::PeriodLocked() const {
  const int64_t p = buffer_.show().frame_period_ns;
  return p > 0 ? p : config_.default_frame_period_ns;
}

void Player::AllOffLocked(int64_t scheduled_ns) {
  const absl::Status st = outputs_->AllOff(scheduled_ns);
  if (!st.ok()) {
    ++stats_.output_errors;
    Log(absl::StrCat("turning outputs off failed: ", st.message()));
  }
  dark_ = true;
}

void Player::ApplyLocked(const FrameItem& frame, int64_t due_ns) {
  const absl::Status st = outputs_->Set(frame.mask, FrameStamp{frame.index, due_ns});
  const int64_t applied_ns = NowRealtimeNs();
  dark_ = false;
  last_due_ns_ = due_ns;
  stats_.last_frame = frame.index;
  if (!st.ok()) {
    // Count and log sparsely: a broken output would otherwise flood the log.
    if (stats_.output_errors++ % 1000 == 0) Log(absl::StrCat("output failed: ", st.message()));
    return;
  }
  ++stats_.frames_applied;
  if (applied_ns - due_ns > config_.late_margin_ns) ++stats_.frames_late;
  if (apply_errors_.size() < config_.max_apply_errors) {
    apply_errors_.push_back(static_cast<double>(applied_ns - due_ns) * 1e-9);
  }
}

void Player::Run() {
  if (config_.realtime_priority > 0) {
    // Real-time priority keeps the apply error small when the CPU is busy; the
    // thread sleeps between frames, so it cannot starve the system.
    sched_param sp{};
    sp.sched_priority = config_.realtime_priority;
    const int err = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
    Log(err == 0 ? absl::StrCat("frame scheduler at real-time priority ", config_.realtime_priority)
                 : "frame scheduler at normal priority (real-time not permitted)");
  }
  std::unique_lock<std::mutex> lk(mu_);
  while (!stopping_) {
    const int64_t now = NowRealtimeNs();
    const int64_t shift = clock_offset_() + config_.offset_ns;
    const int64_t period = PeriodLocked();
    const int64_t tolerance = static_cast<int64_t>(config_.drop_tolerance_periods * period);
    // Drop frames that are superseded by a newer due frame or too late to show.
    while (const FrameItem* f = buffer_.Front()) {
      const FrameItem* next = buffer_.Second();
      const bool superseded = next != nullptr && next->present_ns + shift <= now;
      if (!superseded && now - (f->present_ns + shift) <= tolerance) break;
      ++stats_.frames_dropped;
      buffer_.PopFront();
    }
    const FrameItem* front = buffer_.Front();
    const int64_t next_due = front ? front->present_ns + shift : kNever;
    const int64_t safe_off = config_.safe_off_ns > 0
                                 ? config_.safe_off_ns
                                 : static_cast<int64_t>(config_.safe_off_periods * period);
    const int64_t off_due = dark_ ? kNever : last_due_ns_ + safe_off;
    if (off_due <= now && off_due < next_due) {
      ++stats_.safe_offs;
      AllOffLocked(off_due);
      continue;
    }
    if (next_due <= now) {
      const FrameItem frame = *front;
      buffer_.PopFront();
      ApplyLocked(frame, next_due);
      continue;
    }
    const int64_t target = std::min(next_due, off_due);
    const int64_t wait_ns = target == kNever ? kMaxIdleWaitNs : target - now;
    if (wait_ns > config_.precise_window_ns) {
      const int64_t coarse = std::min(wait_ns - config_.precise_window_ns, kMaxIdleWaitNs);
      cv_.wait_for(lk, std::chrono::nanoseconds(coarse));
      continue;
    }
    // Close to the time: a precise, short, unlocked wait; re-check afterwards in
    // case a stop or a new show arrived meanwhile.
    lk.unlock();
    SleepUntilRealtimeNs(target);
    lk.lock();
  }
}

}  // namespace ls::agent
