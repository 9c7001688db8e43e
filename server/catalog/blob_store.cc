#include "catalog/blob_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/status_macros.h"

namespace ls::catalog {

absl::StatusOr<BlobStore> BlobStore::Open(const std::string& data_dir) {
  std::string root = absl::StrCat(data_dir, "/blobs");
  for (const char* kind : {"songs", "shows", "analysis"}) {
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

absl::StatusOr<std::vector<std::string>> BlobStore::List(const std::string& kind) const {
  std::vector<std::string> out;
  std::error_code ec;
  std::filesystem::directory_iterator it(absl::StrCat(root_, "/", kind), ec);
  if (ec) return absl::InternalError(absl::StrCat("cannot list blobs/", kind, ": ", ec.message()));
  for (const auto& e : it) {
    if (e.is_regular_file(ec)) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

absl::Status BlobStore::Remove(const std::string& kind, const std::string& name) const {
  std::string path = Path(kind, name);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return absl::InternalError(absl::StrCat("cannot delete ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace ls::catalog
