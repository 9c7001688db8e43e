#include "nn/worker_pool.h"

namespace ls::nn {
namespace {

// ~20-40 us of polling before sleeping: long enough to bridge the gap
// between two phases of a training step, short enough not to steal a busy
// machine's cores.
constexpr int kSpinIterations = 2000;

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

}  // namespace

WorkerPool::WorkerPool(int threads) {
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this, i] { WorkerLoop(i); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    generation_.fetch_add(1);
  }
  work_cv_.notify_all();
  for (auto& t : workers_) t.join();
}

void WorkerPool::Run(int n, const std::function<void(int)>& fn) {
  if (n <= 1 || workers_.empty()) {
    fn(0);
    return;
  }
  if (n > size()) n = size();
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = &fn;
    job_threads_ = n;
    pending_.store(n - 1);
    generation_.fetch_add(1);
  }
  work_cv_.notify_all();
  fn(0);
  for (int i = 0; i < kSpinIterations && pending_.load(std::memory_order_acquire) != 0; ++i) {
    CpuRelax();
  }
  if (pending_.load(std::memory_order_acquire) != 0) {
    std::unique_lock<std::mutex> lock(mu_);
    done_cv_.wait(lock, [this] { return pending_.load() == 0; });
  }
}

void WorkerPool::WorkerLoop(int index) {
  uint64_t seen = 0;
  for (;;) {
    for (int i = 0; i < kSpinIterations && generation_.load(std::memory_order_acquire) == seen; ++i) {
      CpuRelax();
    }
    const std::function<void(int)>* job;
    int threads;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] { return generation_.load() != seen; });
      seen = generation_.load();
      if (stop_) return;
      job = job_;
      threads = job_threads_;
    }
    if (index >= threads) continue;  // not part of this (smaller) job
    (*job)(index);
    if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      // Lock so the waiter cannot miss the notification between its check and wait.
      std::lock_guard<std::mutex> lock(mu_);
      done_cv_.notify_one();
    }
  }
}

}  // namespace ls::nn
