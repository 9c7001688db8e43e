// a. decode — the peer's decode(): file -> float32 -> mean of channels, no
// resampling. The timed span covers reading the file and decoding it, as
// soundfile.read() does both.
#include "absl/strings/str_cat.h"
#include "audio/decode_native.h"
#include "bench/stages.h"
#include "bench/stats.h"
#include "common/files.h"

namespace ls::bench {

absl::StatusOr<Json> DecodeStage(const std::vector<std::string>& paths, std::vector<Song>* songs) {
  constexpr int kExpectedRate = 44100;
  Json files = Json::array();
  double total = 0.0, audio_s = 0.0;
  for (const std::string& p : paths) {
    const double t0 = Now();
    absl::StatusOr<std::string> bytes = ls::ReadFile(p);
    if (!bytes.ok()) return bytes.status();
    absl::StatusOr<audio::Audio> a = audio::DecodeMemoryNative(*bytes);
    if (!a.ok()) return absl::InvalidArgumentError(absl::StrCat(p, ": ", a.status().message()));
    const double dt = Now() - t0;
    total += dt;
    Song s;
    s.path = p;
    s.sr = a->sample_rate;
    s.x = std::move(a->samples);
    s.duration = static_cast<double>(s.x.size()) / s.sr;
    audio_s += s.duration;
    Json f;
    f["path"] = p;
    f["samplerate"] = s.sr;
    f["channels"] = a->source_channels;
    f["samples"] = s.x.size();
    f["duration_s"] = s.duration;
    f["decode_s"] = dt;
    f["realtime_factor"] = s.duration / dt;
    f["resample_note"] = s.sr == kExpectedRate
                             ? Json(nullptr)
                             : Json(absl::StrCat("samplerate ", s.sr, " != 44100; NOT resampled"));
    files.push_back(std::move(f));
    songs->push_back(std::move(s));
  }
  Json j;
  j["files"] = std::move(files);
  j["total_s"] = total;
  j["audio_seconds"] = audio_s;
  j["realtime_factor"] = audio_s / total;
  return j;
}

}  // namespace ls::bench
