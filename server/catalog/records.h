#pragma once
/// Plain catalog records (rows of the songs and shows tables).

#include <cstdint>
#include <string>

namespace ls::catalog {

struct SongRecord {
  std::string id;          ///< SHA-256 hex of the uploaded bytes
  std::string name;
  std::string format;
  int64_t size_bytes = 0;
  int source_sample_rate = 0;
  int source_channels = 0;
  double duration_s = 0;
  int frame_count = 0;
  int hop = 0;
  int64_t created_unix_ms = 0;
  std::string show_id;     ///< current show ("" when none)
  /// kSongOk, or kSongMissingBlob when the start-up check found its song or
  /// show blob gone (the row is kept so the problem stays visible).
  std::string status = "ok";
};

inline constexpr const char* kSongOk = "ok";
inline constexpr const char* kSongMissingBlob = "missing_blob";

struct ShowRecord {
  std::string id;
  std::string song_id;
  std::string renderer;    ///< "bands" or a model id
  std::string profile;     ///< learned shows: "relay" or "ssr"; "" for band shows
  int channels = 8;
  int frame_count = 0;
  int64_t frame_period_ns = 0;
  int64_t created_unix_ms = 0;
};

}  // namespace ls::catalog
