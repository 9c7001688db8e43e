#include "stream/agent_session.h"

#include "absl/strings/str_cat.h"
#include "common/log.h"

#include "common/clock.h"
#include "lightshow/version.h"
#include "stream/agent_registry.h"

namespace ls::stream {

using lightshow::v1::AgentMessage;
using lightshow::v1::ServerMessage;

namespace {
constexpr size_t kMaxOutbox = 4096;  // a stalled agent must not grow memory without bound
constexpr uint32_t kMaxChannels = 64;
}  // namespace

AgentSession::AgentSession(grpc::CallbackServerContext* ctx, AgentRegistry* registry,
                           const grpc::Status& auth, std::string token_name)
    : ctx_(ctx), registry_(registry), peer_(ctx->peer()), token_name_(std::move(token_name)) {
  if (!auth.ok()) {
    std::unique_lock<std::mutex> lock(mu_);
    FinishLocked(lock, auth);
    return;
  }
  StartRead(&in_);
}

bool AgentSession::Send(const ServerMessage& msg) {
  std::unique_lock<std::mutex> lock(mu_);
  if (closing_ || finished_) return false;
  if (writing_) {
    if (outbox_.size() >= kMaxOutbox) {
      FinishLocked(lock, grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                      "agent is not reading its stream; send queue full"));
      return false;
    }
    outbox_.push_back(msg);
    return true;
  }
  writing_ = true;
  out_ = msg;
  lock.unlock();
  // Outside the lock: a reaction may run inline on this thread.
  StartWrite(&out_);
  return true;
}

void AgentSession::Close(const std::string& reason, grpc::StatusCode code) {
  std::unique_lock<std::mutex> lock(mu_);
  FinishLocked(lock, grpc::Status(code, reason));
}

void AgentSession::FinishLocked(std::unique_lock<std::mutex>& lock, const grpc::Status& status) {
  if (finished_) return;
  if (!closing_) {
    closing_ = true;
    final_status_ = status;
  }
  if (writing_) return;  // OnWriteDone finishes once the write in flight is done
  finished_ = true;
  grpc::Status st = final_status_;
  lock.unlock();
  Finish(st);
}

void AgentSession::FinishWith(const grpc::Status& status) {
  std::unique_lock<std::mutex> lock(mu_);
  FinishLocked(lock, status);
}

void AgentSession::OnReadDone(bool ok) {
  if (!ok) {  // the agent closed its side or the call died
    FinishWith(grpc::Status::OK);
    return;
  }
  Handle(in_, NowUnixNs());
  bool closing;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing = closing_ || finished_;
  }
  if (!closing) StartRead(&in_);
}

void AgentSession::Handle(const AgentMessage& msg, int64_t received_ns) {
  switch (msg.msg_case()) {
    case AgentMessage::kHello: {
      const auto& h = msg.hello();
      if (!agent_id_.empty()) {
        FinishWith(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "hello sent twice on one stream"));
        return;
      }
      if (h.agent_id().empty() || h.agent_id().size() > 64) {
        FinishWith(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                "agent id must be 1 to 64 characters, got " +
                                    std::to_string(h.agent_id().size())));
        return;
      }
      if (h.channels() == 0 || h.channels() > kMaxChannels) {
        FinishWith(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                "agent channels must be 1.." + std::to_string(kMaxChannels) +
                                    ", got " + std::to_string(h.channels())));
        return;
      }
      agent_id_ = h.agent_id();
      ServerMessage welcome;
      welcome.mutable_welcome()->set_server_version("lightshow-server " LIGHTSHOW_VERSION);
      welcome.mutable_welcome()->set_heartbeat_interval_ms(1000);
      // Welcome must precede any show message the registry listener triggers.
      welcome.mutable_welcome()->set_group(registry_->Group(agent_id_).value_or(0));
      Send(welcome);
      registry_->Attach(this, h, peer_);
      LogInfo(absl::StrCat("agent ", Escaped(agent_id_), " connected from ", Escaped(peer_)));
      return;
    }
    case AgentMessage::kPing: {
      ServerMessage pong;
      auto* p = pong.mutable_pong();
      p->set_seq(msg.ping().seq());
      p->set_t1_ns(msg.ping().t1_ns());
      p->set_t2_ns(received_ns);
      p->set_t3_ns(NowUnixNs());
      Send(pong);
      return;
    }
    case AgentMessage::kStats:
      if (!agent_id_.empty()) registry_->UpdateStats(agent_id_, msg.stats());
      return;
    case AgentMessage::kHeartbeat:
    default:
      return;
  }
}

void AgentSession::OnWriteDone(bool ok) {
  std::unique_lock<std::mutex> lock(mu_);
  writing_ = false;
  if (!ok) {
    outbox_.clear();
    FinishLocked(lock, grpc::Status::OK);
    return;
  }
  if (!outbox_.empty()) {
    writing_ = true;
    out_ = std::move(outbox_.front());
    outbox_.pop_front();
    lock.unlock();
    StartWrite(&out_);
    return;
  }
  if (closing_) FinishLocked(lock, final_status_);
}

void AgentSession::OnCancel() { FinishWith(grpc::Status::CANCELLED); }

void AgentSession::OnDone() {
  if (!agent_id_.empty()) {
    registry_->Detach(agent_id_, this);
    LogInfo(absl::StrCat("agent ", Escaped(agent_id_), " disconnected"));
  }
  delete this;
}

}  // namespace ls::stream
