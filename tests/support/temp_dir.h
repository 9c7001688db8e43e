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

/// $TMPDIR/<prefix><pid>-<current test name>, emptied and created. Kept after
/// the test (it is named, so a failing test's files can be looked at).
std::string ScratchDir(const std::string& prefix);

}  // namespace ls::testutil
