#pragma once
/// One agent's AgentLink.Connect stream (callback API): one read and one write
/// in flight, an outbox for everything else. Callbacks only queue and return.
/// Thread-safe: Send/Close may be called from any thread. Deletes itself in OnDone.

#include <deque>
#include <mutex>
#include <string>

#include "grpcpp/grpcpp.h"
#include "lightshow/v1/agent_link.pb.h"

namespace ls::stream {

class AgentRegistry;

class AgentSession : public grpc::ServerBidiReactor<lightshow::v1::AgentMessage,
                                                    lightshow::v1::ServerMessage> {
 public:
  /// Starts reading at once; when `auth` is not OK the stream finishes with it.
  /// `token_name` is the name of the token the agent connected with.
  AgentSession(grpc::CallbackServerContext* ctx, AgentRegistry* registry, const grpc::Status& auth,
               std::string token_name = "");

  /// The name of the token this stream was authenticated with (immutable).
  const std::string& token_name() const { return token_name_; }

  /// Queues a message; false once the stream is closing.
  bool Send(const lightshow::v1::ServerMessage& msg);
  /// Ends the stream from the server side after queued writes are flushed.
  void Close(const std::string& reason, grpc::StatusCode code = grpc::StatusCode::UNAVAILABLE);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  void Handle(const lightshow::v1::AgentMessage& msg, int64_t received_ns);
  void FinishLocked(std::unique_lock<std::mutex>& lock, const grpc::Status& status);
  void FinishWith(const grpc::Status& status);

  grpc::CallbackServerContext* ctx_;
  AgentRegistry* registry_;
  std::string peer_;
  std::string agent_id_;  // set by Hello
  const std::string token_name_;

  std::mutex mu_;
  std::deque<lightshow::v1::ServerMessage> outbox_;
  lightshow::v1::ServerMessage out_;  // the message in flight
  bool writing_ = false;
  bool closing_ = false;
  bool finished_ = false;
  grpc::Status final_status_;

  lightshow::v1::AgentMessage in_;
};

}  // namespace ls::stream
