#include "audio/encode_vorbis.h"

#include <sndfile.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "audio/memory_io.h"

namespace ls::audio {

absl::StatusOr<std::string> EncodeVorbis(const std::vector<float>& mono, int rate, double quality) {
  if (!(quality >= 0 && quality <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat("Vorbis quality must be 0..1, got ", quality));
  }
  MemoryFile mem;
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = 1;
  info.format = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
  if (!sf_format_check(&info)) return absl::InvalidArgumentError(absl::StrCat("Vorbis cannot encode ", rate, " Hz"));
  SNDFILE* f = sf_open_virtual(MemoryFile::Io(), SFM_WRITE, &info, &mem);
  if (!f) return absl::InvalidArgumentError(absl::StrCat("cannot encode Vorbis at ", rate, " Hz: ", sf_strerror(nullptr)));
  // Quality is set before the first write (libsndfile starts the stream then).
  double q = quality;
  sf_command(f, SFC_SET_VBR_ENCODING_QUALITY, &q, sizeof q);
  sf_command(f, SFC_SET_CLIPPING, nullptr, SF_TRUE);
  const sf_count_t n = static_cast<sf_count_t>(mono.size());
  // In pieces: libsndfile hands each write to libvorbis at once, whose
  // analysis allocates on the stack in proportion to it (a whole song in one
  // call overflows a worker thread's stack).
  constexpr sf_count_t kPiece = 16384;
  sf_count_t wrote = 0;
  while (wrote < n) {
    const sf_count_t want = std::min(kPiece, n - wrote);
    const sf_count_t got = sf_writef_float(f, mono.data() + wrote, want);
    if (got <= 0) break;
    wrote += got;
  }
  std::string err = wrote == n ? "" : sf_strerror(f);
  if (sf_close(f) != 0 && err.empty()) err = "closing the encoder failed";
  if (!err.empty()) return absl::InternalError(absl::StrCat("encoding Vorbis failed: ", err));
  return mem.Take();
}

}  // namespace ls::audio
