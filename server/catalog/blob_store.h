#pragma once
/// Content blobs under the data dir: DIR/blobs/<kind>/<id>. Writes are atomic
/// (temp file, fsync, rename). Thread-safe: no shared mutable state.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ls::catalog {

class BlobStore {
 public:
  /// Creates DIR/blobs/{songs,shows,analysis} (analysis: one per song id).
  static absl::StatusOr<BlobStore> Open(const std::string& data_dir);

  absl::Status Put(const std::string& kind, const std::string& id, std::string_view bytes) const;
  absl::StatusOr<std::string> Get(const std::string& kind, const std::string& id) const;
  bool Exists(const std::string& kind, const std::string& id) const;
  std::string Path(const std::string& kind, const std::string& id) const;
  /// Names of the regular files in DIR/blobs/<kind> (blob ids and any
  /// leftover temp files), sorted.
  absl::StatusOr<std::vector<std::string>> List(const std::string& kind) const;
  /// Deletes DIR/blobs/<kind>/<name>; OK if it is already gone.
  absl::Status Remove(const std::string& kind, const std::string& name) const;

 private:
  explicit BlobStore(std::string root) : root_(std::move(root)) {}
  std::string root_;
};

}  // namespace ls::catalog
