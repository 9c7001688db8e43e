// Catalog: deleting a song with its shows (`lsctl rm`).
#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "catalog/crash_point.h"
#include "db/sqlite_db.h"
#include "common/status_macros.h"

namespace ls::catalog {

using db::SqlRow;
using db::SqlValue;

absl::StatusOr<std::vector<std::string>> Catalog::DeleteSong(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  bool found = false;
  LS_RETURN_IF_ERROR(db_->Query("SELECT 1 FROM songs WHERE id = ?", {SqlValue::Text(id)},
                                [&](const SqlRow&) { found = true; }));
  if (!found) return absl::NotFoundError(absl::StrCat("no song with id '", id, "'"));
  std::vector<std::string> shows;
  LS_RETURN_IF_ERROR(db_->Query("SELECT id FROM shows WHERE song_id = ? ORDER BY id", {SqlValue::Text(id)},
                                [&](const SqlRow& r) { shows.push_back(r.Text(0)); }));
  LS_RETURN_IF_ERROR(db_->Transaction([&] {
    LS_RETURN_IF_ERROR(db_->Run("DELETE FROM shows WHERE song_id = ?", {SqlValue::Text(id)}));
    LS_RETURN_IF_ERROR(db_->Run("DELETE FROM songs WHERE id = ?", {SqlValue::Text(id)}));
    CrashPoint("delete_before_commit");
    return absl::OkStatus();
  }));
  return shows;
}

absl::Status DeleteSongAndBlobs(Catalog* catalog, const BlobStore& blobs, const std::string& id) {
  // Rows first, blobs after: a crash in between leaves only orphan blobs,
  // which the start-up consistency check removes; never a row without data.
  LS_ASSIGN_OR_RETURN(auto shows, catalog->DeleteSong(id));
  CrashPoint("delete_after_commit");
  for (const auto& show : shows) LS_RETURN_IF_ERROR(blobs.Remove("shows", show));
  return blobs.Remove("songs", id);
}

}  // namespace ls::catalog
