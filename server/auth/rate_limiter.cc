#include "auth/rate_limiter.h"

#include <algorithm>

namespace ls::auth {

RateLimiter::RateLimiter(double per_minute, double burst, Clock now)
    : per_minute_(per_minute), burst_(burst), now_(std::move(now)) {
  if (!now_) now_ = [] { return std::chrono::steady_clock::now(); };
}

void RateLimiter::Refill(Bucket& b, std::chrono::steady_clock::time_point now) const {
  double minutes = std::chrono::duration<double>(now - b.last).count() / 60.0;
  b.tokens = std::min(burst_, b.tokens + minutes * per_minute_);
  b.last = now;
}

bool RateLimiter::Allow(const std::string& key) {
  auto now = now_();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= kMaxKeys) {
      // Forget buckets that have refilled: they hold no information.
      for (auto b = buckets_.begin(); b != buckets_.end();) {
        Refill(b->second, now);
        b = b->second.tokens >= burst_ ? buckets_.erase(b) : std::next(b);
      }
      if (buckets_.size() >= kMaxKeys) return false;  // a flood from many hosts: refuse new ones
    }
    it = buckets_.emplace(key, Bucket{burst_, now}).first;
  }
  Refill(it->second, now);
  if (it->second.tokens < 1.0) return false;
  it->second.tokens -= 1.0;
  return true;
}

std::string PeerHost(const std::string& peer) {
  std::string rest;
  if (peer.rfind("ipv4:", 0) == 0) {
    rest = peer.substr(5);
    return rest.substr(0, rest.rfind(':'));
  }
  if (peer.rfind("ipv6:", 0) == 0) {
    rest = peer.substr(5);
    if (!rest.empty() && rest[0] == '[') {
      auto close = rest.find(']');
      if (close != std::string::npos) return rest.substr(1, close - 1);
    }
    return rest.substr(0, rest.rfind(':'));
  }
  return peer;
}

}  // namespace ls::auth
