#pragma once
/// An FSEQ v2 reader for the tests, written from the format description
/// (Falcon Player's FSEQ_Sequence_File_Format and the public reverse-
/// engineered spec), not from lsctl's writer: it checks the header fields and
/// returns every frame's channel bytes.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ls::it {

struct FseqFile {
  uint16_t data_offset = 0;
  uint8_t minor = 0, major = 0;
  uint16_t header_length = 0;
  uint32_t channels = 0;
  uint32_t frame_count = 0;
  uint8_t step_ms = 0;
  uint8_t compression = 0;   ///< 0 none, 1 zstd, 2 zlib
  uint8_t block_count = 0;
  uint8_t sparse_ranges = 0;
  std::vector<std::pair<uint32_t, uint32_t>> blocks;  ///< first frame, compressed bytes
  std::map<std::string, std::string> headers;         ///< "mf", "sp" → text (NUL stripped)
  std::vector<std::string> frames;                    ///< channel bytes of each frame
};

/// Parses `bytes`; on any inconsistency returns false and says why in `error`.
bool ReadFseq(const std::string& bytes, FseqFile* out, std::string* error);

}  // namespace ls::it
