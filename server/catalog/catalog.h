#pragma once
/// The song and show catalog in SQLite (DIR/catalog.db).
/// Thread-safe: every method takes the catalog's mutex.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "catalog/blob_store.h"
#include "catalog/records.h"

namespace ls::db { class SqliteDb; }

namespace ls::catalog {

using db::SqliteDb;

class Catalog {
 public:
  /// Opens or creates DIR/catalog.db and migrates the schema.
  static absl::StatusOr<std::unique_ptr<Catalog>> Open(const std::string& data_dir);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  /// The song with exactly this id, or nullopt.
  absl::StatusOr<std::optional<SongRecord>> FindSong(const std::string& id);
  /// A song by full id or unique prefix (≥ 6 hex digits): NOT_FOUND when none
  /// matches, INVALID_ARGUMENT when the prefix is too short, not hex or ambiguous.
  absl::StatusOr<SongRecord> ResolveSong(const std::string& id_or_prefix);
  /// Newest first, every status (callers show or skip songs whose status is
  /// not kSongOk).
  absl::StatusOr<std::vector<SongRecord>> ListSongs();
  /// Every show row (for the start-up consistency check).
  absl::StatusOr<std::vector<ShowRecord>> ListShows();
  /// Sets a song's status (kSongOk or kSongMissingBlob).
  absl::Status SetSongStatus(const std::string& id, const std::string& status);
  absl::StatusOr<int64_t> CountSongs();

  /// Inserts a song and its show in one transaction (both or neither), and
  /// points the song at the show; the song's status is kSongOk. ALREADY_EXISTS
  /// if the song id is taken, unless `replace` (re-ingest of a song whose
  /// blobs went missing) overwrites the row.
  absl::Status InsertSongWithShow(const SongRecord& song, const ShowRecord& show,
                                  bool replace = false);
  absl::StatusOr<ShowRecord> GetShow(const std::string& id);

  /// Stores a (re-)rendered show and makes it the song's current show, in
  /// one transaction (learned shows: a new active model). NOT_FOUND when the
  /// song is not in the catalog.
  absl::Status SetSongShow(const ShowRecord& show);

  /// Deletes the song's row and every show row of it in one transaction
  /// (both or neither) and returns the show ids, whose blobs the caller
  /// removes afterwards (DeleteSongAndBlobs). NOT_FOUND for an unknown id.
  absl::StatusOr<std::vector<std::string>> DeleteSong(const std::string& id);

  /// Agent → channel group assignments (`lsctl agents assign`), kept across
  /// restarts. Setting one replaces the agent's previous group.
  absl::Status SetAgentGroup(const std::string& agent_id, uint32_t group);
  /// Every assignment, by agent id.
  absl::StatusOr<std::map<std::string, uint32_t>> AgentGroups();

 private:
  explicit Catalog(std::unique_ptr<SqliteDb> db);
  absl::Status Migrate();
  /// The show's row (inserted or replaced); inside the caller's transaction.
  absl::Status InsertShowLocked(const ShowRecord& sh);

  std::mutex mu_;
  std::unique_ptr<SqliteDb> db_;
};

/// Deletes a song (Catalog::DeleteSong), then its song and show blobs. A
/// crash between the two leaves orphan blobs only, which CheckConsistency
/// removes at the next start. Not synchronised with a concurrent Play of
/// the same song: the caller checks that first.
absl::Status DeleteSongAndBlobs(Catalog* catalog, const BlobStore& blobs, const std::string& id);

}  // namespace ls::catalog
