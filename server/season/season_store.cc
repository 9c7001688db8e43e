#include "season/season_store.h"

#include "absl/strings/str_cat.h"
#include "db/sqlite_db.h"
#include "common/clock.h"
#include "common/status_macros.h"

namespace ls::season {

using db::SqlRow;
using db::SqlValue;

absl::Status ValidatePlaylistName(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                c == '_' || c == '-');
  }
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("playlist name must be 1-64 of A-Z a-z 0-9 . _ -, got '", name, "'"));
}

SeasonStore::SeasonStore(std::unique_ptr<db::SqliteDb> db) : db_(std::move(db)) {}
SeasonStore::~SeasonStore() = default;

absl::StatusOr<std::unique_ptr<SeasonStore>> SeasonStore::Open(const std::string& data_dir) {
  LS_ASSIGN_OR_RETURN(auto db, db::SqliteDb::Open(absl::StrCat(data_dir, "/catalog.db")));
  std::unique_ptr<SeasonStore> s(new SeasonStore(std::move(db)));
  LS_RETURN_IF_ERROR(s->Migrate());
  return s;
}

absl::Status SeasonStore::Migrate() {
  std::lock_guard<std::mutex> lock(mu_);
  // Song ids are not foreign keys: deleting a song leaves a gap the player
  // reports and skips, never a broken playlist.
  return db_->Exec(R"sql(
    CREATE TABLE IF NOT EXISTS playlists (
      name TEXT PRIMARY KEY,
      shuffle INTEGER NOT NULL,
      repeat INTEGER NOT NULL,
      gap_ms INTEGER NOT NULL,
      intro_song TEXT NOT NULL,
      outro_song TEXT NOT NULL,
      created_unix_ms INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS playlist_songs (
      playlist TEXT NOT NULL,
      position INTEGER NOT NULL,
      song_id TEXT NOT NULL,
      PRIMARY KEY (playlist, position)
    );
    CREATE TABLE IF NOT EXISTS schedules (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      playlist TEXT NOT NULL,
      days TEXT NOT NULL,
      from_spec TEXT NOT NULL,
      until_spec TEXT NOT NULL,
      dates TEXT NOT NULL,
      stop TEXT NOT NULL,
      created_unix_ms INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS schedule_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  )sql");
}

absl::StatusOr<std::optional<PlaylistRecord>> SeasonStore::FindLocked(const std::string& name) {
  std::optional<PlaylistRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(
      "SELECT name, shuffle, repeat, gap_ms, intro_song, outro_song, created_unix_ms FROM playlists "
      "WHERE name = ?",
      {SqlValue::Text(name)}, [&](const SqlRow& r) {
        PlaylistRecord p;
        p.name = r.Text("name");
        p.shuffle = r.Int("shuffle") != 0;
        p.repeat = r.Int("repeat") != 0;
        p.gap_ms = r.Int("gap_ms");
        p.intro = r.Text("intro_song");
        p.outro = r.Text("outro_song");
        p.created_unix_ms = r.Int("created_unix_ms");
        out = p;
      }));
  if (!out) return out;
  LS_RETURN_IF_ERROR(db_->Query("SELECT song_id FROM playlist_songs WHERE playlist = ? ORDER BY position",
                                {SqlValue::Text(name)},
                                [&](const SqlRow& r) { out->song_ids.push_back(r.Text(0)); }));
  return out;
}

absl::Status SeasonStore::WriteSongsLocked(const PlaylistRecord& p) {
  LS_RETURN_IF_ERROR(db_->Run("DELETE FROM playlist_songs WHERE playlist = ?", {SqlValue::Text(p.name)}));
  for (size_t i = 0; i < p.song_ids.size(); ++i) {
    LS_RETURN_IF_ERROR(db_->Run("INSERT INTO playlist_songs (playlist, position, song_id) VALUES (?,?,?)",
                                {SqlValue::Text(p.name), SqlValue::Int(static_cast<int64_t>(i)),
                                 SqlValue::Text(p.song_ids[i])}));
  }
  return absl::OkStatus();
}

absl::Status SeasonStore::CreatePlaylist(const PlaylistRecord& p) {
  LS_RETURN_IF_ERROR(ValidatePlaylistName(p.name));
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Transaction([&]() -> absl::Status {
    LS_ASSIGN_OR_RETURN(auto existing, FindLocked(p.name));
    if (existing) return absl::AlreadyExistsError(absl::StrCat("playlist '", p.name, "' already exists"));
    LS_RETURN_IF_ERROR(db_->Run(
        "INSERT INTO playlists (name, shuffle, repeat, gap_ms, intro_song, outro_song, created_unix_ms) "
        "VALUES (?,?,?,?,?,?,?)",
        {SqlValue::Text(p.name), SqlValue::Int(p.shuffle), SqlValue::Int(p.repeat), SqlValue::Int(p.gap_ms),
         SqlValue::Text(p.intro), SqlValue::Text(p.outro), SqlValue::Int(NowUnixNs() / 1'000'000)}));
    return WriteSongsLocked(p);
  });
}

absl::Status SeasonStore::SavePlaylist(const PlaylistRecord& p) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Transaction([&]() -> absl::Status {
    LS_ASSIGN_OR_RETURN(auto existing, FindLocked(p.name));
    if (!existing) return absl::NotFoundError(absl::StrCat("no playlist '", p.name, "'"));
    LS_RETURN_IF_ERROR(db_->Run(
        "UPDATE playlists SET shuffle = ?, repeat = ?, gap_ms = ?, intro_song = ?, outro_song = ? WHERE name = ?",
        {SqlValue::Int(p.shuffle), SqlValue::Int(p.repeat), SqlValue::Int(p.gap_ms), SqlValue::Text(p.intro),
         SqlValue::Text(p.outro), SqlValue::Text(p.name)}));
    return WriteSongsLocked(p);
  });
}

