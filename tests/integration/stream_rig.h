#pragma once
/// A server that can be killed and restarted on the same port, sim agents with
/// any flags, and the sim CSV reader: the rig of the streaming and fault tests.
/// Not thread-safe: one test thread drives it.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness.h"
#include "nlohmann/json.hpp"

namespace ls::it {

/// One line of a sim agent's CSV (`frame,scheduled_ns,applied_ns,mask`).
struct SimRow {
  long frame = 0;
  long long scheduled_ns = 0;
  long long applied_ns = 0;
  int mask = 0;
};
/// A proto-JSON int64 (a string) or a plain number.
long long I64(const nlohmann::json& v);

/// Rows of a sim CSV (header skipped; a partly written last line is ignored).
std::vector<SimRow> ReadSim(const std::string& path);

class StreamRig;

/// Checks the applied frames of one play of a `frames`-frame show: indices in
/// range and strictly increasing, and every frame not applied counted by the
/// agent as dropped. The test machines are VMs whose vCPUs stall for 20-300 ms
/// now and then, even under a real-time thread; the agent then skips the frames
/// whose slot passed rather than replay them late. Up to 10 % may be skipped;
/// a frame lost on the way shows as missing and uncounted.
/// `lsctl_flags` reach the server (e.g. --ca for TLS).
void ExpectEveryFrameAccounted(StreamRig& rig, const std::string& agent, const std::vector<SimRow>& applied,
                               int frames, const std::vector<std::string>& lsctl_flags = {});

/// True once the agent went dark after applying one of the show's last frames
/// (the very last one may have been skipped, see below).
bool ShowEnded(const std::vector<SimRow>& rows, int frames);

class StreamRig {
 public:
  /// Starts a server on 127.0.0.1:0 with `server_flags` appended.
  explicit StreamRig(std::vector<std::string> server_flags = {});
  ~StreamRig();

  /// Starts the server again on the port it had (after KillServer); returns
  /// when it prints its address. Throws when it does not come up.
  void RestartServer();
  /// Sends `sig` and reaps the server.
  void KillServer(int sig);
  Process& server() { return *server_; }

  /// Starts a sim agent (CSV at dir/ID.csv) with extra flags; waits until the
  /// server lists it connected when `wait` is set.
  Process& StartAgent(const std::string& id, const std::vector<std::string>& flags = {},
                      bool wait = true);
  Process& agent(const std::string& id) { return *agents_.at(id); }
  std::string SimPath(const std::string& id) const { return dir_.File(id + ".csv"); }
  std::string AgentLog(const std::string& id) const { return ReadAll(dir_.File(id + ".err")); }

  /// `lsctl --json agents` → id → AgentInfo JSON (empty when the call fails).
  std::map<std::string, nlohmann::json> Agents(const std::vector<std::string>& lsctl_flags = {});
  bool WaitConnected(const std::string& id, bool connected, std::chrono::milliseconds timeout);

  RunResult Lsctl(const std::vector<std::string>& args, int timeout_s = 60);
  nlohmann::json LsctlJson(const std::vector<std::string>& args, int* exit_code = nullptr);
  /// Submits a synthesized tune; returns the song JSON of `lsctl submit`.
  nlohmann::json SubmitTune(double seconds, uint32_t seed = 7);
  /// The stored masks of a show (one byte per frame per 8 channels).
  std::string ShowMasks(const std::string& show_id) const;

  const std::string& address() const { return address_; }
  std::string data_dir() const { return dir_.File("data"); }
  std::string token_file() const { return dir_.File("data/token"); }
  TempDir& dir() { return dir_; }
  std::string server_log() const;

 private:
  void StartServer(const std::string& listen);

  TempDir dir_;
  std::vector<std::string> flags_;
  std::unique_ptr<Process> server_;
  int starts_ = 0;
  std::map<std::string, std::unique_ptr<Process>> agents_;
  std::string address_;
};

}  // namespace ls::it
