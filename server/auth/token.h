#pragma once
/// Bearer-token authentication for every RPC ("authorization: Bearer <token>").
/// Thread-safe: immutable after construction.

#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"

namespace ls::auth {

/// Reads DIR/token, or creates it (32 random bytes as hex, mode 0600) on first start.
absl::StatusOr<std::string> LoadOrCreateToken(const std::string& data_dir);

class TokenAuth {
 public:
  explicit TokenAuth(std::string token) : token_(std::move(token)) {}
  /// OK, or UNAUTHENTICATED saying whether the token was missing or wrong
  /// (the token itself is never echoed).
  grpc::Status Check(const grpc::CallbackServerContext* ctx) const;

 private:
  std::string token_;
};

}  // namespace ls::auth
