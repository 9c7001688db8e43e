#pragma once
// A per-test scratch directory under the system temp dir, removed afterwards.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace ls::testing_support {

inline std::filesystem::path MakeScratchDir(const std::string& prefix) {
  auto dir = std::filesystem::temp_directory_path() /
             (prefix + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace ls::testing_support
