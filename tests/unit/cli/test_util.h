#pragma once
/// Helpers for the lsctl tests: temp dirs, files, and running lsctl in-process.

#include <string>
#include <vector>

#include "temp_dir.h"

namespace ls::cli::testing {

using TempDir = ::ls::testutil::TempDir;

void WriteFile(const std::string& path, const std::string& data);

/// Deterministic pseudo-random bytes.
std::string RandomBytes(size_t n, unsigned seed);

/// What one lsctl run produced.
struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs RunLsctl with `args` (argv[0] added); streams are not terminals
/// unless `tty` is set.
Result Lsctl(const std::vector<std::string>& args, bool tty = false);

/// Sets an environment variable for the scope, restoring the old value.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value);  // value nullptr = unset
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  bool had_ = false;
  std::string old_;
};

}  // namespace ls::cli::testing
