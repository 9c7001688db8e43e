#pragma once
/// Who is connected: one entry per agent id, with its live session (if any),
/// assignment and last reported stats. Thread-safe (one mutex); sessions are
/// only touched under that mutex, and a session detaches itself before it dies.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "lightshow/v1/agent_link.pb.h"
#include "lightshow/v1/control.pb.h"

namespace ls::stream {

class AgentSession;

class AgentRegistry {
 public:
  /// Called (outside the registry lock) whenever an agent attaches or detaches.
  using Listener = std::function<void(const std::string& id, bool connected)>;

  AgentRegistry() = default;
  AgentRegistry(const AgentRegistry&) = delete;
  AgentRegistry& operator=(const AgentRegistry&) = delete;

  void SetListener(Listener l);
  /// Called (outside the registry lock) with every stats report a connected
  /// agent sends, e.g. to feed metrics.
  using StatsListener = std::function<void(const std::string& id, const lightshow::v1::AgentStats& stats)>;
  void SetStatsListener(StatsListener l);

  /// Registers a session for hello.agent_id; an older session of the same id is closed.
  /// Returns the agent's group.
  uint32_t Attach(AgentSession* session, const lightshow::v1::Hello& hello, const std::string& peer);
  /// Forgets `session` if it is still the agent's current one.
  void Detach(const std::string& id, AgentSession* session);

  /// Queues a message to a connected agent; false if it is not connected.
  bool Send(const std::string& id, const lightshow::v1::ServerMessage& msg);
  /// Connection generation: changes on every (re)attach, 0 when disconnected.
  uint64_t Generation(const std::string& id) const;
  /// The agent's assigned group; 0 for an agent with no assignment that has
  /// been seen, nullopt for one never seen nor assigned.
  std::optional<uint32_t> Group(const std::string& id) const;
  /// Sets an agent's group (connected or not). Shows pick it up at their next
  /// ShowStart to that agent. Returns the agent's info (connected=false, only
  /// id and group set, when it was never seen).
  /// The agent's own audio-to-light offset (from its Hello) in ns; 0 if unknown.
  int64_t AgentOffsetNs(const std::string& id) const;
  lightshow::v1::AgentInfo Assign(const std::string& id, uint32_t group);

  void UpdateStats(const std::string& id, const lightshow::v1::AgentStats& stats);
  std::vector<std::string> ConnectedIds() const;
  std::vector<lightshow::v1::AgentInfo> List() const;
  size_t ConnectedCount() const;

  /// Closes every session (server shutdown).
  void CloseAll();
  /// Closes the streams of agents that connected with the token named
  /// `token_name` (it was revoked): UNAUTHENTICATED. Returns how many.
  size_t CloseByToken(const std::string& token_name);

 private:
  struct Entry {
    lightshow::v1::AgentInfo info;
    AgentSession* session = nullptr;
    uint64_t generation = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, Entry> agents_;
  std::map<std::string, uint32_t> groups_;  // assignments, also for agents not seen yet
  uint64_t next_generation_ = 1;
  Listener listener_;
  StatsListener stats_listener_;
};

}  // namespace ls::stream
