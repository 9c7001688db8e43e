#include "judge/music_analysis.h"

namespace ls::judge {

absl::StatusOr<MusicAnalysis> AnalyzeMusic(const float* samples, size_t n, int sample_rate) {
  auto env = ComputeOnsetEnvelope(samples, n, sample_rate);
  if (!env.ok()) return env.status();
  MusicAnalysis m;
  m.duration_s = static_cast<double>(n) / sample_rate;
  auto beats = TrackBeats(*env);
  if (!beats.ok()) return beats.status();
  m.beats = std::move(*beats);
  m.onsets = PickOnsets(*env);
  auto loud = RmsLoudness(samples, n, sample_rate);
  if (!loud.ok()) return loud.status();
  m.loudness = std::move(*loud);
  return m;
}

}  // namespace ls::judge
