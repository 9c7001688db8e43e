#include "audio/encode.h"

#include <sndfile.h>

#include "absl/strings/str_cat.h"
#include "audio/memory_io.h"

namespace ls::audio {
namespace {

int SfFormat(Format f) {
  switch (f) {
    case Format::kWavPcm16: return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    case Format::kWavFloat: return SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    case Format::kFlac: return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    case Format::kOggVorbis: return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    case Format::kOpus: return SF_FORMAT_OGG | SF_FORMAT_OPUS;
    case Format::kMp3: return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
  }
  return 0;
}

}  // namespace

const char* FormatName(Format format) {
  switch (format) {
    case Format::kWavPcm16: return "wav16";
    case Format::kWavFloat: return "wavf";
    case Format::kFlac: return "flac";
    case Format::kOggVorbis: return "ogg";
    case Format::kOpus: return "opus";
    case Format::kMp3: return "mp3";
  }
  return "?";
}

absl::StatusOr<std::string> EncodeAudio(const std::vector<float>& interleaved, int channels,
                                        int rate, Format format) {
  if (channels < 1 || interleaved.size() % static_cast<size_t>(channels) != 0) {
    return absl::InvalidArgumentError(absl::StrCat("cannot encode ", interleaved.size(),
                                                   " samples as ", channels, " channels"));
  }
  MemoryFile mem;
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = SfFormat(format);
  if (!sf_format_check(&info)) {
    return absl::InvalidArgumentError(absl::StrCat(FormatName(format), " cannot hold ", channels,
                                                   " channels at ", rate, " Hz"));
  }
  SNDFILE* f = sf_open_virtual(MemoryFile::Io(), SFM_WRITE, &info, &mem);
  if (!f) {
    return absl::InvalidArgumentError(absl::StrCat("cannot encode ", FormatName(format), " (",
                                                   channels, " ch, ", rate,
                                                   " Hz): ", sf_strerror(nullptr)));
  }
  // Lossy encoders clip hard at full scale; keep float WAV values exact.
  sf_command(f, SFC_SET_CLIPPING, nullptr, SF_TRUE);
  const sf_count_t frames = static_cast<sf_count_t>(interleaved.size()) / channels;
  sf_count_t wrote = frames > 0 ? sf_writef_float(f, interleaved.data(), frames) : 0;
  std::string err = wrote == frames ? "" : sf_strerror(f);
  if (sf_close(f) != 0 && err.empty()) err = "closing the encoder failed";
  if (!err.empty()) {
    return absl::InternalError(absl::StrCat("encoding ", FormatName(format), " failed: ", err));
  }
  return mem.Take();
}

}  // namespace ls::audio
