#include "link/backoff.h"

#include <algorithm>

namespace ls::agent {

Backoff::Backoff(int64_t initial_ns, int64_t max_ns, uint64_t seed)
    : initial_ns_(std::max<int64_t>(initial_ns, 1)),
      max_ns_(std::max(max_ns, std::max<int64_t>(initial_ns, 1))),
      rng_(seed) {}

int64_t Backoff::NextNs() {
  int64_t ceiling = initial_ns_;
  for (int i = 0; i < attempt_ && ceiling < max_ns_; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, max_ns_);
  if (attempt_ < 62) ++attempt_;
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  return static_cast<int64_t>(static_cast<double>(ceiling) * jitter(rng_));
}

}  // namespace ls::agent
