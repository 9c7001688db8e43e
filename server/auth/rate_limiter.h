#pragma once
/// A token bucket per key (the agent's peer IP): `burst` connections at once,
/// refilled at `per_minute`. Bounds how fast one host can open AgentLink
/// streams (a reconnect storm, or token guessing), without slowing the
/// normal reconnect backoff of real agents.
/// Thread-safe: one mutex; at most kMaxKeys buckets (idle full ones are dropped).

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ls::auth {

class RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  static constexpr size_t kMaxKeys = 4096;

  /// per_minute ≥ 1, burst ≥ 1. `now` defaults to steady_clock (tests pass a fake).
  RateLimiter(double per_minute, double burst, Clock now = nullptr);

  /// True if `key` may go ahead now (and takes one token).
  bool Allow(const std::string& key);

  double per_minute() const { return per_minute_; }
  double burst() const { return burst_; }

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  void Refill(Bucket& b, std::chrono::steady_clock::time_point now) const;

  const double per_minute_;
  const double burst_;
  Clock now_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

/// The IP part of a gRPC peer string: "ipv4:1.2.3.4:5678" → "1.2.3.4",
/// "ipv6:[::1]:5678" → "::1"; anything else is returned whole.
std::string PeerHost(const std::string& peer);

}  // namespace ls::auth
