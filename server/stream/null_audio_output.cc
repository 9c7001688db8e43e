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

absl::Status NullAudioOutput::Play(const std::string& play_id, const std::vector<float>& samples, int rate,
                                   int64_t start_ns, const std::atomic<bool>& cancel) {
  if (rate <= 0) return absl::InvalidArgumentError(absl::StrCat("sample rate must be > 0, got ", rate));
  // Sleep in short steps so a cancel is noticed quickly.
  auto sleep_until = [&](int64_t t) {
    for (int64_t now = NowUnixNs(); now < t && !cancel.load(); now = NowUnixNs()) {
      std::this_thread::sleep_for(std::chrono::nanoseconds(std::min<int64_t>(t - now, 10'000'000)));
    }
  };
  sleep_until(start_ns);
  const int64_t first_ns = NowUnixNs();
  const int64_t first = std::min<int64_t>(FirstDueSample(start_ns, first_ns, rate),
                                          static_cast<int64_t>(samples.size()));
  int64_t next = first;
  constexpr int64_t kChunk = 1024;  // like a device period
  while (next < static_cast<int64_t>(samples.size()) && !cancel.load()) {
    next = std::min<int64_t>(next + kChunk, static_cast<int64_t>(samples.size()));
    sleep_until(start_ns + next * 1'000'000'000 / rate);
  }
  if (!path_.empty()) {
    std::ofstream out(path_, std::ios::app);
    out << play_id << "," << start_ns << "," << first_ns << "," << (next - first) << "," << rate << "\n";
    if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path_));
  }
  return absl::OkStatus();
}

}  // namespace ls::stream
