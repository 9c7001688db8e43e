#pragma once
/// Reconnect delays: exponential growth from `initial` to `max`, with jitter so a
/// fleet of agents doesn't reconnect in lock-step after a server restart.
/// Delay n (0-based) is uniform in [0.5, 1.0] × min(max, initial × 2^n).
/// Thread-safety: not thread-safe (one per connection loop).

#include <cstdint>
#include <random>

namespace ls::agent {

class Backoff {
 public:
  Backoff(int64_t initial_ns, int64_t max_ns, uint64_t seed);

  /// The next delay in ns; grows with each call until Reset().
  int64_t NextNs();
  /// Back to the initial delay (after a successful connection).
  void Reset() { attempt_ = 0; }

 private:
  int64_t initial_ns_;
  int64_t max_ns_;
  int attempt_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace ls::agent
