// libFuzzer target: the classification commands' CSV files (a manifest
// `path_or_song,label`, end labels `song,end_s`), parsed before anything is
// sent. Whatever the bytes, the parser returns rows or an error naming one.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/classify_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* what : {"manifest", "labels"}) {
    auto rows = ls::cli::ParseTwoColumnCsv(text, what);
    if (!rows.ok()) {
      if (rows.status().message().find(what) == std::string::npos) __builtin_trap();  // errors name the file
      continue;
    }
    for (const auto& r : *rows) {
      if (r.first.empty() || r.row < 1) __builtin_trap();
      (void)ls::cli::LooksLikeSongId(r.first);
    }
  }
  return 0;
}
