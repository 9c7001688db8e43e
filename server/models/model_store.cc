#include "models/model_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "db/sqlite_db.h"
#include "common/status_macros.h"

namespace ls::models {
namespace {

using db::SqlRow;
using db::SqlValue;

constexpr const char* kColumns =
    "id, job_id, arch, settings, train_mse, val_mse, pca_val_mse, train_songs, val_songs, status, "
    "message, active, created_unix_ms, kind, metrics, profile";

ModelRecord ReadModel(const SqlRow& r) {
  ModelRecord m;
  m.id = r.Text("id");
  m.job_id = r.Text("job_id");
  m.arch = r.Text("arch");
  m.settings = r.Text("settings");
  m.train_mse = r.Real("train_mse");
  m.val_mse = r.Real("val_mse");
  m.pca_val_mse = r.Real("pca_val_mse");
  m.train_songs = static_cast<int>(r.Int("train_songs"));
  m.val_songs = static_cast<int>(r.Int("val_songs"));
  m.status = r.Text("status");
  m.message = r.Text("message");
  m.active = r.Int("active") != 0;
  m.created_unix_ms = r.Int("created_unix_ms");
  m.kind = r.Text("kind");
  m.metrics = r.Text("metrics");
  m.profile = r.Text("profile");
  return m;
}

}  // namespace

ModelStore::ModelStore(std::unique_ptr<db::SqliteDb> db) : db_(std::move(db)) {}
ModelStore::~ModelStore() = default;

absl::StatusOr<std::unique_ptr<ModelStore>> ModelStore::Open(const std::string& data_dir) {
  LS_ASSIGN_OR_RETURN(auto db, db::SqliteDb::Open(absl::StrCat(data_dir, "/catalog.db")));
  LS_RETURN_IF_ERROR(db->Exec(R"sql(
    CREATE TABLE IF NOT EXISTS models (
      id TEXT PRIMARY KEY,
      job_id TEXT NOT NULL,
      arch TEXT NOT NULL,
      settings TEXT NOT NULL,
      train_mse REAL NOT NULL,
      val_mse REAL NOT NULL,
      pca_val_mse REAL NOT NULL,
      train_songs INTEGER NOT NULL,
      val_songs INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'ok',
      message TEXT NOT NULL DEFAULT '',
      active INTEGER NOT NULL DEFAULT 0,
      created_unix_ms INTEGER NOT NULL
    );
  )sql"));
  // Tables made before classification models existed lack these columns.
  std::vector<std::string> columns;
  LS_RETURN_IF_ERROR(db->Query("PRAGMA table_info(models)", {},
                               [&](const SqlRow& r) { columns.push_back(r.Text("name")); }));
  auto has = [&](const char* c) { return std::find(columns.begin(), columns.end(), c) != columns.end(); };
  if (!has("kind")) {
    LS_RETURN_IF_ERROR(db->Exec("ALTER TABLE models ADD COLUMN kind TEXT NOT NULL DEFAULT 'autoencoder'"));
  }
  if (!has("metrics")) {
    LS_RETURN_IF_ERROR(db->Exec("ALTER TABLE models ADD COLUMN metrics TEXT NOT NULL DEFAULT ''"));
  }
  if (!has("profile")) {
    LS_RETURN_IF_ERROR(db->Exec("ALTER TABLE models ADD COLUMN profile TEXT NOT NULL DEFAULT 'relay'"));
  }
  return std::unique_ptr<ModelStore>(new ModelStore(std::move(db)));
}

absl::Status ModelStore::Put(const ModelRecord& m) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Run(absl::StrCat("INSERT OR REPLACE INTO models (", kColumns,
                               ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
                  {SqlValue::Text(m.id), SqlValue::Text(m.job_id), SqlValue::Text(m.arch),
                   SqlValue::Text(m.settings), SqlValue::Real(m.train_mse),
                   SqlValue::Real(m.val_mse), SqlValue::Real(m.pca_val_mse),
                   SqlValue::Int(m.train_songs), SqlValue::Int(m.val_songs),
                   SqlValue::Text(m.status), SqlValue::Text(m.message),
                   SqlValue::Int(m.active ? 1 : 0), SqlValue::Int(m.created_unix_ms),
                   SqlValue::Text(m.kind), SqlValue::Text(m.metrics), SqlValue::Text(m.profile)});
}

absl::StatusOr<ModelRecord> ModelStore::Get(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<ModelRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(absl::StrCat("SELECT ", kColumns, " FROM models WHERE id = ?"),
                                {SqlValue::Text(id)}, [&](const SqlRow& r) { out = ReadModel(r); }));
  if (!out) return absl::NotFoundError(absl::StrCat("no model with id '", id, "'"));
  return *out;
}

absl::Status ModelStore::Delete(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<bool> active;
  LS_RETURN_IF_ERROR(db_->Query("SELECT active FROM models WHERE id = ?", {SqlValue::Text(id)},
                                [&](const SqlRow& r) { active = r.Int(0) != 0; }));
  if (!active) return absl::NotFoundError(absl::StrCat("no model with id '", id, "'"));
  if (*active) {
    return absl::FailedPreconditionError(absl::StrCat(
        "model ", id, " is the active model and cannot be deleted; activate another (or 'bands') first"));
  }
  return db_->Run("DELETE FROM models WHERE id = ?", {SqlValue::Text(id)});
}

absl::StatusOr<std::vector<ModelRecord>> ModelStore::List() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ModelRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(
      absl::StrCat("SELECT ", kColumns, " FROM models ORDER BY created_unix_ms DESC, id"), {},
      [&](const SqlRow& r) { out.push_back(ReadModel(r)); }));
  return out;
}

absl::StatusOr<std::optional<ModelRecord>> ModelStore::Active() {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<ModelRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(
      absl::StrCat("SELECT ", kColumns, " FROM models WHERE active = 1 LIMIT 1"), {},
      [&](const SqlRow& r) { out = ReadModel(r); }));
  return out;
}

absl::StatusOr<std::optional<ModelRecord>> ModelStore::Newest(const std::string& kind) {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<ModelRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(
      absl::StrCat("SELECT ", kColumns,
                   " FROM models WHERE kind = ? AND status = 'ok' ORDER BY created_unix_ms DESC, id DESC LIMIT 1"),
      {SqlValue::Text(kind)}, [&](const SqlRow& r) { out = ReadModel(r); }));
  return out;
}

absl::Status ModelStore::Activate(const std::string& id) { return Activate(id, "relay"); }

absl::Status ModelStore::Activate(const std::string& id, const std::string& profile) {
  std::lock_guard<std::mutex> lock(mu_);
  // One statement is atomic by itself: exactly one model stays active.
  return db_->Run(
      "UPDATE models SET active = CASE WHEN id = ? THEN 1 ELSE 0 END, "
      "profile = CASE WHEN id = ? THEN ? ELSE profile END",
      {SqlValue::Text(id), SqlValue::Text(id), SqlValue::Text(profile)});
}

absl::Status ModelStore::MarkBroken(const std::string& id, const std::string& reason) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Run("UPDATE models SET status = 'broken', message = ? WHERE id = ?",
                  {SqlValue::Text(reason), SqlValue::Text(id)});
}

absl::Status ModelStore::MarkOk(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Run("UPDATE models SET status = 'ok', message = '' WHERE id = ?", {SqlValue::Text(id)});
}

}  // namespace ls::models
