#pragma once
/// The built-in demo song: an arrangement of "Jingle Bells" (James Lord
/// Pierpont, 1857, public domain) in G major at a steady 132 BPM. A quiet
/// verse ("Dashing through the snow...": melody, soft pad and bass, sleigh
/// bells, a soft kick from bar 5), a loud chorus ("Jingle bells, jingle
/// bells...": kick on every beat, snare on 2 and 4, bass, chords, melody
/// doubled by bells, sleigh bells on the eighths), a one-bar ending chord and
/// silence. Thread-safe: pure functions, deterministic.

#include "audio/synth.h"

namespace ls::audio {

/// Where the parts of the carol fall, in seconds from the start.
struct CarolLayout {
  double bpm = 0;            ///< constant tempo of the whole song
  double beat_s = 0;         ///< 60 / bpm
  double verse_start = 0;    ///< 16 bars, quiet
  double chorus_start = 0;   ///< 16 bars, at least 10 dB louder than the verse
  double ending_start = 0;   ///< one bar: a final chord on beat 1, then silence
  double silence_start = 0;  ///< digital silence from here to the end
  double duration = 0;       ///< length of the whole arrangement
};

/// The carol's layout (the same for every call).
CarolLayout CarolTimes();

/// Renders the carol, stereo 44.1 kHz, peak 0.9 over the whole arrangement.
/// `seconds` > 0 and shorter than the arrangement cuts it there (with a short
/// fade-out, levels unchanged); 0 or anything longer gives the whole song.
Signal MakeCarol(double seconds = 0);

}  // namespace ls::audio
