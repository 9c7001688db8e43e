// lsctl: command-line client of lightshow-server. All logic is in ls::cli.

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli/lsctl.h"

namespace {

// Live lines use "\r" and an erase-line escape; dumb terminals get plain output.
bool IsFancyTerminal(int fd) {
  const char* term = std::getenv("TERM");
  return isatty(fd) != 0 && !(term != nullptr && std::strcmp(term, "dumb") == 0);
}

int TerminalColumns() {
  winsize ws{};
  for (const int fd : {STDOUT_FILENO, STDERR_FILENO}) {
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const ls::cli::Io io{std::cout, std::cerr, IsFancyTerminal(STDOUT_FILENO),
                       IsFancyTerminal(STDERR_FILENO), TerminalColumns()};
  return ls::cli::RunLsctl(argc, argv, io);
}
