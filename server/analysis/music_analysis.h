#pragma once
/// What the music does, found once at ingest and stored with the song: the
/// beat grid and tempo, onsets with their strength, the loudness envelope and
/// section boundaries. The renderer reads it to decide *when* lights change
/// (beats, onsets), *how many* are lit (loudness) and where the pattern
/// changes (sections). Everything is in seconds, so shows of any hop can use it.
/// Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::dsp {
struct Spectrogram;
}  // namespace ls::dsp

namespace ls::analysis {

/// Bumped whenever analysis or the rules that render from it change: stored
/// songs with an older version are analysed and rendered again at start-up.
inline constexpr int kAnalysisVersion = 1;

struct Onset {
  double time_s = 0;
  float strength = 0;  ///< the onset function's value at the onset (aubio's descriptor)
};

struct MusicAnalysis {
  int version = kAnalysisVersion;
  double duration_s = 0;
  double bpm = 0;               ///< median tempo of the beat grid (0: none)
  double tempo_confidence = 0;  ///< aubio's tempo confidence, the median over the song
  bool steady_beat = false;     ///< false: ambient, rubato, speech, noise — onsets drive the show
  std::string beat_note;        ///< why the beat was judged steady or not, for the report
  std::vector<double> beats_s;  ///< beat times (filled where the tracker was still locking on)
  std::vector<Onset> onsets;
  double envelope_period_s = 0;     ///< spacing of loudness_db values
  std::vector<float> loudness_db;   ///< RMS dBFS, floored at -120
  std::vector<double> sections_s;   ///< section boundaries (not including 0)
};

struct AnalysisConfig {
  int aubio_window = 1024;
  int aubio_hop = 512;
  double envelope_period_s = 1024.0 / 44100.0;
  /// A beat grid is "steady" when at least this fraction of the tracker's
  /// beats fall within ±60 ms of an onset (aubio's own confidence swings
  /// wildly, even negative, on short songs, so it is reported, not used) …
  double min_beat_onset_agreement = 0.4;
  /// … and its inter-beat intervals vary by less than this (coefficient of variation).
  double max_interval_cv = 0.25;
  /// Sections: the novelty kernel's half width and the shortest section, in seconds.
  double section_kernel_s = 8.0;
  double min_section_s = 12.0;
};

/// Analyses mono samples at `sample_rate` (8 kHz..192 kHz). INVALID_ARGUMENT
/// for no samples or a bad rate; a very short or silent song gives an
/// analysis with no beats and a dark envelope, not an error.
/// `features`: the song's spectrogram when the caller has one already (ingest
/// does); used for the sections when its hop is dsp::kFrameSize, else one is made.
absl::StatusOr<MusicAnalysis> Analyze(const float* samples, size_t n, int sample_rate,
                                      const AnalysisConfig& cfg = {}, const dsp::Spectrogram* features = nullptr);

/// Loudness at time t (linear interpolation of the envelope; -120 outside).
float LoudnessAt(const MusicAnalysis& a, double t_s);

}  // namespace ls::analysis
