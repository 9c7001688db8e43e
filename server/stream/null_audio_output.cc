#include <chrono>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "stream/audio_output.h"

namespace ls::stream {

int64_t FirstDueSample(int64_t start_ns, int64_t now_ns, int rate) {
  if (now_ns <= start_ns) return 0;
  return (now_ns - start_ns) * rate / 1'000'000'000;
}

absl::Status CheckSignal(const audio::Signal& pcm) {
  if (pcm.sample_rate <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("sample rate must be > 0, got ", pcm.sample_rate));
  }
  if (pcm.channels < 1 || pcm.channels > 8) {
    return absl::InvalidArgumentError(absl::StrCat("channels must be 1 to 8, got ", pcm.channels));
  }
  if (pcm.samples.size() % static_cast<size_t>(pcm.channels) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(pcm.samples.size(), " samples are not whole frames of ",
                                                   pcm.channels, " channels"));
  }
  return absl::OkStatus();
}

absl::Status NullAudioOutput::Play(const std::string& play_id, const audio::Signal& pcm, int64_t start_ns,
                                   const std::atomic<bool>& cancel) {
  if (auto st = CheckSignal(pcm); !st.ok()) return st;
  // Time is counted in frames, whatever the channel count (as the ALSA device does).
  const int rate = pcm.sample_rate;
  const int64_t frames = pcm.frames();
  // Sleep in short steps so a cancel is noticed quickly.
  auto sleep_until = [&](int64_t t) {
    for (int64_t now = NowUnixNs(); now < t && !cancel.load(); now = NowUnixNs()) {
      std::this_thread::sleep_for(std::chrono::nanoseconds(std::min<int64_t>(t - now, 10'000'000)));
    }
  };
  sleep_until(start_ns);
  const int64_t first_ns = NowUnixNs();
  const int64_t first = std::min<int64_t>(FirstDueSample(start_ns, first_ns, rate), frames);
  int64_t next = first;
  constexpr int64_t kChunk = 1024;  // like a device period
  while (next < frames && !cancel.load()) {
    next = std::min<int64_t>(next + kChunk, frames);
    sleep_until(start_ns + next * 1'000'000'000 / rate);
  }
  if (!path_.empty()) {
    std::ofstream out(path_, std::ios::app);
    out << play_id << "," << start_ns << "," << first_ns << "," << (next - first) << "," << rate << ","
        << pcm.channels << "\n";
    if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path_));
  }
  return absl::OkStatus();
}

}  // namespace ls::stream
