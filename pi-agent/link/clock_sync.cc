#include "link/clock_sync.h"

namespace ls::agent {

std::optional<ClockSample> ComputeClockSample(int64_t t1, int64_t t2, int64_t t3, int64_t t4) {
  ClockSample s;
  s.rtt_ns = (t4 - t1) - (t3 - t2);
  if (s.rtt_ns < 0) return std::nullopt;
  // Differences first: epoch-scale sums would overflow int64.
  s.offset_ns = ((t1 - t2) + (t4 - t3)) / 2;
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