absl::StatusOr<PlaylistRecord> SeasonStore::GetPlaylist(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  LS_ASSIGN_OR_RETURN(auto p, FindLocked(name));
  if (!p) return absl::NotFoundError(absl::StrCat("no playlist '", name, "' (see `lsctl playlist list`)"));
  return *p;
}

absl::StatusOr<std::vector<PlaylistRecord>> SeasonStore::ListPlaylists() {
  std::vector<std::string> names;
  {
    std::lock_guard<std::mutex> lock(mu_);
    LS_RETURN_IF_ERROR(db_->Query("SELECT name FROM playlists ORDER BY name", {},
                                  [&](const SqlRow& r) { names.push_back(r.Text(0)); }));
  }
  std::vector<PlaylistRecord> out;
  for (const auto& n : names) {
    auto p = GetPlaylist(n);
    if (p.ok()) out.push_back(std::move(*p));  // one deleted meanwhile is simply gone
  }
  return out;
}

absl::Status SeasonStore::DeletePlaylist(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Transaction([&]() -> absl::Status {
    LS_ASSIGN_OR_RETURN(auto existing, FindLocked(name));
    if (!existing) return absl::NotFoundError(absl::StrCat("no playlist '", name, "'"));
    int64_t used_by = 0;
    LS_RETURN_IF_ERROR(db_->Query("SELECT id FROM schedules WHERE playlist = ? ORDER BY id LIMIT 1",
                                  {SqlValue::Text(name)}, [&](const SqlRow& r) { used_by = r.Int(0); }));
    if (used_by != 0) {
      return absl::FailedPreconditionError(absl::StrCat("playlist '", name, "' is used by schedule ", used_by,
                                                        ": remove it first (lsctl schedule rm ", used_by, ")"));
    }
    LS_RETURN_IF_ERROR(db_->Run("DELETE FROM playlist_songs WHERE playlist = ?", {SqlValue::Text(name)}));
    return db_->Run("DELETE FROM playlists WHERE name = ?", {SqlValue::Text(name)});
  });
}

absl::StatusOr<int64_t> SeasonStore::AddSchedule(const ScheduleRecord& s) {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t id = 0;
  LS_RETURN_IF_ERROR(db_->Transaction([&]() -> absl::Status {
    LS_ASSIGN_OR_RETURN(auto existing, FindLocked(s.playlist));
    if (!existing) return absl::NotFoundError(absl::StrCat("no playlist '", s.playlist, "'"));
    LS_RETURN_IF_ERROR(db_->Run(
        "INSERT INTO schedules (playlist, days, from_spec, until_spec, dates, stop, created_unix_ms) "
        "VALUES (?,?,?,?,?,?,?)",
        {SqlValue::Text(s.playlist), SqlValue::Text(s.days), SqlValue::Text(s.from), SqlValue::Text(s.until),
         SqlValue::Text(s.dates), SqlValue::Text(s.stop), SqlValue::Int(NowUnixNs() / 1'000'000)}));
    return db_->Query("SELECT last_insert_rowid()", {}, [&](const SqlRow& r) { id = r.Int(0); });
  }));
  return id;
}

absl::StatusOr<std::vector<ScheduleRecord>> SeasonStore::ListSchedules() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ScheduleRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(
      "SELECT id, playlist, days, from_spec, until_spec, dates, stop, created_unix_ms FROM schedules ORDER BY id",
      {}, [&](const SqlRow& r) {
        out.push_back({r.Int("id"), r.Text("playlist"), r.Text("days"), r.Text("from_spec"), r.Text("until_spec"), r.Text("dates"), r.Text("stop"), r.Int("created_unix_ms")});
      }));
  return out;
}

absl::Status SeasonStore::DeleteSchedule(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  bool found = false;
  LS_RETURN_IF_ERROR(db_->Query("SELECT id FROM schedules WHERE id = ?", {SqlValue::Int(id)},
                                [&](const SqlRow&) { found = true; }));
  if (!found) return absl::NotFoundError(absl::StrCat("no schedule ", id, " (see `lsctl schedule list`)"));
  return db_->Run("DELETE FROM schedules WHERE id = ?", {SqlValue::Int(id)});
}

absl::StatusOr<std::optional<std::string>> SeasonStore::GetState(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<std::string> out;
  LS_RETURN_IF_ERROR(db_->Query("SELECT value FROM schedule_state WHERE key = ?", {SqlValue::Text(key)},
                                [&](const SqlRow& r) { out = r.Text(0); }));
  return out;
}

absl::Status SeasonStore::SetState(const std::string& key, const std::string& value) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Run("INSERT OR REPLACE INTO schedule_state (key, value) VALUES (?, ?)",
                  {SqlValue::Text(key), SqlValue::Text(value)});
}

}  // namespace ls::season
