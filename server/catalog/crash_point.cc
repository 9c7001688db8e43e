#include "catalog/crash_point.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace ls::catalog {

void CrashPoint(const char* name) {
  const char* want = std::getenv("LIGHTSHOW_TEST_CRASH_AT");
  if (want == nullptr || std::strcmp(want, name) != 0) return;
  // Say where we died so a failing test's log explains itself; write(2) is
  // unbuffered, so this survives the kill.
  const char* msg = "lightshow: LIGHTSHOW_TEST_CRASH_AT reached, killing the process: ";
  (void)!::write(2, msg, std::strlen(msg));
  (void)!::write(2, name, std::strlen(name));
  (void)!::write(2, "\n", 1);
  ::kill(::getpid(), SIGKILL);
}

}  // namespace ls::catalog
