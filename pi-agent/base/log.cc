#include "base/log.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <string>

#include "base/clock.h"

namespace ls::agent {

void Log(std::string_view message) {
  const int64_t now_ns = NowRealtimeNs();
  const time_t secs = static_cast<time_t>(now_ns / 1000000000LL);
  tm utc{};
  gmtime_r(&secs, &utc);
  char stamp[48];
  const size_t n = strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &utc);
  snprintf(stamp + n, sizeof(stamp) - n, ".%03dZ",
           static_cast<int>((now_ns / 1000000LL) % 1000));
  std::string line = std::string(stamp) + " lightshow-agent: ";
  line.append(message.data(), message.size());
  line.push_back('\n');
  // One write keeps concurrent lines whole; stderr is unbuffered anyway.
  const ssize_t ignored = write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

}  // namespace ls::agent
