#pragma once
// A per-test scratch directory under the system temp dir, kept afterwards for a look.
#include <filesystem>
#include <string>

#include "temp_dir.h"

namespace ls::testing_support {

inline std::filesystem::path MakeScratchDir(const std::string& prefix) {
  return testutil::ScratchDir(prefix);
}

}  // namespace ls::testing_support
