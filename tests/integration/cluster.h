#pragma once
/// A real server (and optionally sim agents) on 127.0.0.1:0 in a temp data dir,
/// plus lsctl runs against it.

#include <memory>
#include <string>
#include <vector>

#include "harness.h"
#include "nlohmann/json.hpp"

namespace ls::it {

class Cluster {
 public:
  /// Starts the server; extra flags are appended (e.g. {"--max-upload-mb", "2"}).
  explicit Cluster(const std::vector<std::string>& server_flags = {});
  ~Cluster();

  /// Starts a sim agent writing its CSV to sim_path; waits until the server lists it.
  void StartAgent(const std::string& id, const std::string& sim_path);
  Process& agent(size_t i) { return *agents_.at(i); }
  Process& server() { return *server_; }

  /// Runs lsctl with --server/--token-file of this cluster.
  RunResult Lsctl(const std::vector<std::string>& args, int timeout_s = 60);
  /// Runs lsctl with --json and parses stdout (fails the test on bad JSON).
  nlohmann::json LsctlJson(const std::vector<std::string>& args, int* exit_code = nullptr);

  const std::string& address() const { return address_; }
  const std::string& metrics_address() const { return metrics_address_; }
  std::string data_dir() const { return dir_.File("data"); }
  std::string token_file() const { return dir_.File("data/token"); }
  TempDir& dir() { return dir_; }
  std::string server_log() const { return ReadAll(dir_.File("server.err")); }

 private:
  TempDir dir_;
  std::unique_ptr<Process> server_;
  std::vector<std::unique_ptr<Process>> agents_;
  std::string address_;
  std::string metrics_address_;
};

/// Runs lsctl against `server` with `token_file`, bounded by `timeout_s`.
RunResult RunLsctl(const std::string& server, const std::string& token_file,
                   const std::vector<std::string>& args, int timeout_s = 60);
/// The same with --json, parsing stdout (fails the test on bad JSON).
nlohmann::json RunLsctlJson(const std::string& server, const std::string& token_file,
                            const std::vector<std::string>& args, int* exit_code = nullptr);

/// Writes a WAV of MakeTune(seconds) and returns its bytes.
std::string WriteTune(const std::string& path, double seconds, uint32_t seed = 7);

}  // namespace ls::it
