#pragma once
/// The show that plays the music. Three questions, three sources:
///  - *which* channels light: per-channel scores (a learned code, or band
///    levels), each ranked within the song so every channel gets its turn;
///  - *when* they change: on the beat grid (or, with no steady beat, on
///    strong onsets) — between two events the lights hold still, and at
///    every event at least one light changes;
///  - *how many* are lit: the loudness envelope (quiet → few, loud → many,
///    silence and the dark end → none).
/// A section boundary rotates which light follows which score, so the
/// pattern visibly changes with the music. The profile's dwell is kept on
/// every channel (relay: ≥ 125 ms → ≤ 8 toggles/s).
/// Pure functions; thread-safe.

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "analysis/music_analysis.h"
#include "show/learned_renderer.h"

namespace ls::show {

struct MusicRenderConfig {
  /// Loudness below this (dBFS) is silence: dark.
  double silence_db = -55.0;
  /// Lit count = 1 + 7·f, f = rank_weight·(the loudness's rank in the song)
  /// + (1 − rank_weight)·(level on a level_range_db scale below the song's
  /// loud passages): the rank spreads every song over all counts, the level
  /// keeps a song with little dynamic range from exaggerating it.
  double rank_weight = 0.85;
  double level_range_db = 24.0;
  /// Onsets stronger than this quantile of the song's onsets are accents:
  /// lights also change on them between beats (1 = never; a profile whose
  /// dwell is under 60 ms — solid-state relays — uses at most 0.5).
  double accent_quantile = 1.0;
  /// With no steady beat: onsets at or above this strength quantile, at
  /// least min_onset_gap_s apart, are the events.
  double fallback_quantile = 0.5;
  double min_onset_gap_s = 0.25;
};

/// scores: frames × channels row-major (1 ≤ channels ≤ 8), higher = more
/// reason to be lit. Frames from dark_start on are dark. INVALID_ARGUMENT on
/// inconsistent sizes or a bad frame period.
absl::StatusOr<std::vector<uint8_t>> RenderMusic(const std::vector<float>& scores, int frames,
                                                 int channels, const analysis::MusicAnalysis& a,
                                                 int dark_start, double frame_period_s,
                                                 const RenderProfile& profile = RelayProfile(),
                                                 const MusicRenderConfig& cfg = {});

/// The frames at which the show may change (events), for tests and reports.
std::vector<int> EventFrames(const analysis::MusicAnalysis& a, int frames, double frame_period_s,
                             int min_gap_frames, const MusicRenderConfig& cfg = {});

}  // namespace ls::show

#include "show/band_renderer.h"

namespace ls::show {

/// The band show that plays the music: the 8 band levels (BandLevels) are
/// the scores, the relay profile's dwell applies. Same errors as RenderMusic.
absl::StatusOr<std::vector<uint8_t>> RenderBandMusic(const dsp::Spectrogram& spec,
                                                     const analysis::MusicAnalysis& a,
                                                     int dark_start, const BandConfig& cfg = {});

}  // namespace ls::show
