#include "auth/token.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include "absl/strings/ascii.h"
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
  static const char* kHex = "0123456789abcdef";
  std::string token;
  for (unsigned char b : buf) {
    token.push_back(kHex[b >> 4]);
    token.push_back(kHex[b & 15]);
  }
  LS_RETURN_IF_ERROR(WriteFileAtomic(path, token + "\n", 0600));
  ::chmod(path.c_str(), 0600);  // umask may have narrowed it further; never wider
  return token;
}

grpc::Status TokenAuth::Check(const grpc::CallbackServerContext* ctx) const {
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
  // Constant time, so response timing does not leak how much of a guess matched.
  bool ok = given.size() == token_.size() &&
            CRYPTO_memcmp(given.data(), token_.data(), token_.size()) == 0;
  if (!ok) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "wrong token: use the one in the server's data dir, file 'token'");
  }
  return grpc::Status::OK;
}

}  // namespace ls::auth
