// Catalog: replacing a song's current show (re-renders when the active model changes).
#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "catalog/sqlite_db.h"
#include "common/status_macros.h"

namespace ls::catalog {

absl::Status Catalog::SetSongShow(const ShowRecord& sh) {
  std::lock_guard<std::mutex> lock(mu_);
  bool found = false;
  LS_RETURN_IF_ERROR(db_->Query("SELECT 1 FROM songs WHERE id = ?", {SqlValue::Text(sh.song_id)},
                                [&](const SqlRow&) { found = true; }));
  if (!found) return absl::NotFoundError(absl::StrCat("no song with id '", sh.song_id, "'"));
  LS_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  absl::Status st = db_->Run(
      "INSERT OR REPLACE INTO shows (id, song_id, renderer, channels, frame_count, "
      "frame_period_ns, created_unix_ms, profile) VALUES (?,?,?,?,?,?,?,?)",
      {SqlValue::Text(sh.id), SqlValue::Text(sh.song_id), SqlValue::Text(sh.renderer),
       SqlValue::Int(sh.channels), SqlValue::Int(sh.frame_count),
       SqlValue::Int(sh.frame_period_ns), SqlValue::Int(sh.created_unix_ms),
       SqlValue::Text(sh.profile)});
  if (st.ok()) {
    st = db_->Run("UPDATE songs SET show_id = ? WHERE id = ?",
                  {SqlValue::Text(sh.id), SqlValue::Text(sh.song_id)});
  }
  if (!st.ok()) {
    db_->Exec("ROLLBACK").IgnoreError();
    return st;
  }
  return db_->Exec("COMMIT");
}

}  // namespace ls::catalog
