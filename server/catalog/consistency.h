#pragma once
/// The start-up consistency check between the catalog and the blob store,
/// run before the server accepts RPCs. Why it is needed: ingest writes blobs
/// first and the catalog row last, so a crash (power cut, kill -9) in between
/// leaves an orphan blob, and a crash inside WriteFileAtomic leaves a temp
/// file; neither is ever visible to users, but both waste disk. A row whose
/// blob is gone (disk trouble, a hand-edited data dir) is kept and marked, so
/// the problem is reported instead of failing mid-show.
/// Not thread-safe with concurrent ingest: call it before serving.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "catalog/blob_store.h"
#include "catalog/catalog.h"

namespace ls::catalog {

struct ConsistencyReport {
  std::vector<std::string> removed_temp;     ///< "songs/<name>.tmp.<pid>", …
  std::vector<std::string> removed_orphans;  ///< "songs/<id>", "shows/<id>"
  std::vector<std::string> missing_blob;     ///< song ids marked kSongMissingBlob (new or still)
  std::vector<std::string> restored;         ///< song ids whose blobs are back (marked kSongOk)
  /// One line per finding, for the server log.
  std::vector<std::string> LogLines() const;
};

/// Removes leftover temp files (under DIR and DIR/blobs/*) and blobs no row
/// refers to; marks songs whose song or show blob is missing as
/// kSongMissingBlob (and back to kSongOk when both are present again).
absl::StatusOr<ConsistencyReport> CheckConsistency(const std::string& data_dir, Catalog* catalog,
                                                   const BlobStore& blobs);

}  // namespace ls::catalog
