#pragma once
/// Keeps the agent connected to the server: dials, runs a LinkSession, and after the
/// stream breaks (or the server is down) waits with exponential backoff + jitter
/// (0.1 s → 5 s, reset after a Welcome) and dials again, forever until Stop().
///
/// Each attempt uses a fresh channel (TLS when configured, else plaintext) with keepalive,
/// so a restarted server is reached on the next attempt rather than after gRPC's own
/// channel backoff. The token file is re-read before each attempt (a rotated token
/// is picked up); if it became unreadable the last good token is used.
/// Thread-safety: Start/Stop from one owner thread; connected()/sessions() anywhere.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <grpcpp/channel.h>

#include "absl/status/status.h"
#include "link/clock_sync.h"
#include "link/link_config.h"
#include "player/player.h"

namespace ls::agent {

class LinkSession;

class LinkClient {
 public:
  /// `token` is the already validated initial token. `player` and `clock` must
  /// outlive the client.
  LinkClient(const LinkConfig& config, std::string token, Player* player, ClockSync* clock);
  ~LinkClient();
  LinkClient(const LinkClient&) = delete;
  LinkClient& operator=(const LinkClient&) = delete;

  /// Starts the connection thread.
  void Start();
  /// Cancels the current stream and joins the thread (within ~connect poll time).
  void Stop();

  /// True while a session is welcomed by the server.
  bool connected() const { return connected_.load(); }
  /// Number of sessions that got a Welcome so far.
  int welcomes() const { return welcomes_.load(); }
  /// Failed or ended attempts so far (each followed by a backoff wait).
  int failed_attempts() const { return failed_attempts_.load(); }

 private:
  void Loop();
  /// Waits until the channel is READY, the timeout passes or Stop(); false = not ready.
  bool WaitReady(grpc::Channel& channel, std::string* state);

  const LinkConfig config_;
  std::string token_;
  Player* const player_;
  ClockSync* const clock_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::shared_ptr<LinkSession> session_;
  std::atomic<bool> connected_{false};
  std::atomic<int> welcomes_{0};
  std::atomic<int> failed_attempts_{0};
  std::thread thread_;
};

}  // namespace ls::agent
