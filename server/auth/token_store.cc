#include "auth/token_store.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "db/sqlite_db.h"
#include "common/clock.h"
#include "common/status_macros.h"

namespace ls::auth {
namespace {

using db::SqlRow;
using db::SqlValue;

std::array<unsigned char, 32> Sha256(const std::string& s) {
  std::array<unsigned char, 32> out{};
  SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), out.data());
  return out;
}

absl::StatusOr<std::string> RandomHex(size_t bytes) {
  std::string buf(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(buf.data()), static_cast<int>(bytes)) != 1) {
    return absl::InternalError("no randomness for a token");
  }
  return absl::BytesToHexString(buf);
}

absl::Status CheckName(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') ok = false;
  }
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        "token name must be 1 to 64 characters of A-Z a-z 0-9 . _ -, got '", absl::CEscape(name), "'"));
  }
  if (name == "admin") {
    return absl::InvalidArgumentError("token name 'admin' is reserved for the data dir's token file");
  }
  return absl::OkStatus();
}

}  // namespace

const char* RoleName(Role role) { return role == Role::kAdmin ? "admin" : "agent"; }

absl::StatusOr<Role> ParseRole(const std::string& text) {
  if (text == "agent") return Role::kAgent;
  if (text == "admin") return Role::kAdmin;
  return absl::InvalidArgumentError(
      absl::StrCat("token role must be 'agent' or 'admin', got '", absl::CEscape(text), "'"));
}

TokenStore::TokenStore(std::unique_ptr<db::SqliteDb> db) : db_(std::move(db)) {}
TokenStore::~TokenStore() = default;

absl::StatusOr<std::unique_ptr<TokenStore>> TokenStore::Open(const std::string& data_dir) {
  LS_ASSIGN_OR_RETURN(auto db, db::SqliteDb::Open(absl::StrCat(data_dir, "/catalog.db")));
  std::unique_ptr<TokenStore> store(new TokenStore(std::move(db)));
  LS_RETURN_IF_ERROR(store->db_->Exec(R"sql(
    CREATE TABLE IF NOT EXISTS tokens (
      name TEXT PRIMARY KEY,
      role TEXT NOT NULL,
      sha256 BLOB NOT NULL,
      created_unix_ms INTEGER NOT NULL
    );
  )sql"));
  LS_RETURN_IF_ERROR(store->Load());
  return store;
}

absl::Status TokenStore::Load() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
  absl::Status bad;
  LS_RETURN_IF_ERROR(db_->Query(
      "SELECT name, role, sha256, created_unix_ms FROM tokens ORDER BY name", {}, [&](const SqlRow& r) {
        Entry e;
        e.info.name = r.Text("name");
        auto role = ParseRole(r.Text("role"));
        std::string hash = absl::HexStringToBytes(r.Text("sha256"));
        if (!role.ok() || hash.size() != e.hash.size()) {
          bad = absl::DataLossError(absl::StrCat("token '", e.info.name, "' in the catalog is damaged"));
          return;
        }
        e.info.role = *role;
        std::copy(hash.begin(), hash.end(), e.hash.begin());
        e.info.created_unix_ms = r.Int("created_unix_ms");
        entries_.push_back(e);
      }));
  return bad;
}

absl::StatusOr<std::pair<TokenInfo, std::string>> TokenStore::Create(Role role, const std::string& name_in) {
  std::string name = name_in;
  if (name.empty()) {
    LS_ASSIGN_OR_RETURN(std::string suffix, RandomHex(3));
    name = absl::StrCat(RoleName(role), "-", suffix);
  }
  LS_RETURN_IF_ERROR(CheckName(name));
  LS_ASSIGN_OR_RETURN(std::string token, RandomHex(32));
  Entry e;
  e.info.name = name;
  e.info.role = role;
  e.info.created_unix_ms = NowUnixMs();
  e.hash = Sha256(token);
  std::string hash_hex = absl::BytesToHexString(
      std::string(reinterpret_cast<const char*>(e.hash.data()), e.hash.size()));

  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= kMaxTokens) {
    return absl::ResourceExhaustedError(
        absl::StrCat("token limit reached: at most ", kMaxTokens, " named tokens; revoke unused ones"));
  }
  for (const auto& x : entries_) {
    if (x.info.name == name) {
      return absl::AlreadyExistsError(absl::StrCat("a token named '", name, "' exists; revoke it first"));
    }
  }
  absl::Status st = db_->Run("INSERT INTO tokens (name, role, sha256, created_unix_ms) VALUES (?,?,?,?)",
                             {SqlValue::Text(name), SqlValue::Text(RoleName(role)), SqlValue::Text(hash_hex),
                              SqlValue::Int(e.info.created_unix_ms)});
  if (absl::IsAlreadyExists(st)) {
    return absl::AlreadyExistsError(absl::StrCat("a token named '", name, "' exists; revoke it first"));
  }
  LS_RETURN_IF_ERROR(st);
  entries_.push_back(e);
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.info.name < b.info.name; });
  return std::make_pair(e.info, token);
}

std::vector<TokenInfo> TokenStore::List() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<TokenInfo> out;
  for (const auto& e : entries_) out.push_back(e.info);
  return out;
}

absl::Status TokenStore::Revoke(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.info.name == name; });
  if (it == entries_.end()) {
    return absl::NotFoundError(absl::StrCat("no token named '", absl::CEscape(name), "' (see lsctl tokens list)"));
  }
  LS_RETURN_IF_ERROR(db_->Run("DELETE FROM tokens WHERE name = ?", {SqlValue::Text(name)}));
  entries_.erase(it);
  return absl::OkStatus();
}

std::optional<TokenInfo> TokenStore::Lookup(const std::string& token) const {
  const auto hash = Sha256(token);
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<TokenInfo> found;
  // Every entry is compared, matched or not, so timing says nothing about which.
  for (const auto& e : entries_) {
    if (CRYPTO_memcmp(hash.data(), e.hash.data(), hash.size()) == 0) found = e.info;
  }
  return found;
}

}  // namespace ls::auth
