#include <alsa/asoundlib.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "stream/audio_output.h"

namespace ls::stream {
namespace {

constexpr unsigned kLatencyUs = 100'000;  // device buffer: small enough to stop promptly

class AlsaAudioOutput : public AudioOutput {
 public:
  explicit AlsaAudioOutput(std::string device) : device_(std::move(device)) {}

  absl::Status Play(const std::string&, const std::vector<float>& samples, int rate, int64_t start_ns,
                    const std::atomic<bool>& cancel) override {
    snd_pcm_t* pcm = nullptr;
    if (int err = snd_pcm_open(&pcm, device_.c_str(), SND_PCM_STREAM_PLAYBACK, 0); err < 0) {
      return absl::UnavailableError(absl::StrCat("audio device ", device_, ": ", snd_strerror(err)));
    }
    absl::Status st = Run(pcm, samples, rate, start_ns, cancel);
    if (cancel.load()) snd_pcm_drop(pcm); else snd_pcm_drain(pcm);
    snd_pcm_close(pcm);
    return st;
  }

 private:
  absl::Status Run(snd_pcm_t* pcm, const std::vector<float>& samples, int rate, int64_t start_ns,
                   const std::atomic<bool>& cancel) {
    if (int err = snd_pcm_set_params(pcm, SND_PCM_FORMAT_FLOAT_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1,
                                     static_cast<unsigned>(rate), 1, kLatencyUs);
        err < 0) {
      return absl::UnavailableError(absl::StrCat("audio device ", device_, ": ", snd_strerror(err)));
    }
    // Wake a little before the start, then pad with silence so that sample 0
    // leaves the buffer at start_ns (the device starts once the buffer fills).
    const int64_t wake = start_ns - 2 * int64_t{kLatencyUs} * 1000;
    for (int64_t now = NowUnixNs(); now < wake && !cancel.load(); now = NowUnixNs()) {
      std::this_thread::sleep_for(std::chrono::nanoseconds(std::min<int64_t>(wake - now, 10'000'000)));
    }
    const int64_t now = NowUnixNs();
    std::vector<float> silence(now < start_ns ? static_cast<size_t>((start_ns - now) * rate / 1'000'000'000) : 0);
    size_t pos = static_cast<size_t>(std::min<int64_t>(FirstDueSample(start_ns, now, rate),
                                                       static_cast<int64_t>(samples.size())));
    if (auto st = Write(pcm, silence.data(), silence.size(), cancel); !st.ok()) return st;
    constexpr size_t kChunk = 1024;
    while (pos < samples.size() && !cancel.load()) {
      size_t n = std::min(kChunk, samples.size() - pos);
      if (auto st = Write(pcm, samples.data() + pos, n, cancel); !st.ok()) return st;
      pos += n;
    }
    return absl::OkStatus();
  }

  absl::Status Write(snd_pcm_t* pcm, const float* data, size_t n, const std::atomic<bool>& cancel) {
    while (n > 0 && !cancel.load()) {
      snd_pcm_sframes_t w = snd_pcm_writei(pcm, data, n);
      if (w < 0) w = snd_pcm_recover(pcm, static_cast<int>(w), 1);  // underrun: carry on
      if (w < 0) return absl::UnavailableError(absl::StrCat("audio write: ", snd_strerror(static_cast<int>(w))));
      data += w;
      n -= static_cast<size_t>(w);
    }
    return absl::OkStatus();
  }

  std::string device_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<AudioOutput>> MakeAudioOutput(const std::string& spec) {
  if (spec == "none" || spec.empty()) return std::unique_ptr<AudioOutput>();
  if (spec == "null") return std::unique_ptr<AudioOutput>(new NullAudioOutput(""));
  if (spec.rfind("null:", 0) == 0 && spec.size() > 5) {
    return std::unique_ptr<AudioOutput>(new NullAudioOutput(spec.substr(5)));
  }
  if (spec.rfind("alsa:", 0) == 0 && spec.size() > 5) {
    return std::unique_ptr<AudioOutput>(new AlsaAudioOutput(spec.substr(5)));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--audio must be none, null, null:PATH or alsa:DEVICE (e.g. alsa:default), got '", spec, "'"));
}

}  // namespace ls::stream
