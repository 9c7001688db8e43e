#include "common/clock.h"

#include <time.h>

namespace ls {

static int64_t Read(clockid_t id) {
  timespec ts{};
  clock_gettime(id, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

int64_t NowUnixNs() { return Read(CLOCK_REALTIME); }
int64_t NowUnixMs() { return Read(CLOCK_REALTIME) / 1000000; }
int64_t NowMonotonicNs() { return Read(CLOCK_MONOTONIC); }

}  // namespace ls
