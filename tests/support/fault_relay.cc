#include "fault_relay.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <stdexcept>

namespace ls::testutil {
namespace {

using Clock = std::chrono::steady_clock;

// Closing with a zero linger sends RST instead of FIN.
void CloseWithReset(int fd) {
  if (fd < 0) return;
  linger l{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
  ::close(fd);
}

bool WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        pollfd pfd{fd, POLLOUT, 0};
        ::poll(&pfd, 1, 10);
        continue;
      }
      return false;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

struct FaultRelay::Conn {
  int client = -1;
  int upstream = -1;
  std::atomic<bool> dead{false};
  ~Conn() {
    CloseWithReset(client);
    CloseWithReset(upstream);
  }
};

FaultRelay::FaultRelay(const std::string& upstream) {
  const auto colon = upstream.rfind(':');
  upstream_host_ = upstream.substr(0, colon);
  upstream_port_ = std::stoi(upstream.substr(colon + 1));
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 16) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("fault relay: cannot listen on 127.0.0.1:0");
  }
  address_ = "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

FaultRelay::~FaultRelay() {
  stop_ = true;
  acceptor_.join();
  ResetAll();
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
  ::close(listen_fd_);
}

void FaultRelay::SetDelay(std::chrono::milliseconds min, std::chrono::milliseconds max) {
  std::lock_guard<std::mutex> lock(mu_);
  delay_min_ = min;
  delay_max_ = std::max(min, max);
}

void FaultRelay::SetStalled(bool stalled) { stalled_ = stalled; }
void FaultRelay::SetRefusing(bool refusing) { refusing_ = refusing; }
void FaultRelay::SetReadRate(size_t bytes_per_second) { read_rate_ = bytes_per_second; }

void FaultRelay::ResetAll() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& w : conns_) {
    if (auto c = w.lock()) c->dead = true;  // the pumps notice within a poll and close with RST
  }
}

std::chrono::microseconds FaultRelay::NextDelay() {
  std::lock_guard<std::mutex> lock(mu_);
  const auto span = std::chrono::duration_cast<std::chrono::microseconds>(delay_max_ - delay_min_).count();
  rng_state_ ^= rng_state_ << 13;  // xorshift: jitter that repeats run to run
  rng_state_ ^= rng_state_ >> 7;
  rng_state_ ^= rng_state_ << 17;
  const int64_t jitter = span > 0 ? static_cast<int64_t>(rng_state_ % static_cast<uint64_t>(span + 1)) : 0;
  return std::chrono::duration_cast<std::chrono::microseconds>(delay_min_) + std::chrono::microseconds(jitter);
}

void FaultRelay::AcceptLoop() {
  while (!stop_) {
    pollfd pfd{listen_fd_, POLLIN, 0};
    if (::poll(&pfd, 1, 50) <= 0) continue;
    const int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    ++accepted_;
    if (refusing_) {
      CloseWithReset(client);
      continue;
    }
    const int up = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(upstream_port_));
    ::inet_pton(AF_INET, upstream_host_.c_str(), &addr.sin_addr);
    if (up < 0 || ::connect(up, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      CloseWithReset(up);
      CloseWithReset(client);
      continue;
    }
    const int one = 1;
    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ::setsockopt(up, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    auto conn = std::make_shared<Conn>();
    conn->client = client;
    conn->upstream = up;
    std::lock_guard<std::mutex> lock(mu_);
    conns_.push_back(conn);
    threads_.emplace_back([this, conn] { Pump(conn, true); });
    threads_.emplace_back([this, conn] { Pump(conn, false); });
  }
}

// One direction of one connection: read what is there, hold each chunk for
// its delay, pass it on in order. A closed side closes the other (FIN); a
// reset (dead) closes both with RST when the last pump lets go of the Conn.
void FaultRelay::Pump(std::shared_ptr<Conn> conn, bool upstream_bound) {
  const int from = upstream_bound ? conn->client : conn->upstream;
  const int to = upstream_bound ? conn->upstream : conn->client;
  std::deque<std::pair<Clock::time_point, std::string>> held;
  Clock::time_point last_due{};
  bool eof = false;
  char buf[16384];
  while (!stop_ && !conn->dead) {
    if (stalled_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    if (!eof) {
      pollfd pfd{from, POLLIN, 0};
      if (::poll(&pfd, 1, held.empty() ? 5 : 1) > 0) {
        size_t want = sizeof(buf);
        const size_t rate = read_rate_;
        if (rate > 0) want = std::max<size_t>(1, std::min(want, rate / 200));  // per 5 ms
        const ssize_t n = ::recv(from, buf, want, 0);
        if (n <= 0) {
          if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
          if (n < 0) {
            conn->dead = true;  // a reset from one side is passed on as a reset
            break;
          }
          eof = true;
        } else {
          // Non-decreasing due times keep the bytes in order under jitter.
          Clock::time_point due = std::max(Clock::now() + NextDelay(), last_due);
          last_due = due;
          held.emplace_back(due, std::string(buf, static_cast<size_t>(n)));
          if (rate > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      }
    }
    while (!held.empty() && held.front().first <= Clock::now() && !stalled_) {
      if (!WriteAll(to, held.front().second.data(), held.front().second.size())) {
        conn->dead = true;
        break;
      }
      held.pop_front();
    }
    if (eof && held.empty()) {
      ::shutdown(to, SHUT_WR);
      return;
    }
    if (eof) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace ls::testutil
