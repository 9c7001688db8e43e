#pragma once
/// Named, scoped access tokens (`lsctl tokens create|list|revoke`), kept in
/// the `tokens` table of DIR/catalog.db. Only the SHA-256 of a token is
/// stored; the token itself is returned once, by Create, and never logged.
/// Thread-safe: one mutex guards the connection and the in-memory copy.

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::db { class SqliteDb; }

namespace ls::auth {

/// What a token may do. kAgent: AgentLink only. kAdmin: everything.
enum class Role { kAgent, kAdmin };

/// "agent" / "admin".
const char* RoleName(Role role);
/// "agent" / "admin" → Role; INVALID_ARGUMENT naming the value otherwise.
absl::StatusOr<Role> ParseRole(const std::string& text);

struct TokenInfo {
  std::string name;
  Role role = Role::kAgent;
  int64_t created_unix_ms = 0;
};

class TokenStore {
 public:
  /// At most this many named tokens (a home network needs a handful).
  static constexpr size_t kMaxTokens = 1000;

  /// Opens DIR/catalog.db (its own connection; WAL lets it share the file
  /// with the catalog) and creates the tokens table if needed.
  static absl::StatusOr<std::unique_ptr<TokenStore>> Open(const std::string& data_dir);
  ~TokenStore();
  TokenStore(const TokenStore&) = delete;
  TokenStore& operator=(const TokenStore&) = delete;

  /// Makes a token (32 random bytes as hex). `name` empty → "<role>-<6 hex>".
  /// INVALID_ARGUMENT for a bad name (1–64 of A-Z a-z 0-9 . _ -; "admin" is
  /// the data dir's token), ALREADY_EXISTS if taken, RESOURCE_EXHAUSTED over
  /// kMaxTokens. Returns the info and the token itself.
  absl::StatusOr<std::pair<TokenInfo, std::string>> Create(Role role, const std::string& name);
  /// Every token's info, by name.
  std::vector<TokenInfo> List() const;
  /// Deletes a token; NOT_FOUND naming it when there is none.
  absl::Status Revoke(const std::string& name);
  /// The token's info if `token` is a live token. Compares the SHA-256 of
  /// `token` with every stored hash in constant time (no early exit).
  std::optional<TokenInfo> Lookup(const std::string& token) const;

 private:
  struct Entry {
    TokenInfo info;
    std::array<unsigned char, 32> hash{};
  };
  explicit TokenStore(std::unique_ptr<db::SqliteDb> db);
  absl::Status Load();

  mutable std::mutex mu_;
  std::unique_ptr<db::SqliteDb> db_;
  std::vector<Entry> entries_;
};

}  // namespace ls::auth
