#pragma once
/// A fixed pool of worker threads for heavy work (decode, STFT, render,
/// training) so gRPC callbacks return at once. Thread-safe; non-copyable.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ls::jobs {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);
  /// Runs every queued task, then joins the workers.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// Queues a task; returns false once the pool is shutting down.
  bool Submit(std::function<void()> task);
  /// Tasks queued or running.
  size_t Pending() const;
  /// Forgets the tasks not started yet (running ones finish) and refuses new
  /// ones; returns how many were dropped. For batch work that a bounded
  /// shutdown leaves to the next start.
  size_t DropQueued();

 private:
  void Work();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace ls::jobs
