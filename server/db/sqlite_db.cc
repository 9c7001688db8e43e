#include "db/sqlite_db.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"

namespace ls::db {

SqlRow::SqlRow(sqlite3_stmt* stmt) : stmt_(stmt) {
  const int n = sqlite3_column_count(stmt);
  names_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const char* name = sqlite3_column_name(stmt, i);
    names_.emplace_back(name != nullptr ? name : "");
  }
}

int SqlRow::Index(std::string_view column) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == column) return static_cast<int>(i);
  }
  if (missing_.empty()) missing_ = std::string(column);
  return -1;
}

std::string SqlRow::Text(int col) const {
  if (col < 0) return "";
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t),
                         static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : "";
}
int64_t SqlRow::Int(int col) const { return col < 0 ? 0 : sqlite3_column_int64(stmt_, col); }
double SqlRow::Real(int col) const { return col < 0 ? 0 : sqlite3_column_double(stmt_, col); }
std::string SqlRow::Text(std::string_view column) const { return Text(Index(column)); }
int64_t SqlRow::Int(std::string_view column) const { return Int(Index(column)); }
double SqlRow::Real(std::string_view column) const { return Real(Index(column)); }

absl::StatusOr<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return absl::InternalError(absl::StrCat("cannot open database ", path, ": ", msg));
  }
  std::unique_ptr<SqliteDb> out(new SqliteDb(db, std::filesystem::path(path).filename().string()));
  // Extended codes tell a UNIQUE violation from a foreign-key one.
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  // WAL: readers never block the writer, and a crash mid-write never corrupts the file.
  auto st = out->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  if (!st.ok()) return st;
  return out;
}

SqliteDb::~SqliteDb() { sqlite3_close(db_); }

absl::Status SqliteDb::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return absl::InternalError(absl::StrCat(name_, ": ", msg));
  }
  return absl::OkStatus();
}

absl::StatusOr<sqlite3_stmt*> SqliteDb::Prepare(const std::string& sql,
                                                const std::vector<SqlValue>& args) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    return absl::InternalError(absl::StrCat(name_, ": prepare: ", sqlite3_errmsg(db_)));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
  const int wanted = sqlite3_bind_parameter_count(stmt);
  if (wanted != static_cast<int>(args.size())) {
    return absl::InternalError(absl::StrCat(name_, ": statement takes ", wanted, " parameters, given ",
                                            args.size(), ": ", sql));
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const int idx = static_cast<int>(i) + 1;
    const SqlValue& v = args[i];
    int rc = SQLITE_OK;
    switch (v.kind) {
      case SqlValue::Kind::kText:
        rc = sqlite3_bind_text64(stmt, idx, v.text.data(), v.text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
      case SqlValue::Kind::kInt: rc = sqlite3_bind_int64(stmt, idx, v.integer); break;
      case SqlValue::Kind::kReal: rc = sqlite3_bind_double(stmt, idx, v.real); break;
      case SqlValue::Kind::kNull: rc = sqlite3_bind_null(stmt, idx); break;
    }
    if (rc != SQLITE_OK) {
      return absl::InternalError(absl::StrCat(name_, ": binding parameter ", idx, ": ", sqlite3_errstr(rc)));
    }
  }
  return guard.release();
}

absl::Status SqliteDb::StepError(int rc) const {
  const std::string msg = absl::StrCat(name_, ": ", sqlite3_errmsg(db_));
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return absl::AlreadyExistsError(msg);
    default: break;
  }
  if ((rc & 0xff) == SQLITE_CONSTRAINT) return absl::FailedPreconditionError(msg);
  return absl::InternalError(msg);
}

absl::Status SqliteDb::Transaction(const std::function<absl::Status()>& body) {
  if (absl::Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
  absl::Status st = body();
  if (!st.ok()) {
    Exec("ROLLBACK").IgnoreError();
    return st;
  }
  return Exec("COMMIT");
}

absl::Status SqliteDb::Run(const std::string& sql, const std::vector<SqlValue>& args) {
  return Query(sql, args, [](const SqlRow&) {});
}

absl::Status SqliteDb::Query(const std::string& sql, const std::vector<SqlValue>& args,
                             const std::function<void(const SqlRow&)>& on_row) {
  auto stmt = Prepare(sql, args);
  if (!stmt.ok()) return stmt.status();
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(*stmt, sqlite3_finalize);
  SqlRow row(*stmt);
  while (true) {
    const int rc = sqlite3_step(*stmt);
    if (rc == SQLITE_ROW) {
      on_row(row);
      if (!row.missing_column().empty()) {
        return absl::InternalError(absl::StrCat(name_, ": the result has no column '", row.missing_column(),
                                                "': ", sql));
      }
      continue;
    }
    if (rc == SQLITE_DONE) return absl::OkStatus();
    return StepError(rc);
  }
}

}  // namespace ls::db
