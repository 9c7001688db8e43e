#include "link/link_client.h"

#include <chrono>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/clock.h"
#include "base/log.h"
#include "link/backoff.h"
#include "link/link_session.h"
#include "link/token.h"

namespace ls::agent {
namespace {

std::shared_ptr<grpc::Channel> MakeChannel(const LinkConfig& c) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, c.keepalive_time_ms);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, c.keepalive_timeout_ms);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  // Our own loop does the backoff; a private subchannel makes every attempt a fresh dial.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  args.SetUserAgentPrefix(absl::StrCat("lightshow-agent/", c.version));
  return grpc::CreateCustomChannel(
      c.server, c.credentials ? c.credentials : grpc::InsecureChannelCredentials(), args);
}

const char* StateName(grpc_connectivity_state s) {
  switch (s) {
    case GRPC_CHANNEL_IDLE: return "idle";
    case GRPC_CHANNEL_CONNECTING: return "connecting";
    case GRPC_CHANNEL_READY: return "ready";
    case GRPC_CHANNEL_TRANSIENT_FAILURE: return "unreachable";
    case GRPC_CHANNEL_SHUTDOWN: return "shut down";
  }
  return "unknown";
}

}  // namespace

LinkClient::LinkClient(const LinkConfig& config, std::string token, Player* player,
                       ClockSync* clock)
    : config_(config), token_(std::move(token)), player_(player), clock_(clock) {}

LinkClient::~LinkClient() { Stop(); }

void LinkClient::Start() {
  std::lock_guard<std::mutex> lk(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void LinkClient::Stop() {
  std::shared_ptr<LinkSession> session;
  {
    std::lock_guard<std::mutex> lk(mu_);
    stopping_ = true;
    session = session_;
  }
  if (session) session->Cancel();
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool LinkClient::WaitReady(grpc::Channel& channel, std::string* state) {
  const int64_t give_up = NowMonotonicNs() + config_.connect_timeout_ns;
  grpc_connectivity_state s = channel.GetState(/*try_to_connect=*/true);
  // A fresh channel reports TRANSIENT_FAILURE only after its dial failed.
  while (s != GRPC_CHANNEL_READY && s != GRPC_CHANNEL_TRANSIENT_FAILURE &&
         s != GRPC_CHANNEL_SHUTDOWN) {
    {
      std::lock_guard<std::mutex> lk(mu_);
      if (stopping_) break;
    }
    if (NowMonotonicNs() >= give_up) break;
    // Short slices keep Stop() responsive.
    channel.WaitForStateChange(s, std::chrono::system_clock::now() + std::chrono::milliseconds(100));
    s = channel.GetState(/*try_to_connect=*/true);
  }
  *state = StateName(s);
  return s == GRPC_CHANNEL_READY;
}

void LinkClient::Loop() {
  Backoff backoff(config_.backoff_initial_ns, config_.backoff_max_ns,
                  static_cast<uint64_t>(NowMonotonicNs()));
  std::string last_reason;
  int failures = 0;
  while (true) {
    if (auto t = ReadToken(config_.token_file); t.ok()) {
      token_ = *t;
    } else if (failures == 0) {
      Log(absl::StrCat("keeping the previous token: ", t.status().message()));
    }
    auto channel = MakeChannel(config_);
    std::string state;
    absl::Status why;
    bool welcomed = false;
    if (!WaitReady(*channel, &state)) {
      why = absl::UnavailableError(absl::StrCat("server ", config_.server, " ", state));
    } else {
      auto session = std::make_shared<LinkSession>(config_, token_, channel, player_, clock_,
                                                   [this] {
                                                     ++welcomes_;  // counted before "connected" shows
                                                     connected_ = true;
                                                   });
      bool published = false;
      {
        std::lock_guard<std::mutex> lk(mu_);
        // Published before running so Stop() can cancel it.
        if (!stopping_) session_ = session;
        published = !stopping_;
      }
      if (published) {
        why = session->Run();
        std::lock_guard<std::mutex> lk(mu_);
        session_.reset();
        welcomed = session->welcomed();
        connected_ = false;
      }
    }
    std::unique_lock<std::mutex> lk(mu_);
    if (stopping_) return;
    if (welcomed) {
      backoff.Reset();
      failures = 0;
    }
    const int64_t delay = backoff.NextNs();
    ++failures;
    ++failed_attempts_;
    const std::string reason = why.ToString();
    // Say it when it changes, then sparsely: an outage shouldn't flood the log.
    if (reason != last_reason || (failures & (failures - 1)) == 0) {
      Log(absl::StrFormat("%s; reconnecting in %.2f s (attempt %d)",
                          welcomed ? absl::StrCat("disconnected: ", reason) : reason,
                          delay * 1e-9, failures));
      last_reason = reason;
    }
    cv_.wait_for(lk, std::chrono::nanoseconds(delay), [this] { return stopping_; });
    if (stopping_) return;
  }
}

}  // namespace ls::agent
