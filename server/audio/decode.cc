#include "audio/decode.h"

#include <sndfile.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "audio/limits.h"
#include "audio/memory_io.h"
#include "audio/wav_header.h"
#include "common/status_macros.h"

namespace ls::audio {
namespace {

struct SfCloser {
  void operator()(SNDFILE* f) const { sf_close(f); }
};
using SfPtr = std::unique_ptr<SNDFILE, SfCloser>;

std::string FormatName(int format) {
  if ((format & SF_FORMAT_SUBMASK) == SF_FORMAT_OPUS) return "OPUS";
  switch (format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV: return "WAV";
    case SF_FORMAT_WAVEX: return "WAV";
    case SF_FORMAT_FLAC: return "FLAC";
    case SF_FORMAT_OGG: return "OGG";
    case SF_FORMAT_MPEG: return "MPEG";
    case SF_FORMAT_AIFF: return "AIFF";
    case SF_FORMAT_RF64: return "RF64";
    case SF_FORMAT_W64: return "W64";
    case SF_FORMAT_CAF: return "CAF";
    default: break;
  }
  SF_FORMAT_INFO info{};
  info.format = format & SF_FORMAT_TYPEMASK;
  if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof(info)) == 0 && info.extension) {
    std::string ext = info.extension;
    for (char& c : ext) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return ext;
  }
  return "UNKNOWN";
}

// "52 49 46 46" — the first bytes, so a user can tell what the file really is.
std::string HexPrefix(std::string_view bytes) {
  const std::string hex = absl::BytesToHexString(absl::string_view(bytes.data(), std::min<size_t>(4, bytes.size())));
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    if (i > 0) out += ' ';
    out += hex.substr(i, 2);
  }
  return out;
}

absl::Status CheckInfo(const SF_INFO& info) {
  if (info.channels < kMinChannels || info.channels > kMaxChannels) {
    return absl::InvalidArgumentError(absl::StrCat("audio has ", info.channels,
                                                   " channels; supported are ", kMinChannels,
                                                   " to ", kMaxChannels));
  }
  if (info.samplerate < kMinRate || info.samplerate > kMaxRate) {
    return absl::InvalidArgumentError(absl::StrCat("audio sample rate is ", info.samplerate,
                                                   " Hz; supported are ", kMinRate, " to ",
                                                   kMaxRate, " Hz"));
  }
  return absl::OkStatus();
}

std::string Minutes(double seconds) {
  return absl::StrCat(std::round(seconds / 6.0) / 10.0, " min");  // 0.1 min steps
}

absl::Status TooLong(const std::string& what, double max_seconds) {
  return absl::ResourceExhaustedError(absl::StrCat(
      what, "; the longest song accepted is ", Minutes(max_seconds),
      " (server flag --max-song-minutes)"));
}

