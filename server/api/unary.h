#pragma once
/// The common path of the Control service's quick unary handlers.

#include <functional>

#include "api/deps.h"
#include "grpcpp/grpcpp.h"

namespace ls::api {

/// Checks the token (admin role) on the callback thread, then runs `body` on
/// the control pool (it may write SQLite or read a blob; gRPC's callback
/// threads stay free for agents' clock pongs), records the request's metrics
/// and finishes the call. `body` captures by value: the handler has returned
/// when it runs (the request and reply live until the call finishes).
grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* ctx, const ServiceDeps& deps,
                                const char* method, std::function<grpc::Status()> body);

}  // namespace ls::api
