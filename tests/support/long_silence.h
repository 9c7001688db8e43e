#pragma once
/// Small files that decode to hours of audio ("decompression bombs"), built
/// directly in memory so tests need no fixtures and no minutes of encoding.
/// Thread-safe: pure functions.

#include <cstdint>
#include <string>

namespace ls::testutil {

/// A mono 16-bit FLAC of `seconds` of silence at `rate` Hz: CONSTANT subframes
/// in 65535-sample blocks, about 14 bytes per block (10 h at 8 kHz ≈ 60 KiB).
/// `header_length` false leaves STREAMINFO's total-samples at 0 ("unknown"),
/// so only decoding finds out how long it is.
std::string LongSilenceFlac(double seconds, int rate = 8000, bool header_length = true);

/// An Ogg Vorbis of about `seconds` of silence at 8 kHz mono: a short encoded
/// silence whose middle audio pages are repeated with their granule positions,
/// sequence numbers and CRCs rewritten, so it is a valid stream that decodes
/// to the full length. Empty string if the encoder output has no repeatable run.
std::string LongSilenceOgg(double seconds);

}  // namespace ls::testutil
