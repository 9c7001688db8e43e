#pragma once
/// The AgentLink gRPC service: every Connect stream becomes an AgentSession.
/// Thread-safe; holds no per-call state itself.

#include "auth/token.h"
#include "lightshow/v1/agent_link.grpc.pb.h"
#include "stream/agent_registry.h"

namespace ls::stream {

class AgentLinkService final : public lightshow::v1::AgentLink::CallbackService {
 public:
  AgentLinkService(AgentRegistry* registry, const auth::TokenAuth* auth)
      : registry_(registry), auth_(auth) {}

  grpc::ServerBidiReactor<lightshow::v1::AgentMessage, lightshow::v1::ServerMessage>* Connect(
      grpc::CallbackServerContext* ctx) override;

 private:
  AgentRegistry* registry_;
  const auth::TokenAuth* auth_;
};

}  // namespace ls::stream
