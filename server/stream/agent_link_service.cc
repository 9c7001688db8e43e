#include "stream/agent_link_service.h"

#include "stream/agent_session.h"

namespace ls::stream {

grpc::ServerBidiReactor<lightshow::v1::AgentMessage, lightshow::v1::ServerMessage>*
AgentLinkService::Connect(grpc::CallbackServerContext* ctx) {
  return new AgentSession(ctx, registry_, auth_->CheckAgentLink(ctx));
}

}  // namespace ls::stream
