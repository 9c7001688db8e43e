#include "stream/agent_link_service.h"

#include "stream/agent_session.h"

namespace ls::stream {

grpc::ServerBidiReactor<lightshow::v1::AgentMessage, lightshow::v1::ServerMessage>*
AgentLinkService::Connect(grpc::CallbackServerContext* ctx) {
  std::string token_name;
  grpc::Status auth = auth_->CheckAgentLink(ctx, &token_name);
  return new AgentSession(ctx, registry_, auth, token_name);
}

}  // namespace ls::stream
