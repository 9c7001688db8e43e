#include "link/clock_sync.h"

namespace ls::agent {

std::optional<ClockSample> ComputeClockSample(int64_t t1, int64_t t2, int64_t t3, int64_t t4) {
  ClockSample s;
  // Differences first: epoch-scale sums would overflow int64. A pong with wild
  // times (a broken or hostile server) could still overflow: such a sample is
  // rejected, never wrapped around into a plausible offset.
  int64_t agent_span, server_span, up, down, sum;
  if (__builtin_sub_overflow(t4, t1, &agent_span) || __builtin_sub_overflow(t3, t2, &server_span) ||
      __builtin_sub_overflow(agent_span, server_span, &s.rtt_ns) || __builtin_sub_overflow(t1, t2, &up) ||
      __builtin_sub_overflow(t4, t3, &down) || __builtin_add_overflow(up, down, &sum)) {
    return std::nullopt;
  }
  if (s.rtt_ns < 0) return std::nullopt;
  s.offset_ns = sum / 2;
  return s;
}

bool ClockSync::AddExchange(int64_t t1, int64_t t2, int64_t t3, int64_t t4) {
  const std::optional<ClockSample> s = ComputeClockSample(t1, t2, t3, t4);
  if (!s) return false;
  std::lock_guard<std::mutex> lk(mu_);
  samples_.push_back(*s);
  while (samples_.size() > window_) samples_.pop_front();
  best_ = samples_.front();
  for (const ClockSample& c : samples_) {
    if (c.rtt_ns < best_.rtt_ns) best_ = c;
  }
  have_ = true;
  return true;
}

int64_t ClockSync::OffsetNs() const {
  std::lock_guard<std::mutex> lk(mu_);
  return have_ ? best_.offset_ns : 0;
}

int64_t ClockSync::RttNs() const {
  std::lock_guard<std::mutex> lk(mu_);
  return have_ ? best_.rtt_ns : 0;
}

std::optional<ClockSample> ClockSync::Best() const {
  std::lock_guard<std::mutex> lk(mu_);
  if (!have_) return std::nullopt;
  return best_;
}

}  // namespace ls::agent
