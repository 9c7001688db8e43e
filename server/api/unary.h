#pragma once
/// The common path of the Control service's quick unary handlers.

#include <functional>

#include "api/deps.h"
#include "grpcpp/grpcpp.h"

namespace ls::api {

/// Checks the token (admin role), runs `body` inline if it passed, records
/// the request's metrics and finishes the call. `body` must be quick (no
/// decode, no waiting): it runs on a gRPC callback thread.
grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* ctx, const ServiceDeps& deps,
                                const char* method, const std::function<grpc::Status()>& body);

}  // namespace ls::api
