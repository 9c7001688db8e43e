#pragma once
/// Clock helpers. Show times are CLOCK_REALTIME nanoseconds (shared with agents).

#include <cstdint>

namespace ls {

int64_t NowUnixNs();
int64_t NowUnixMs();
int64_t NowMonotonicNs();

}  // namespace ls
