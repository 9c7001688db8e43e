#pragma once
/// A scratch directory for tests, removed with its contents on destruction.

#include <string>

namespace ls::testutil {

/// A fresh directory under $TMPDIR (or /tmp) named after `prefix`.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "lightshow-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  /// path()/name
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace ls::testutil
