#pragma once
/// Process and file helpers for the end-to-end tests: spawn a real binary with
/// its output in files, wait with timeouts, read files, make temp dirs.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "temp_dir.h"
#include "wait_for.h"

namespace ls::it {

/// Path of a built executable in build/bin.
std::string Bin(const std::string& name);

using TempDir = ::ls::testutil::TempDir;

/// A child process; stdout/stderr go to files. The destructor kills it (SIGKILL)
/// if it is still running.
class Process {
 public:
  Process(const std::vector<std::string>& argv, const std::string& stdout_path,
          const std::string& stderr_path, const std::vector<std::string>& extra_env = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  bool Running();
  void Signal(int sig);
  /// Waits for exit; returns the exit code (128+signal if killed), or -1 on timeout.
  int Wait(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs a command to completion (bounded by `timeout`) and captures its output.
RunResult Run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
              const std::vector<std::string>& extra_env = {});

std::string ReadAll(const std::string& path);
/// Writes `data` to `path` with mode 0600 (token files must be private).
void WriteAll(const std::string& path, const std::string& data);
std::vector<std::string> ReadLines(const std::string& path);

/// Polls a condition until true or a bound passes (tests/support/wait_for.h).
using ::ls::testutil::WaitFor;

/// Whether `lsctl --json agents` output (text or parsed) lists `id` as connected.
bool AgentConnected(const nlohmann::json& agents_reply, const std::string& id);
bool AgentConnected(const std::string& agents_json, const std::string& id);

}  // namespace ls::it
