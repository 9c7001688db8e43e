#include "auth/token.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/status_macros.h"

namespace ls::auth {

absl::StatusOr<std::string> LoadOrCreateToken(const std::string& data_dir) {
  std::string path = absl::StrCat(data_dir, "/token");
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0) {
    LS_ASSIGN_OR_RETURN(std::string raw, ReadFile(path));
    std::string token(absl::StripAsciiWhitespace(raw));
    if (token.size() < 16) {
      return absl::FailedPreconditionError(
          absl::StrCat(path, " holds no usable token (fewer than 16 characters); delete it to make a new one"));
    }
    return token;
  }
  unsigned char buf[32];
  if (RAND_bytes(buf, sizeof buf) != 1) return absl::InternalError("no randomness for the token");
  const std::string token =
      absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(buf), sizeof buf));
  LS_RETURN_IF_ERROR(WriteFileAtomic(path, token + "\n", 0600));
  ::chmod(path.c_str(), 0600);  // umask may have narrowed it further; never wider
  return token;
}

std::optional<TokenInfo> TokenAuth::InfoOf(const std::string& given) const {
  // Constant time, so response timing does not leak how much of a guess matched.
  bool admin_file = given.size() == token_.size() &&
                    CRYPTO_memcmp(given.data(), token_.data(), token_.size()) == 0;
  std::optional<TokenInfo> named = store_ ? store_->Lookup(given) : std::nullopt;
  if (admin_file) return TokenInfo{"admin", Role::kAdmin, 0};
  return named;
}

std::optional<Role> TokenAuth::RoleOf(const std::string& given) const {
  auto info = InfoOf(given);
  if (!info) return std::nullopt;
  return info->role;
}

grpc::Status TokenAuth::Authenticate(const grpc::CallbackServerContext* ctx, Role* role,
                                     std::string* name) const {
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "missing token: send 'authorization: Bearer <token>' (the token is in the "
                        "server's data dir, file 'token')");
  }
  std::string value(it->second.data(), it->second.size());
  const std::string prefix = "Bearer ";
  std::string given = value.rfind(prefix, 0) == 0 ? value.substr(prefix.size()) : "";
  auto r = given.empty() ? std::nullopt : InfoOf(given);
  if (!r) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "wrong token: use the one in the server's data dir, file 'token', or one "
                        "made by 'lsctl tokens create' (revoked tokens stop working)");
  }
  *role = r->role;
  if (name) *name = r->name;
  return grpc::Status::OK;
}

grpc::Status TokenAuth::Check(const grpc::CallbackServerContext* ctx) const {
  Role role;
  return Authenticate(ctx, &role);
}

grpc::Status TokenAuth::CheckAdmin(const grpc::CallbackServerContext* ctx) const {
  Role role;
  grpc::Status st = Authenticate(ctx, &role);
  if (st.ok() && role != Role::kAdmin) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                        "this is an agent token: it may only connect agents (AgentLink); use an "
                        "admin token for lsctl");
  }
  return st;
}

grpc::Status TokenAuth::CheckAgentLink(const grpc::CallbackServerContext* ctx, std::string* token_name) const {
  if (agent_limiter_) {
    std::string host = PeerHost(ctx->peer());
    if (!agent_limiter_->Allow(host)) {
      return grpc::Status(
          grpc::StatusCode::RESOURCE_EXHAUSTED,
          absl::StrCat("agent connection rate limit: ", host, " opened more than ", agent_limiter_->burst(),
                       " connections at once, refilled at ", agent_limiter_->per_minute(),
                       " per minute (server flags --agent-connect-burst, --agent-connects-per-min)"));
    }
  }
  Role role;
  return Authenticate(ctx, &role, token_name);
}

}  // namespace ls::auth
