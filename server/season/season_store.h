#pragma once
/// Playlists, schedule rules and the schedule's resume point in SQLite
/// (tables playlists, playlist_songs, schedules, schedule_state in
/// DIR/catalog.db, on the store's own connection). Every change is one
/// transaction: a refused change leaves nothing changed.
/// Thread-safe: every method takes the store's mutex.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ls::db { class SqliteDb; }

namespace ls::season {

inline constexpr int64_t kDefaultGapMs = 2000;
inline constexpr int64_t kMaxGapMs = 600'000;

struct PlaylistRecord {
  std::string name;
  std::vector<std::string> song_ids;  ///< full ids, in play order
  bool shuffle = false;
  bool repeat = false;
  int64_t gap_ms = kDefaultGapMs;
  std::string intro;                  ///< song id, "" = none
  std::string outro;
  int64_t created_unix_ms = 0;
};

/// A schedule rule as given (canonical text of each flag; season/rules.h parses it).
struct ScheduleRecord {
  int64_t id = 0;
  std::string playlist;
  std::string days, from, until, dates, stop;
  int64_t created_unix_ms = 0;
};

/// INVALID_ARGUMENT unless 1-64 of A-Z a-z 0-9 . _ -.
absl::Status ValidatePlaylistName(const std::string& name);

class SeasonStore {
 public:
  static absl::StatusOr<std::unique_ptr<SeasonStore>> Open(const std::string& data_dir);
  ~SeasonStore();
  SeasonStore(const SeasonStore&) = delete;
  SeasonStore& operator=(const SeasonStore&) = delete;

  /// ALREADY_EXISTS when the name is taken.
  absl::Status CreatePlaylist(const PlaylistRecord& p);
  /// Replaces an existing playlist's songs and options. NOT_FOUND when unknown.
  absl::Status SavePlaylist(const PlaylistRecord& p);
  /// NOT_FOUND naming the playlist.
  absl::StatusOr<PlaylistRecord> GetPlaylist(const std::string& name);
  /// By name.
  absl::StatusOr<std::vector<PlaylistRecord>> ListPlaylists();
  /// NOT_FOUND; FAILED_PRECONDITION while a schedule uses it.
  absl::Status DeletePlaylist(const std::string& name);

  /// Stores a rule (its playlist must exist: NOT_FOUND) and returns its id.
  absl::StatusOr<int64_t> AddSchedule(const ScheduleRecord& s);
  /// By id.
  absl::StatusOr<std::vector<ScheduleRecord>> ListSchedules();
  /// NOT_FOUND naming the id.
  absl::Status DeleteSchedule(int64_t id);

  /// The scheduler's small persistent state (e.g. the resume point).
  absl::StatusOr<std::optional<std::string>> GetState(const std::string& key);
  absl::Status SetState(const std::string& key, const std::string& value);

 private:
  explicit SeasonStore(std::unique_ptr<db::SqliteDb> db);
  absl::Status Migrate();
  absl::StatusOr<std::optional<PlaylistRecord>> FindLocked(const std::string& name);
  absl::Status WriteSongsLocked(const PlaylistRecord& p);

  std::mutex mu_;
  std::unique_ptr<db::SqliteDb> db_;
};

}  // namespace ls::season
