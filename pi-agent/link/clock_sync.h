#pragma once
/// Clock offset between the agent and the server from NTP-style ping/pong samples.
///
/// One exchange: t1 agent send, t2 server receive, t3 server send, t4 agent receive.
///   rtt    = (t4 − t1) − (t3 − t2)
///   offset = ((t1 − t2) + (t4 − t3)) / 2      (agent clock − server clock)
/// The estimate is the offset of the sample with the smallest RTT among the last
/// `window` samples: queueing delays inflate RTT and skew the offset, so the
/// fastest exchange is the most trustworthy one.
/// Thread-safety: thread-safe.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace ls::agent {

struct ClockSample {
  int64_t offset_ns = 0;  ///< agent clock − server clock
  int64_t rtt_ns = 0;
};

/// The NTP formulas on one exchange. A negative RTT (clock stepped mid-exchange)
/// yields std::nullopt.
std::optional<ClockSample> ComputeClockSample(int64_t t1, int64_t t2, int64_t t3, int64_t t4);

class ClockSync {
 public:
  explicit ClockSync(size_t window = 16) : window_(window == 0 ? 1 : window) {}

  /// Adds one exchange; returns false when it was rejected (negative RTT).
  bool AddExchange(int64_t t1, int64_t t2, int64_t t3, int64_t t4);

  /// Agent clock − server clock of the best recent sample; 0 before any sample.
  int64_t OffsetNs() const;
  /// RTT of that sample; 0 before any sample.
  int64_t RttNs() const;
  /// The best recent sample, if any.
  std::optional<ClockSample> Best() const;

 private:
  const size_t window_;
  mutable std::mutex mu_;
  std::deque<ClockSample> samples_;
  ClockSample best_;
  bool have_ = false;
};

}  // namespace ls::agent
