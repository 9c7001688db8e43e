#pragma once
/// One AgentLink.Connect stream: Hello, then heartbeats, clock pings and stats on a
/// timer while the server's messages go to the player.
///
/// Threads: Run()'s caller ticks the timers and watches for a stalled stream; a
/// reader thread blocks in Read(); a writer thread drains a small outbox, so exactly
/// one Write is in flight and a blocked Write never stops the stall watchdog.
/// Cancel() (TryCancel) unblocks all of them.
/// Thread-safety: Cancel(), welcomed() are thread-safe; Run() is called once.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "lightshow/v1/agent_link.grpc.pb.h"
#include "link/clock_sync.h"
#include "link/link_config.h"
#include "link/server_messages.h"
#include "player/player.h"

namespace ls::agent {

class LinkSession {
 public:
  /// `on_welcome` runs once, on the reader thread, when the Welcome arrives.
  LinkSession(const LinkConfig& config, std::string token,
              std::shared_ptr<grpc::Channel> channel, Player* player, ClockSync* clock,
              std::function<void()> on_welcome);
  ~LinkSession();
  LinkSession(const LinkSession&) = delete;
  LinkSession& operator=(const LinkSession&) = delete;

  /// Runs the stream until it breaks, stalls or is cancelled; returns why it ended.
  absl::Status Run();
  /// Ends Run() soon (from any thread).
  void Cancel();
  /// True once the server's Welcome arrived.
  bool welcomed() const { return welcomed_.load(); }

 private:
  void ReadLoop();
  void WriteLoop();
  void Enqueue(lightshow::v1::AgentMessage msg);
  void Tick(int64_t now_mono);
  void SendPing();
  void SendStats();
  void Fail(absl::Status why);  // first reason wins; cancels the call

  const LinkConfig config_;
  const std::string token_;
  std::unique_ptr<lightshow::v1::AgentLink::Stub> stub_;
  Player* const player_;
  ClockSync* const clock_;
  const std::function<void()> on_welcome_;
  grpc::ClientContext ctx_;
  std::unique_ptr<grpc::ClientReaderWriter<lightshow::v1::AgentMessage,
                                           lightshow::v1::ServerMessage>> stream_;

  std::mutex mu_;
  std::condition_variable cv_;  // wakes the ticker and the writer
  std::deque<lightshow::v1::AgentMessage> outbox_;
  bool ending_ = false;
  bool reader_done_ = false;
  bool writer_done_ = false;
  absl::Status reason_;
  std::atomic<bool> welcomed_{false};
  std::atomic<int64_t> last_rx_mono_{0};
  SessionNews news_;  // touched by the reader thread only, copied under mu_

  int64_t heartbeat_interval_ns_;
  int64_t next_heartbeat_ = 0, next_ping_ = 0, next_stats_ = 0;
  int pings_sent_ = 0;
  uint64_t ping_seq_ = 0;
};

}  // namespace ls::agent
