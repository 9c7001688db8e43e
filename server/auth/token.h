#pragma once
/// Bearer-token authentication for every RPC ("authorization: Bearer <token>").
/// Two kinds of token: the data dir's token file (admin, as before), and named
/// tokens from the TokenStore with a role (admin, or agent = AgentLink only).
/// Thread-safe: the admin token is immutable; the store and the limiter lock
/// themselves.

#include <string>

#include "absl/status/statusor.h"
#include "auth/rate_limiter.h"
#include "auth/token_store.h"
#include "grpcpp/grpcpp.h"

namespace ls::auth {

/// Reads DIR/token, or creates it (32 random bytes as hex, mode 0600) on first start.
absl::StatusOr<std::string> LoadOrCreateToken(const std::string& data_dir);

class TokenAuth {
 public:
  /// `store` and `agent_limiter` may be null (no named tokens / no rate limit)
  /// and must outlive this object.
  explicit TokenAuth(std::string token, const TokenStore* store = nullptr,
                     RateLimiter* agent_limiter = nullptr)
      : token_(std::move(token)), store_(store), agent_limiter_(agent_limiter) {}

  /// Any valid token (admin or agent): OK, or UNAUTHENTICATED saying whether
  /// the token was missing or wrong (the token itself is never echoed).
  grpc::Status Check(const grpc::CallbackServerContext* ctx) const;
  /// Control RPCs: like Check, plus PERMISSION_DENIED for an agent token.
  grpc::Status CheckAdmin(const grpc::CallbackServerContext* ctx) const;
  /// AgentLink.Connect: the per-peer-IP connection rate limit
  /// (RESOURCE_EXHAUSTED naming it), then Check. When OK and `token_name` is
  /// given, it is set to the token's name ("admin" for the data dir's token),
  /// so the stream can be closed when that token is revoked.
  grpc::Status CheckAgentLink(const grpc::CallbackServerContext* ctx, std::string* token_name = nullptr) const;

  /// The role of `token`, or nullopt when it is no valid token. Constant time
  /// in the token's content.
  std::optional<Role> RoleOf(const std::string& token) const;

 private:
  grpc::Status Authenticate(const grpc::CallbackServerContext* ctx, Role* role,
                            std::string* name = nullptr) const;
  /// Role and name of `token`; constant time in its content.
  std::optional<TokenInfo> InfoOf(const std::string& token) const;

  std::string token_;
  const TokenStore* store_;
  RateLimiter* agent_limiter_;
};

}  // namespace ls::auth
