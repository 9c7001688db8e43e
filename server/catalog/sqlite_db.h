#pragma once
/// A thin RAII wrapper over one SQLite connection with Status errors.
/// Not thread-safe by itself: the Catalog serialises access with its mutex.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ls::catalog {

/// A bound value for a statement parameter (text, integer or real).
struct SqlValue {
  enum class Kind { kText, kInt, kReal, kNull } kind = Kind::kNull;
  std::string text;
  int64_t integer = 0;
  double real = 0;
  static SqlValue Text(std::string s) { SqlValue v; v.kind = Kind::kText; v.text = std::move(s); return v; }
  static SqlValue Int(int64_t i) { SqlValue v; v.kind = Kind::kInt; v.integer = i; return v; }
  static SqlValue Real(double d) { SqlValue v; v.kind = Kind::kReal; v.real = d; return v; }
};

/// Read access to the current row inside Query's callback.
class SqlRow {
 public:
  explicit SqlRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  std::string Text(int col) const;
  int64_t Int(int col) const;
  double Real(int col) const;

 private:
  sqlite3_stmt* stmt_;
};

class SqliteDb {
 public:
  /// Opens (creating) the database file in WAL mode with a busy timeout.
  static absl::StatusOr<std::unique_ptr<SqliteDb>> Open(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  /// Runs one or more statements without parameters.
  absl::Status Exec(const std::string& sql);
  /// Runs one statement with parameters.
  absl::Status Run(const std::string& sql, const std::vector<SqlValue>& args);
  /// Runs a query, calling `on_row` for each row.
  absl::Status Query(const std::string& sql, const std::vector<SqlValue>& args,
                     const std::function<void(const SqlRow&)>& on_row);

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  absl::StatusOr<sqlite3_stmt*> Prepare(const std::string& sql, const std::vector<SqlValue>& args);
  sqlite3* db_;
};

}  // namespace ls::catalog
