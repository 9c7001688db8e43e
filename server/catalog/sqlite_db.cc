#include "catalog/sqlite_db.h"

#include <sqlite3.h>

#include <memory>

#include "absl/strings/str_cat.h"

namespace ls::catalog {

std::string SqlRow::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? reinterpret_cast<const char*>(t) : "";
}
int64_t SqlRow::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double SqlRow::Real(int col) const { return sqlite3_column_double(stmt_, col); }

absl::StatusOr<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return absl::InternalError(absl::StrCat("cannot open catalog ", path, ": ", msg));
  }
  std::unique_ptr<SqliteDb> out(new SqliteDb(db));
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
    return absl::InternalError(absl::StrCat("catalog: ", msg));
  }
  return absl::OkStatus();
}

absl::StatusOr<sqlite3_stmt*> SqliteDb::Prepare(const std::string& sql,
                                                const std::vector<SqlValue>& args) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    return absl::InternalError(absl::StrCat("catalog: prepare: ", sqlite3_errmsg(db_)));
  }
  for (size_t i = 0; i < args.size(); ++i) {
    int idx = static_cast<int>(i) + 1;
    const SqlValue& v = args[i];
    switch (v.kind) {
      case SqlValue::Kind::kText:
        sqlite3_bind_text(stmt, idx, v.text.data(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT);
        break;
      case SqlValue::Kind::kInt: sqlite3_bind_int64(stmt, idx, v.integer); break;
      case SqlValue::Kind::kReal: sqlite3_bind_double(stmt, idx, v.real); break;
      case SqlValue::Kind::kNull: sqlite3_bind_null(stmt, idx); break;
    }
  }
  return stmt;
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
    int rc = sqlite3_step(*stmt);
    if (rc == SQLITE_ROW) { on_row(row); continue; }
    if (rc == SQLITE_DONE) return absl::OkStatus();
    if (rc == SQLITE_CONSTRAINT) {
      return absl::AlreadyExistsError(absl::StrCat("catalog: ", sqlite3_errmsg(db_)));
    }
    return absl::InternalError(absl::StrCat("catalog: ", sqlite3_errmsg(db_)));
  }
}

}  // namespace ls::catalog
