#include "link/link_session.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "base/clock.h"
#include "base/log.h"

namespace ls::agent {
namespace {
using lightshow::v1::AgentMessage;
using lightshow::v1::ServerMessage;
// The outbox never needs more than a few messages; beyond this the stream is stuck.
constexpr size_t kMaxOutbox = 64;
constexpr int64_t kTickNs = 50'000'000;
}  // namespace

LinkSession::LinkSession(const LinkConfig& config, std::string token,
                         std::shared_ptr<grpc::Channel> channel, Player* player,
                         ClockSync* clock, std::function<void()> on_welcome)
    : config_(config),
      token_(std::move(token)),
      stub_(lightshow::v1::AgentLink::NewStub(channel)),
      player_(player),
      clock_(clock),
      on_welcome_(std::move(on_welcome)),
      heartbeat_interval_ns_(config.heartbeat_interval_ns) {}

LinkSession::~LinkSession() { Cancel(); }

void LinkSession::Cancel() { Fail(absl::CancelledError("agent shutting down")); }

void LinkSession::Fail(absl::Status why) {
  {
    std::lock_guard<std::mutex> lk(mu_);
    if (ending_) return;
    ending_ = true;
    reason_ = std::move(why);
  }
  ctx_.TryCancel();  // unblocks Read() and Write(); safe before the call starts
  cv_.notify_all();
}

absl::Status LinkSession::Run() {
  ctx_.AddMetadata("authorization", absl::StrCat("Bearer ", token_));
  stream_ = stub_->Connect(&ctx_);
  AgentMessage hello;
  hello.mutable_hello()->set_agent_id(config_.agent_id);
  hello.mutable_hello()->set_channels(kChannels);
  hello.mutable_hello()->set_version(config_.version);
  hello.mutable_hello()->set_offset_ms(config_.offset_ms);
  Enqueue(std::move(hello));
  last_rx_mono_ = NowMonotonicNs();
  std::thread reader([this] { ReadLoop(); });
  std::thread writer([this] { WriteLoop(); });
  {
    std::unique_lock<std::mutex> lk(mu_);
    while (!ending_ && !reader_done_) {
      lk.unlock();
      const int64_t now = NowMonotonicNs();
      if (now - last_rx_mono_.load() > config_.stall_timeout_ns) {
        Fail(absl::DeadlineExceededError(absl::StrCat(
            "no message from the server for ", config_.stall_timeout_ns / 1'000'000, " ms")));
      } else {
        Tick(now);
      }
      lk.lock();
      cv_.wait_for(lk, std::chrono::nanoseconds(kTickNs));
    }
  }
  bool we_failed = false;
  {
    // The server ended the call: stop the writer without cancelling, so Finish()
    // reports the server's own status (e.g. UNAUTHENTICATED) rather than CANCELLED.
    std::unique_lock<std::mutex> lk(mu_);
    we_failed = ending_;
    ending_ = true;
    cv_.notify_all();
    if (!cv_.wait_for(lk, std::chrono::seconds(1), [this] { return writer_done_; })) {
      lk.unlock();
      ctx_.TryCancel();  // a Write stuck on a dead transport
    }
  }
  reader.join();
  writer.join();
  const grpc::Status st = stream_->Finish();
  std::lock_guard<std::mutex> lk(mu_);
  if (we_failed && !reason_.ok()) return reason_;
  if (!st.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(st.error_code()),
                        st.error_message().empty() ? "the server ended the stream"
                                                   : st.error_message());
  }
  return absl::UnavailableError("the server closed the stream");
}

void LinkSession::ReadLoop() {
  ServerMessage msg;
  while (stream_->Read(&msg)) {
    const int64_t receive_ns = NowRealtimeNs();  // t4, as early as possible
    last_rx_mono_ = NowMonotonicNs();
    SessionNews news = news_;
    HandleServerMessage(msg, receive_ns, *player_, *clock_, &news);
    if (news.welcomed && !news_.welcomed) {
      Log(absl::StrCat("connected to ", config_.server, " as ", config_.agent_id,
                       " (group ", news.group, ")"));
      welcomed_ = true;
      if (on_welcome_) on_welcome_();
    }
    news_ = news;
    if (news.heartbeat_interval_ns > 0) {
      std::lock_guard<std::mutex> lk(mu_);
      // Keep heartbeats well inside the server's patience and our own stall timeout.
      heartbeat_interval_ns_ = std::max<int64_t>(
          100'000'000, std::min(news.heartbeat_interval_ns, config_.stall_timeout_ns / 2));
    }
  }
  std::lock_guard<std::mutex> lk(mu_);
  reader_done_ = true;
  cv_.notify_all();
}

void LinkSession::WriteLoop() {
  std::unique_lock<std::mutex> lk(mu_);
  while (true) {
    cv_.wait_for(lk, std::chrono::nanoseconds(kTickNs),
                 [this] { return ending_ || !outbox_.empty(); });
    if (ending_) break;
    if (outbox_.empty()) continue;
    AgentMessage msg = std::move(outbox_.front());
    outbox_.pop_front();
    lk.unlock();
    const bool ok = stream_->Write(msg);
    lk.lock();
    if (!ok) {
      // The stream is over; the reader sees that too and Run() collects the status.
      break;
    }
  }
  writer_done_ = true;
  cv_.notify_all();
}

void LinkSession::Enqueue(AgentMessage msg) {
  {
    std::lock_guard<std::mutex> lk(mu_);
    if (ending_ || outbox_.size() >= kMaxOutbox) return;  // the watchdog will end it
    outbox_.push_back(std::move(msg));
  }
  cv_.notify_all();
}

void LinkSession::Tick(int64_t now) {
  int64_t heartbeat_interval;
  {
    std::lock_guard<std::mutex> lk(mu_);
    heartbeat_interval = heartbeat_interval_ns_;
  }
  if (now >= next_heartbeat_) {
    AgentMessage m;
    m.mutable_heartbeat()->mutable_sent()->set_unix_ns(NowRealtimeNs());
    Enqueue(std::move(m));
    next_heartbeat_ = now + heartbeat_interval;
  }
  if (now >= next_ping_) {
    SendPing();
    next_ping_ = now + (pings_sent_ <= config_.fast_pings ? config_.fast_ping_interval_ns
                                                          : config_.ping_interval_ns);
  }
  if (now >= next_stats_) {
    if (next_stats_ != 0) SendStats();  // the first report after one interval
    next_stats_ = now + config_.stats_interval_ns;
  }
}

void LinkSession::SendPing() {
  AgentMessage m;
  m.mutable_ping()->set_seq(++ping_seq_);
  // t1 is taken just before queueing; the writer is idle almost always.
  m.mutable_ping()->set_t1_ns(NowRealtimeNs());
  ++pings_sent_;
  Enqueue(std::move(m));
}

void LinkSession::SendStats() {
  const PlayerStats s = player_->Stats();
  AgentMessage m;
  auto* st = m.mutable_stats();
  st->set_frames_applied(s.frames_applied);
  st->set_frames_late(s.frames_late);
  st->set_frames_dropped(s.frames_dropped);
  st->set_clock_offset_ns(clock_->OffsetNs());
  st->set_rtt_ns(clock_->RttNs());
  st->set_show_id(s.show_id);
  st->set_last_frame(s.last_frame < 0 ? 0 : static_cast<uint32_t>(s.last_frame));
  for (double e : player_->TakeApplyErrors()) st->add_apply_error_s(e);
  Enqueue(std::move(m));
}

}  // namespace ls::agent
