#pragma once
// A tiny in-process AgentLink server for the agent's tests: checks the bearer token,
// answers Hello with Welcome and pings with pongs, records stats, and lets the test
// push ShowStart / FrameBatch / ShowStop to the connected agent.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include <grpcpp/grpcpp.h>

#include "lightshow/v1/agent_link.grpc.pb.h"

namespace ls::agent::testing {

class FakeAgentLinkServer {
 public:
  /// Listens on 127.0.0.1:`port` (0 = pick one). Aborts the test on failure.
  FakeAgentLinkServer(std::string token, int port = 0);
  ~FakeAgentLinkServer();
  FakeAgentLinkServer(const FakeAgentLinkServer&) = delete;
  FakeAgentLinkServer& operator=(const FakeAgentLinkServer&) = delete;

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  /// Ends every stream and stops listening.
  void Shutdown();

  /// Sends to the connected agent; false if none.
  bool Send(const lightshow::v1::ServerMessage& msg);

  void set_answer_pings(bool on) { answer_pings_ = on; }
  int attempts() const { return attempts_.load(); }
  int rejected() const { return rejected_.load(); }
  int hellos() const { return hellos_.load(); }
  int pongs() const { return pongs_.load(); }
  int heartbeats() const { return heartbeats_.load(); }
  bool connected() const;
  lightshow::v1::Hello last_hello() const;
  lightshow::v1::AgentStats last_stats() const;
  int stats_count() const { return stats_count_.load(); }

 private:
  class Service;
  using Stream =
      grpc::ServerReaderWriter<lightshow::v1::ServerMessage, lightshow::v1::AgentMessage>;
  grpc::Status Handle(grpc::ServerContext* ctx, Stream* stream);

  const std::string token_;
  int port_ = 0;
  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  mutable std::mutex mu_;
  Stream* stream_ = nullptr;  // the connected agent's stream; writes under mu_
  lightshow::v1::Hello last_hello_;
  lightshow::v1::AgentStats last_stats_;
  std::atomic<bool> answer_pings_{true};
  std::atomic<int> attempts_{0}, rejected_{0}, hellos_{0}, pongs_{0}, heartbeats_{0},
      stats_count_{0};
};

/// Helpers to build server messages.
lightshow::v1::ServerMessage MakeStart(const std::string& show_id, int64_t start_ns,
                                       int64_t period_ns, uint32_t count);
lightshow::v1::ServerMessage MakeFrames(const std::string& show_id, uint32_t first,
                                        uint32_t count, int64_t start_ns, int64_t period_ns,
                                        bool last);
lightshow::v1::ServerMessage MakeStop(const std::string& show_id, const std::string& reason);
/// The mask the helpers give frame i.
uint32_t TestMask(uint32_t i);

}  // namespace ls::agent::testing
