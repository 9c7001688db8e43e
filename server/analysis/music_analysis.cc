#include "analysis/music_analysis.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "analysis/aubio_pass.h"
#include "analysis/beat_grid.h"
#include "analysis/beat_refine.h"
#include "analysis/sections.h"
#include "common/status_macros.h"
#include "dsp/stft.h"

namespace ls::analysis {
namespace {

// Below this a stretch counts as silence (dark, no beats).
constexpr float kSilenceDb = -55.f;

std::vector<float> LoudnessEnvelope(const float* x, size_t n, int rate, double period_s) {
  const size_t hop = std::max<size_t>(1, static_cast<size_t>(std::lround(period_s * rate)));
  std::vector<float> db;
  for (size_t pos = 0; pos < n; pos += hop) {
    const size_t end = std::min(n, pos + hop);
    double sq = 0;
    for (size_t i = pos; i < end; ++i) sq += double(x[i]) * x[i];
    const double rms = std::sqrt(sq / double(end - pos));
    db.push_back(rms > 1e-6 ? static_cast<float>(20.0 * std::log10(rms)) : -120.f);
  }
  return db;
}

// The fraction of beats with an onset within ±60 ms: a tracker left to
// guess (noise, rubato) places beats where nothing starts.
double OnsetAgreement(const std::vector<double>& beats, const std::vector<Onset>& onsets) {
  if (beats.empty()) return 0;
  size_t hit = 0, j = 0;
  for (double b : beats) {
    while (j < onsets.size() && onsets[j].time_s < b - 0.06) ++j;
    hit += j < onsets.size() && onsets[j].time_s <= b + 0.06;
  }
  return double(hit) / beats.size();
}

}  // namespace

float LoudnessAt(const MusicAnalysis& a, double t) {
  if (a.loudness_db.empty() || a.envelope_period_s <= 0 || t < 0) return -120.f;
  const double pos = t / a.envelope_period_s;
  const size_t i = static_cast<size_t>(pos);
  if (i + 1 >= a.loudness_db.size()) return i < a.loudness_db.size() ? a.loudness_db[i] : -120.f;
  const float w = static_cast<float>(pos - i);
  return a.loudness_db[i] * (1 - w) + a.loudness_db[i + 1] * w;
}

absl::StatusOr<MusicAnalysis> Analyze(const float* samples, size_t n, int sample_rate,
                                      const AnalysisConfig& cfg, const dsp::Spectrogram* features) {
  if (samples == nullptr || n == 0) return absl::InvalidArgumentError("analysis: no samples");
  if (sample_rate < 8000 || sample_rate > 192000) {
    return absl::InvalidArgumentError(
        absl::StrCat("analysis: sample rate must be 8000..192000 Hz, got ", sample_rate));
  }
  (void)dsp::SharedStft();  // FFTW's planner made thread-safe before aubio plans
  MusicAnalysis a;
  a.duration_s = double(n) / sample_rate;
  a.envelope_period_s = cfg.envelope_period_s;
  a.loudness_db = LoudnessEnvelope(samples, n, sample_rate, cfg.envelope_period_s);

  // Where there is sound at all: beats are kept inside it.
  int first = -1, last = -1;
  for (int i = 0; i < static_cast<int>(a.loudness_db.size()); ++i) {
    if (a.loudness_db[i] > kSilenceDb) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) {
    a.beat_note = "silent";
    return a;
  }
  const double sound_from = first * cfg.envelope_period_s;
  const double sound_to = (last + 1) * cfg.envelope_period_s;

  // aubio's tempo model counts in hops: keep its hop near 11.6 ms at any rate.
  int hop = cfg.aubio_hop;
  while (hop > 32 && hop * 44100.0 / sample_rate > cfg.aubio_hop * 1.5) hop /= 2;
  while (hop * 44100.0 / sample_rate < cfg.aubio_hop / 1.5) hop *= 2;
  const int window = hop * cfg.aubio_window / cfg.aubio_hop;
  LS_ASSIGN_OR_RETURN(AubioResult raw, RunAubio(samples, n, sample_rate, window, hop));
  // aubio places an onset a little before the attack it reacts to: keep
  // those with sound within 60 ms after them.
  for (const Onset& o : raw.onsets) {
    float peak = -120.f;
    for (double dt = 0; dt <= 0.06; dt += cfg.envelope_period_s / 2) peak = std::max(peak, LoudnessAt(a, o.time_s + dt));
    if (peak > kSilenceDb) a.onsets.push_back(o);
  }
  BeatGrid grid = MakeBeatGrid(RefineBeats(samples, n, sample_rate, raw.beats_s), sound_from, sound_to);
  // aubio reports 0 while it locks on and, now and then, a wild negative
  // value: the median of the rest is the song's confidence.
  std::vector<double> conf;
  for (float c : raw.confidences) {
    if (c != 0.f) conf.push_back(c);
  }
  a.tempo_confidence = Median(conf);
  a.bpm = grid.bpm;
  const bool enough = grid.beats_s.size() >= 8;
  const double agreement = OnsetAgreement(raw.beats_s, raw.onsets);
  a.steady_beat = enough && agreement >= cfg.min_beat_onset_agreement &&
                  grid.interval_cv <= cfg.max_interval_cv;
  if (!enough) {
    a.beat_note = "no steady beat: too few beats";
  } else if (agreement < cfg.min_beat_onset_agreement) {
    a.beat_note = absl::StrCat("no steady beat: only ", std::lround(100 * agreement),
                               " % of the tracked beats fall on an onset");
  } else if (grid.interval_cv > cfg.max_interval_cv) {
    a.beat_note = absl::StrCat("no steady beat: beat intervals vary by ",
                               absl::SixDigits(100 * grid.interval_cv), " %");
  } else {
    a.beat_note = "steady beat";
  }
  if (a.steady_beat) a.beats_s = std::move(grid.beats_s);

  // Sections from the song's own log spectrogram (44.1 kHz features).
  if (n >= static_cast<size_t>(dsp::kFrameSize)) {
    dsp::Spectrogram own;
    if (features == nullptr || features->hop != dsp::kFrameSize) {
      LS_ASSIGN_OR_RETURN(own, dsp::SharedStft().Features(samples, n, dsp::kFrameSize));
      features = &own;
    }
    SectionConfig sc;
    sc.kernel_s = cfg.section_kernel_s;
    sc.min_section_s = cfg.min_section_s;
    a.sections_s = FindSections(*features, double(dsp::kFrameSize) / sample_rate, sc).boundaries_s;
  }
  return a;
}

}  // namespace ls::analysis
