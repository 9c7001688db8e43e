#include "catalog/catalog.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "catalog/crash_point.h"
#include "db/sqlite_db.h"
#include "common/status_macros.h"

namespace ls::catalog {

using db::SqlRow;
using db::SqlValue;
namespace {

constexpr const char* kSongColumns =
    "id, name, format, size_bytes, source_sample_rate, source_channels, duration_s, "
    "frame_count, hop, created_unix_ms, show_id, status";

SongRecord ReadSong(const SqlRow& r) {
  SongRecord s;
  s.id = r.Text("id");
  s.name = r.Text("name");
  s.format = r.Text("format");
  s.size_bytes = r.Int("size_bytes");
  s.source_sample_rate = static_cast<int>(r.Int("source_sample_rate"));
  s.source_channels = static_cast<int>(r.Int("source_channels"));
  s.duration_s = r.Real("duration_s");
  s.frame_count = static_cast<int>(r.Int("frame_count"));
  s.hop = static_cast<int>(r.Int("hop"));
  s.created_unix_ms = r.Int("created_unix_ms");
  s.show_id = r.Text("show_id");
  s.status = r.Text("status");
  return s;
}

ShowRecord ReadShow(const SqlRow& r) {
  ShowRecord s;
  s.id = r.Text("id");
  s.song_id = r.Text("song_id");
  s.renderer = r.Text("renderer");
  s.channels = static_cast<int>(r.Int("channels"));
  s.frame_count = static_cast<int>(r.Int("frame_count"));
  s.frame_period_ns = r.Int("frame_period_ns");
  s.created_unix_ms = r.Int("created_unix_ms");
  s.profile = r.Text("profile");
  return s;
}

bool IsHex(const std::string& s) {
  for (char c : s) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

Catalog::Catalog(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
Catalog::~Catalog() = default;

absl::StatusOr<std::unique_ptr<Catalog>> Catalog::Open(const std::string& data_dir) {
  LS_ASSIGN_OR_RETURN(auto db, SqliteDb::Open(absl::StrCat(data_dir, "/catalog.db")));
  std::unique_ptr<Catalog> c(new Catalog(std::move(db)));
  LS_RETURN_IF_ERROR(c->Migrate());
  return c;
}

absl::Status Catalog::Migrate() {
  std::lock_guard<std::mutex> lock(mu_);
  LS_RETURN_IF_ERROR(db_->Exec(R"sql(
    CREATE TABLE IF NOT EXISTS songs (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      format TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      source_sample_rate INTEGER NOT NULL,
      source_channels INTEGER NOT NULL,
      duration_s REAL NOT NULL,
      frame_count INTEGER NOT NULL,
      hop INTEGER NOT NULL,
      created_unix_ms INTEGER NOT NULL,
      show_id TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE IF NOT EXISTS shows (
      id TEXT PRIMARY KEY,
      song_id TEXT NOT NULL REFERENCES songs(id),
      renderer TEXT NOT NULL,
      channels INTEGER NOT NULL,
      frame_count INTEGER NOT NULL,
      frame_period_ns INTEGER NOT NULL,
      created_unix_ms INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS shows_by_song ON shows(song_id);
    CREATE TABLE IF NOT EXISTS agent_groups (
      agent_id TEXT PRIMARY KEY,
      channel_group INTEGER NOT NULL
    );
  )sql"));
  // Additive migration: catalogs made before the start-up consistency check
  // have no status column; every existing row starts as 'ok'.
  bool has_status = false;
  LS_RETURN_IF_ERROR(db_->Query("PRAGMA table_info(songs)", {}, [&](const SqlRow& r) {
    if (r.Text("name") == "status") has_status = true;
  }));
  if (!has_status) {
    LS_RETURN_IF_ERROR(db_->Exec("ALTER TABLE songs ADD COLUMN status TEXT NOT NULL DEFAULT 'ok'"));
  }
  // Shows made before render profiles were selectable: '' (bands) or relay.
  bool has_profile = false;
  LS_RETURN_IF_ERROR(db_->Query("PRAGMA table_info(shows)", {}, [&](const SqlRow& r) {
    if (r.Text("name") == "profile") has_profile = true;
  }));
  if (!has_profile) {
    LS_RETURN_IF_ERROR(db_->Exec("ALTER TABLE shows ADD COLUMN profile TEXT NOT NULL DEFAULT ''"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<SongRecord>> Catalog::FindSong(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<SongRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(absl::StrCat("SELECT ", kSongColumns, " FROM songs WHERE id = ?"),
                                {SqlValue::Text(id)},
                                [&](const SqlRow& r) { out = ReadSong(r); }));
  return out;
}

absl::StatusOr<SongRecord> Catalog::ResolveSong(const std::string& id_or_prefix) {
  std::string key = absl::AsciiStrToLower(id_or_prefix);
  if (key.empty()) return absl::InvalidArgumentError("song id is empty");
  if (!IsHex(key)) {
    return absl::InvalidArgumentError(
        absl::StrCat("song id '", id_or_prefix, "' is not hexadecimal (ids are SHA-256 digests)"));
  }
  if (key.size() < 6) {
    return absl::InvalidArgumentError(
        absl::StrCat("song id prefix '", id_or_prefix, "' is too short: give at least 6 hex digits"));
  }
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<SongRecord> found;
  LS_RETURN_IF_ERROR(db_->Query(
      absl::StrCat("SELECT ", kSongColumns, " FROM songs WHERE substr(id, 1, ?) = ? LIMIT 2"),
      {SqlValue::Int(static_cast<int64_t>(key.size())), SqlValue::Text(key)},
      [&](const SqlRow& r) { found.push_back(ReadSong(r)); }));
  if (found.empty()) return absl::NotFoundError(absl::StrCat("no song with id '", id_or_prefix, "'"));
  if (found.size() > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("song id prefix '", id_or_prefix, "' matches several songs; give more digits"));
  }
  return found.front();
}

absl::StatusOr<std::vector<SongRecord>> Catalog::ListSongs() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<SongRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(
      absl::StrCat("SELECT ", kSongColumns, " FROM songs ORDER BY created_unix_ms DESC, id"), {},
      [&](const SqlRow& r) { out.push_back(ReadSong(r)); }));
  return out;
}

absl::StatusOr<std::vector<ShowRecord>> Catalog::ListShows() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ShowRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(
      "SELECT id, song_id, renderer, channels, frame_count, frame_period_ns, created_unix_ms, profile "
      "FROM shows ORDER BY id",
      {}, [&](const SqlRow& r) { out.push_back(ReadShow(r)); }));
  return out;
}

absl::Status Catalog::SetSongStatus(const std::string& id, const std::string& status) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Run("UPDATE songs SET status = ? WHERE id = ?",
                  {SqlValue::Text(status), SqlValue::Text(id)});
}

absl::StatusOr<int64_t> Catalog::CountSongs() {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t n = 0;
  LS_RETURN_IF_ERROR(db_->Query("SELECT COUNT(*) FROM songs", {}, [&](const SqlRow& r) { n = r.Int(0); }));
  return n;
}

absl::Status Catalog::InsertSongWithShow(const SongRecord& s, const ShowRecord& sh, bool replace) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Transaction([&] {
    LS_RETURN_IF_ERROR(db_->Run(
        absl::StrCat("INSERT INTO songs (", kSongColumns, ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                     // An upsert, not OR REPLACE: replacing would delete the row
                     // that the song's shows reference.
                     replace ? " ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                               "show_id = excluded.show_id, status = excluded.status"
                             : ""),
        {SqlValue::Text(s.id), SqlValue::Text(s.name), SqlValue::Text(s.format),
         SqlValue::Int(s.size_bytes), SqlValue::Int(s.source_sample_rate),
         SqlValue::Int(s.source_channels), SqlValue::Real(s.duration_s),
         SqlValue::Int(s.frame_count), SqlValue::Int(s.hop), SqlValue::Int(s.created_unix_ms),
         SqlValue::Text(sh.id), SqlValue::Text(kSongOk)}));
    LS_RETURN_IF_ERROR(InsertShowLocked(sh));
    CrashPoint("before_commit");
    return absl::OkStatus();
  });
}

absl::Status Catalog::InsertShowLocked(const ShowRecord& sh) {
  return db_->Run(
      "INSERT OR REPLACE INTO shows (id, song_id, renderer, channels, frame_count, "
      "frame_period_ns, created_unix_ms, profile) VALUES (?,?,?,?,?,?,?,?)",
      {SqlValue::Text(sh.id), SqlValue::Text(sh.song_id), SqlValue::Text(sh.renderer),
       SqlValue::Int(sh.channels), SqlValue::Int(sh.frame_count),
       SqlValue::Int(sh.frame_period_ns), SqlValue::Int(sh.created_unix_ms),
       SqlValue::Text(sh.profile)});
}

absl::StatusOr<ShowRecord> Catalog::GetShow(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<ShowRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(
      "SELECT id, song_id, renderer, channels, frame_count, frame_period_ns, created_unix_ms, profile "
      "FROM shows WHERE id = ?",
      {SqlValue::Text(id)}, [&](const SqlRow& r) { out = ReadShow(r); }));
  if (!out) return absl::NotFoundError(absl::StrCat("no show with id '", id, "'"));
  return *out;
}

}  // namespace ls::catalog
