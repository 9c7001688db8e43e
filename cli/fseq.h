#pragma once
/// FSEQ v2 files (the sequence format of Falcon Player and xLights) from a
/// stored show: resampling the show's frames to the file's step time and
/// writing the file. Pure functions, thread-safe.
///
/// Layout written (little-endian): a 32-byte header — "PSEQ", channel-data
/// offset (u16), minor 0, major 2, header length (u16, = the data offset as
/// FPP writes it), channel count (u32), frame count (u32), step ms (u8),
/// flags 0, compression type (0 none, 1 zstd, 2 zlib), compression block count
/// (u8), sparse range count 0, flags 0, unique id (u64, creation time in µs);
/// then one 8-byte index entry per compression block (first frame u32,
/// compressed length u32); then the variable headers `mf` (media file) and
/// `sp` (producer), each u16 length (incl. its 4-byte head), 2-char code and a
/// NUL-terminated string; zero padding to a multiple of 4; then the frames,
/// channel bytes 0 or 255. Compressed files split the frames into blocks, each
/// an independent zstd frame or zlib stream, the first block 10 frames long
/// (so a player starts fast, as FPP's own writer does).

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace ls::cli {

enum class FseqCompression { kNone = 0, kZstd = 1, kZlib = 2 };

/// "none", "zstd", "zlib" → the enum; INVALID_ARGUMENT naming the value otherwise.
absl::StatusOr<FseqCompression> ParseFseqCompression(const std::string& name);

/// INVALID_ARGUMENT unless 10 ≤ step_ms ≤ 255 (the header holds one byte;
/// below 10 ms no controller keeps up).
absl::Status CheckStepMs(int step_ms);

/// Resamples masks (`bytes_per_frame` bytes per frame, bit i of byte g =
/// channel 8g+i, one frame every `period_ns`) to frames of `step_ms`.
/// Rule: a channel is on in a step when the show has it on for at least half
/// of the step's time ("on if on during most of the step"); time past the
/// show's end counts as off. Why: the steps (10–255 ms) and the show's
/// frames (1024/44100 s ≈ 23.2 ms) do not line up, and sampling one instant
/// per step would drop or shift short flashes depending on the phase, while
/// the majority rule keeps each lamp's on-time within one step per change and
/// never invents a state the show does not have. The step count is
/// ceil(show duration / step).
std::string ResampleMasks(const std::string& masks, int bytes_per_frame, int64_t period_ns, int step_ms);

struct FseqOptions {
  int step_ms = 25;
  FseqCompression compression = FseqCompression::kZstd;
  std::string media;                 ///< `mf` header; "" = none written
  std::string producer = "Lightshow";  ///< `sp` header
  uint64_t unique_id = 0;            ///< 0 = now in µs
};

/// The bytes of an FSEQ v2 file for `channels` channels from step masks
/// (ResampleMasks' output, ceil(channels/8) bytes per step). INVALID_ARGUMENT
/// for a bad step, no channels, or masks that are not whole steps.
absl::StatusOr<std::string> WriteFseq(const std::string& step_masks, int channels, const FseqOptions& opts);

}  // namespace ls::cli