// Reads every frame, checks each sample is finite and averages the channels.
// `max_frames` (0 = none) bounds the decoded length before anything for the
// frames past it is allocated: a few MiB of compressed silence can otherwise
// decode to gigabytes of floats.
absl::StatusOr<std::vector<float>> ReadMono(SNDFILE* f, const SF_INFO& info, sf_count_t max_frames,
                                            double max_seconds) {
  const int ch = info.channels;
  constexpr sf_count_t kChunk = 16384;
  std::vector<float> buf(static_cast<size_t>(kChunk * ch));
  std::vector<float> mono;
  bool length_known = info.frames > 0 && info.frames < SF_COUNT_MAX;
  // The header's length is a hint, not a promise: cap the up-front
  // reservation so a lying header cannot make us allocate gigabytes.
  constexpr sf_count_t kMaxReserve = sf_count_t{1} << 25;  // 12 min at 44.1 kHz
  sf_count_t reserve = length_known ? std::min(info.frames, kMaxReserve) : 0;
  if (max_frames > 0) reserve = std::min(reserve, max_frames);
  if (reserve > 0) mono.reserve(static_cast<size_t>(reserve));
  const float scale = 1.0f / static_cast<float>(ch);
  while (true) {
    sf_count_t got = sf_readf_float(f, buf.data(), kChunk);
    if (got <= 0) break;
    if (max_frames > 0 && static_cast<sf_count_t>(mono.size()) + got > max_frames) {
      return TooLong(absl::StrCat("audio decodes to more than ", Minutes(max_seconds),
                                  " (stopped after ", mono.size(), " frames at ",
                                  info.samplerate, " Hz)"),
                     max_seconds);
    }
    for (sf_count_t i = 0; i < got; ++i) {
      const float* fr = &buf[static_cast<size_t>(i * ch)];
      float sum = 0.0f;
      for (int c = 0; c < ch; ++c) {
        if (!std::isfinite(fr[c])) {
          return absl::InvalidArgumentError(absl::StrCat(
              "audio contains a NaN or infinite sample (frame ", mono.size(), ", channel ", c,
              "); the file is corrupt"));
        }
        sum += fr[c];
      }
      mono.push_back(sum * scale);
    }
  }
  if (sf_error(f) != SF_ERR_NO_ERROR) {
    return absl::InvalidArgumentError(
        absl::StrCat("audio stream is corrupt after ", mono.size(), " frames: ", sf_strerror(f)));
  }
  // MP3s without a Xing/LAME header only have a length estimated from the
  // file size (tags and padding count too), so allow MPEG a small shortfall.
  sf_count_t slack = 0;
  if ((info.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG) slack = 4608 + info.frames / 50;
  if (length_known && static_cast<sf_count_t>(mono.size()) + slack < info.frames) {
    return absl::InvalidArgumentError(absl::StrCat(
        "truncated audio: the header claims ", info.frames, " frames but only ", mono.size(),
        " could be read; re-export the file"));
  }
  return mono;
}

}  // namespace

absl::StatusOr<Audio> DecodeMemory(std::string_view bytes, int64_t min_samples,
                                   double max_seconds) {
  if (bytes.empty()) return absl::InvalidArgumentError("audio is empty (0 bytes)");
  LS_RETURN_IF_ERROR(CheckWavHeader(bytes));

  MemoryFile mem(bytes);
  SF_INFO info{};
  SfPtr f(sf_open_virtual(MemoryFile::Io(), SFM_READ, &info, &mem));
  if (!f) {
    // libsndfile's last error is only worth showing when it says more than
    // "unknown format" (it also reports "file does not exist" for memory I/O).
    std::string detail = sf_strerror(nullptr);
    bool useful = detail.find("not recognised") == std::string::npos &&
                  detail.find("does not exist") == std::string::npos;
    return absl::InvalidArgumentError(absl::StrCat(
        "not audio in a supported format (WAV, FLAC, OGG Vorbis, Opus, MP3): ", bytes.size(),
        " bytes starting with ", HexPrefix(bytes), useful ? "; decoder says: " : "",
        useful ? detail : ""));
  }
  LS_RETURN_IF_ERROR(CheckInfo(info));
  sf_count_t max_frames = 0;
  if (max_seconds > 0) {
    max_frames = static_cast<sf_count_t>(max_seconds * info.samplerate);
    // The header's length, when it gives one, refuses the song before any decoding.
    if (info.frames > max_frames && info.frames < SF_COUNT_MAX) {
      return TooLong(absl::StrCat("audio is ", Minutes(double(info.frames) / info.samplerate),
                                  " long (", info.frames, " frames at ", info.samplerate,
                                  " Hz, from its header)"),
                     max_seconds);
    }
  }

  Audio out;
  out.source_sample_rate = info.samplerate;
  out.source_channels = info.channels;
  out.format = FormatName(info.format);
  LS_ASSIGN_OR_RETURN(std::vector<float> mono, ReadMono(f.get(), info, max_frames, max_seconds));
  out.source_frames = static_cast<int64_t>(mono.size());
  if (info.samplerate == kSampleRate) {
    out.samples = std::move(mono);
  } else {
    LS_ASSIGN_OR_RETURN(out.samples, Resample(mono, info.samplerate, kSampleRate));
  }
  if (static_cast<int64_t>(out.samples.size()) < min_samples) {
    return absl::InvalidArgumentError(absl::StrCat(
        "audio is too short: ", out.samples.size(), " samples at ", kSampleRate, " Hz (",
        out.samples.size() * 1000 / kSampleRate, " ms); at least ", min_samples,
        " are needed (lights work on 1024-sample frames)"));
  }
  return out;
}

}  // namespace ls::audio
