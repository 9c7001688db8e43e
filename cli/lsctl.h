#pragma once
/// lsctl entry point, callable from main() and from tests.

#include <ostream>

namespace ls::cli {

/// Where lsctl writes, and whether each stream is an interactive terminal
/// (progress bars and live views are drawn only on terminals).
struct Io {
  std::ostream& out;
  std::ostream& err;
  bool out_tty = false;
  bool err_tty = false;
  int columns = 0;  ///< terminal width for live lines; 0 = unknown (no truncation)
};

/// Parses `argv` and runs one lsctl command. Returns the process exit code:
/// 0 success, 1 the command failed (server or local error), 2 usage error.
/// Reads LIGHTSHOW_DATA_DIR and HOME for defaults. Not thread-safe with
/// concurrent environment changes; otherwise keeps no state between calls.
int RunLsctl(int argc, char** argv, const Io& io);

/// Same, with neither stream treated as a terminal (what tests want).
int RunLsctl(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace ls::cli
