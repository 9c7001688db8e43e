#include "catalog/blob_store.h"

#include <sys/stat.h>

#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/status_macros.h"

namespace ls::catalog {

absl::StatusOr<BlobStore> BlobStore::Open(const std::string& data_dir) {
  std::string root = absl::StrCat(data_dir, "/blobs");
  for (const char* kind : {"songs", "shows"}) {
    LS_RETURN_IF_ERROR(MakeDirs(absl::StrCat(root, "/", kind)));
  }
  return BlobStore(root);
}

std::string BlobStore::Path(const std::string& kind, const std::string& id) const {
  return absl::StrCat(root_, "/", kind, "/", id);
}

absl::Status BlobStore::Put(const std::string& kind, const std::string& id,
                            std::string_view bytes) const {
  LS_RETURN_IF_ERROR(MakeDirs(absl::StrCat(root_, "/", kind)));
  return WriteFileAtomic(Path(kind, id), bytes);
}

absl::StatusOr<std::string> BlobStore::Get(const std::string& kind, const std::string& id) const {
  auto data = ReadFile(Path(kind, id));
  if (!data.ok()) {
    return absl::DataLossError(absl::StrCat("blob ", kind, "/", id, " is missing from the data dir"));
  }
  return data;
}

bool BlobStore::Exists(const std::string& kind, const std::string& id) const {
  struct stat st{};
  return ::stat(Path(kind, id).c_str(), &st) == 0;
}

}  // namespace ls::catalog
