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

  absl::Status Play(const std::string&, const audio::Signal& pcm, int64_t start_ns,
                    const std::atomic<bool>& cancel) override {
    if (auto st = CheckSignal(pcm); !st.ok()) return st;
    snd_pcm_t* dev = nullptr;
    if (int err = snd_pcm_open(&dev, device_.c_str(), SND_PCM_STREAM_PLAYBACK, 0); err < 0) {
      return absl::UnavailableError(absl::StrCat("audio device ", device_, ": ", snd_strerror(err)));
    }
    absl::Status st = Run(dev, pcm, start_ns, cancel);
    if (cancel.load()) snd_pcm_drop(dev); else snd_pcm_drain(dev);
    snd_pcm_close(dev);
    return st;
  }

 private:
  absl::Status Run(snd_pcm_t* dev, const audio::Signal& pcm, int64_t start_ns, const std::atomic<bool>& cancel) {
    // The song's own rate and channels; with soft_resample = 1 a plug device
    // (`default`, `plughw:…`) converts what the card cannot take.
    const int rate = pcm.sample_rate;
    const int ch = pcm.channels;
    if (int err = snd_pcm_set_params(dev, SND_PCM_FORMAT_FLOAT_LE, SND_PCM_ACCESS_RW_INTERLEAVED,
                                     static_cast<unsigned>(ch), static_cast<unsigned>(rate), 1, kLatencyUs);
        err < 0) {
      return absl::UnavailableError(absl::StrCat("audio device ", device_, " (", ch, " channels at ", rate,
                                                 " Hz): ", snd_strerror(err)));
    }
    // Wake a little before the start, then pad with silence so that frame 0
    // leaves the buffer at start_ns (the device starts once the buffer fills).
    const int64_t wake = start_ns - 2 * int64_t{kLatencyUs} * 1000;
    for (int64_t now = NowUnixNs(); now < wake && !cancel.load(); now = NowUnixNs()) {
      std::this_thread::sleep_for(std::chrono::nanoseconds(std::min<int64_t>(wake - now, 10'000'000)));
    }
    const int64_t now = NowUnixNs();
    const size_t pad = now < start_ns ? static_cast<size_t>((start_ns - now) * rate / 1'000'000'000) : 0;
    std::vector<float> silence(pad * static_cast<size_t>(ch));
    const size_t frames = static_cast<size_t>(pcm.frames());
    size_t pos = static_cast<size_t>(std::min<int64_t>(FirstDueSample(start_ns, now, rate), pcm.frames()));
    if (auto st = Write(dev, silence.data(), pad, ch, cancel); !st.ok()) return st;
    constexpr size_t kChunk = 1024;  // frames
    while (pos < frames && !cancel.load()) {
      size_t n = std::min(kChunk, frames - pos);
      if (auto st = Write(dev, pcm.samples.data() + pos * ch, n, ch, cancel); !st.ok()) return st;
      pos += n;
    }
    return absl::OkStatus();
  }

  // Writes `n` interleaved frames of `ch` channels.
  absl::Status Write(snd_pcm_t* dev, const float* data, size_t n, int ch, const std::atomic<bool>& cancel) {
    while (n > 0 && !cancel.load()) {
      snd_pcm_sframes_t w = snd_pcm_writei(dev, data, n);
      if (w < 0) w = snd_pcm_recover(dev, static_cast<int>(w), 1);  // underrun: carry on
      if (w < 0) return absl::UnavailableError(absl::StrCat("audio write: ", snd_strerror(static_cast<int>(w))));
      data += static_cast<size_t>(w) * static_cast<size_t>(ch);
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
