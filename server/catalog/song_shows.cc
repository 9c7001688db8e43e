// Catalog: replacing a song's current show (re-renders when the active model changes).
#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "db/sqlite_db.h"
#include "common/status_macros.h"

namespace ls::catalog {

using db::SqlRow;
using db::SqlValue;

absl::Status Catalog::SetSongShow(const ShowRecord& sh) {
  std::lock_guard<std::mutex> lock(mu_);
  bool found = false;
  LS_RETURN_IF_ERROR(db_->Query("SELECT 1 FROM songs WHERE id = ?", {SqlValue::Text(sh.song_id)},
                                [&](const SqlRow&) { found = true; }));
  if (!found) return absl::NotFoundError(absl::StrCat("no song with id '", sh.song_id, "'"));
  return db_->Transaction([&] {
    LS_RETURN_IF_ERROR(InsertShowLocked(sh));
    return db_->Run("UPDATE songs SET show_id = ? WHERE id = ?",
                    {SqlValue::Text(sh.id), SqlValue::Text(sh.song_id)});
  });
}

}  // namespace ls::catalog
