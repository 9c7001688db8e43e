#pragma once
/// Fork-join over a fixed set of threads: Run(n, fn) calls fn(0..n-1)
/// concurrently (the caller runs fn(0)) and returns when all have finished.
///
/// Idle workers spin for a few tens of microseconds, then sleep on a
/// condition variable. OpenMP's default (spin for ~0.3 ms) made data-parallel
/// training 3x slower than one thread on a busy shared machine: a preempted
/// worker kept its partner spinning for whole scheduler slices.
///
/// Thread-safety: Run() is called by one thread at a time (the owner).
/// Owns threads, so it is neither copyable nor movable.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ls::nn {

class WorkerPool {
 public:
  /// `threads` participants in total, including the calling thread.
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int size() const { return static_cast<int>(workers_.size()) + 1; }

  /// Runs fn(t) for t in [0, n), n <= size(); fn(0) on the calling thread.
  void Run(int n, const std::function<void(int)>& fn);

 private:
  void WorkerLoop(int index);

  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> pending_{0};
  const std::function<void(int)>* job_ = nullptr;
  int job_threads_ = 0;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace ls::nn
