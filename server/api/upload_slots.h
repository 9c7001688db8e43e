#pragma once
/// A fixed number of upload slots: each Upload holds one from its first
/// message to its reply, so N uploads can buffer at most N × --max-upload-mb.
/// Thread-safe (atomic counter).

#include <atomic>

namespace ls::api {

class UploadSlots {
 public:
  explicit UploadSlots(int limit) : limit_(limit) {}
  UploadSlots(const UploadSlots&) = delete;
  UploadSlots& operator=(const UploadSlots&) = delete;

  /// Takes a slot if one is free.
  bool TryAcquire() {
    int n = used_.load();
    while (n < limit_) {
      if (used_.compare_exchange_weak(n, n + 1)) return true;
    }
    return false;
  }
  void Release() { used_.fetch_sub(1); }
  int limit() const { return limit_; }

 private:
  const int limit_;
  std::atomic<int> used_{0};
};

}  // namespace ls::api
