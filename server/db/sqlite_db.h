#pragma once
/// A thin RAII wrapper over one SQLite connection with Status errors, shared by
/// every store (catalog, jobs, models, tokens, season).
/// Not thread-safe by itself: each store serialises access with its own mutex.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ls::db {

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

/// Read access to the current row inside Query's callback. Row mappers read
/// columns by name, so a new or reordered column can't shift them; a name the
/// result lacks makes the Query fail, naming the column. Positional reads are for
/// one-column results (COUNT(*), a list of ids).
class SqlRow {
 public:
  explicit SqlRow(sqlite3_stmt* stmt);
  std::string Text(std::string_view column) const;
  int64_t Int(std::string_view column) const;
  double Real(std::string_view column) const;
  std::string Text(int col) const;
  int64_t Int(int col) const;
  double Real(int col) const;
  /// The first column a mapper asked for that the result does not have ("" if none).
  const std::string& missing_column() const { return missing_; }

 private:
  int Index(std::string_view column) const;
  sqlite3_stmt* stmt_;
  std::vector<std::string> names_;
  mutable std::string missing_;
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
  /// Runs one statement with parameters. A UNIQUE or PRIMARY KEY violation is
  /// AlreadyExists; any other constraint (foreign key, NOT NULL, CHECK) is
  /// FailedPrecondition.
  absl::Status Run(const std::string& sql, const std::vector<SqlValue>& args);
  /// Runs a query, calling `on_row` for each row.
  absl::Status Query(const std::string& sql, const std::vector<SqlValue>& args,
                     const std::function<void(const SqlRow&)>& on_row);
  /// BEGIN IMMEDIATE, `body`, COMMIT; ROLLBACK when `body` fails (its error is returned).
  absl::Status Transaction(const std::function<absl::Status()>& body);

 private:
  SqliteDb(sqlite3* db, std::string name) : db_(db), name_(std::move(name)) {}
  absl::StatusOr<sqlite3_stmt*> Prepare(const std::string& sql, const std::vector<SqlValue>& args);
  absl::Status StepError(int rc) const;
  sqlite3* db_;
  std::string name_;  // the file's name, prefixed to every error
};

}  // namespace ls::db
