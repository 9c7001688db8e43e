#pragma once
/// A TCP relay under a test's control, put between a real client and a real
/// server to play a hostile network (this machine's kernel has no netem):
/// added latency with jitter, a stall (bytes stop, the connection stays open:
/// no FIN, no RST), a reset (RST on every open connection), refusing new
/// connections (the link is down) and a slow reader.
/// Thread-safe: the setters may be called from any thread while it relays.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ls::testutil {

class FaultRelay {
 public:
  /// Listens on 127.0.0.1:0 and relays each connection to `upstream`
  /// ("HOST:PORT", an IPv4 address). Throws std::runtime_error when it cannot listen.
  explicit FaultRelay(const std::string& upstream);
  ~FaultRelay();
  FaultRelay(const FaultRelay&) = delete;
  FaultRelay& operator=(const FaultRelay&) = delete;

  /// "127.0.0.1:PORT" for the client to dial.
  const std::string& address() const { return address_; }

  /// Each chunk is held min..max (uniform) before it is passed on, both ways;
  /// bytes keep their order. 0, 0 = no delay.
  void SetDelay(std::chrono::milliseconds min, std::chrono::milliseconds max);
  /// While stalled nothing is read or written either way; connections stay open.
  void SetStalled(bool stalled);
  /// Sends RST on every open connection (both sides).
  void ResetAll();
  /// While refusing, new connections are reset at once (the link is down).
  void SetRefusing(bool refusing);
  /// Bytes per second read from each side (0 = unlimited): a slow reader.
  void SetReadRate(size_t bytes_per_second);

  /// Connections accepted so far (refused ones included).
  int accepted() const { return accepted_.load(); }

 private:
  struct Conn;
  void AcceptLoop();
  void Pump(std::shared_ptr<Conn> conn, bool upstream_bound);
  std::chrono::microseconds NextDelay();

  int listen_fd_ = -1;
  std::string address_;
  std::string upstream_host_;
  int upstream_port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> stalled_{false};
  std::atomic<bool> refusing_{false};
  std::atomic<size_t> read_rate_{0};
  std::atomic<int> accepted_{0};
  std::mutex mu_;  // guards delays_, rng_state_, conns_, threads_
  std::chrono::milliseconds delay_min_{0}, delay_max_{0};
  uint64_t rng_state_ = 0x9e3779b97f4a7c15ull;
  std::vector<std::weak_ptr<Conn>> conns_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace ls::testutil
