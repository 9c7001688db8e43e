#include "base/clock.h"

#include <cerrno>
#include <ctime>

namespace ls::agent {
namespace {

int64_t Read(clockid_t id) {
  timespec ts{};
  clock_gettime(id, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

}  // namespace

int64_t NowRealtimeNs() { return Read(CLOCK_REALTIME); }
int64_t NowMonotonicNs() { return Read(CLOCK_MONOTONIC); }

void SleepUntilRealtimeNs(int64_t deadline_ns) {
  if (deadline_ns <= 0) return;
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(deadline_ns / 1000000000LL);
  ts.tv_nsec = static_cast<long>(deadline_ns % 1000000000LL);
  // An absolute deadline keeps the wait exact even when a signal interrupts it.
  while (clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
  }
}

}  // namespace ls::agent
