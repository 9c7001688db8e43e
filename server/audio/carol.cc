// MakeCarol: "Jingle Bells" (J. L. Pierpont, 1857) at 132 BPM in G major,
// 16 verse bars, 16 chorus bars and a one-bar ending. As in MakeTune, every
// part keeps to its own frequency range so all eight light channels have
// something to follow: kick 45-120 Hz, bass C2-E3, pad F3-G4, snare 180 Hz +
// noise, melody D5-E6, bells (chorus) D6-E7, sleigh bells 5-12 kHz.
#include "audio/carol.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "audio/mix.h"

namespace ls::audio {
namespace {

using internal::Mix;
using internal::kTwoPi;
constexpr int kRate = internal::kMixRate;
constexpr double kBpm = 132.0;
constexpr double kBeat = 60.0 / kBpm;
constexpr double kBar = 4 * kBeat;
constexpr int kVerseBars = 16, kChorusBars = 16;
constexpr int kChorusBar = kVerseBars, kEndingBar = kVerseBars + kChorusBars;
constexpr double kRing = 2.5 * kBeat;  // how long the final chord rings

struct Note {
  int midi;    // written pitch, 0 = rest
  double len;  // beats
};
using Bar = std::vector<Note>;

// The tune as published in F, here a tone up; one entry per bar.
const Bar kDashing = {{62, 1}, {71, 1}, {69, 1}, {67, 1}};       // Dash-ing through the
const Bar kSnow = {{62, 3}, {62, 0.5}, {62, 0.5}};              // snow, in a
const Bar kOer = {{64, 1}, {72, 1}, {71, 1}, {69, 1}};          // o'er the fields we
const Bar kLaughing = {{76, 1}, {74, 1}, {72, 1}, {69, 1}};     // laugh-ing all the
const Bar kJingleBells = {{71, 1}, {71, 1}, {71, 2}};           // jin-gle bells
const Bar kJingleAll = {{71, 1}, {74, 1}, {67, 1.5}, {69, 0.5}};  // jin-gle all the
const Bar kOhWhatFun = {{72, 1}, {72, 1}, {72, 1.5}, {72, 0.5}};  // oh what fun it
const Bar kIsToRide = {{72, 1}, {71, 1}, {71, 1}, {71, 0.5}, {71, 0.5}};  // is to ride in a
const std::vector<Bar> kVerse = {
    kDashing, kSnow, kDashing, {{64, 4}},                 // ...one-horse open sleigh,
    kOer, {{66, 3}, {74, 1}}, kLaughing, {{71, 4}},       // ...go, and laughing all the way;
    kDashing, kSnow, kDashing, {{64, 3}, {64, 1}},        // bells on bob-tail ring... bright; what
    kOer, {{74, 1}, {74, 1}, {74, 1}, {74, 1}}, kLaughing, {{67, 2}, {0, 2}}};  // ...tonight.
const std::vector<Bar> kChorus = {
    kJingleBells, kJingleBells, kJingleAll, {{71, 4}},
    kOhWhatFun, kIsToRide, {{71, 1}, {69, 1}, {69, 1}, {71, 1}}, {{69, 2}, {74, 2}},  // ...sleigh. Hey!
    kJingleBells, kJingleBells, kJingleAll, {{71, 4}},
    kOhWhatFun, kIsToRide, {{74, 1}, {74, 1}, {72, 1}, {69, 1}}, {{67, 4}}};  // ...open sleigh.

struct Chord {
  int bass;               // root, C2-A2
  std::vector<int> pad;   // voicing, F3-G4
};
const Chord kG{43, {55, 59, 62, 67}}, kC{36, {55, 60, 64}}, kAm{45, {57, 60, 64}},
    kD7{38, {54, 57, 60, 62}}, kG7{43, {53, 59, 62, 67}}, kA7{45, {55, 57, 61, 64}};
const std::vector<const Chord*> kChords = {
    &kG, &kG, &kG, &kC, &kAm, &kD7, &kD7, &kG, &kG, &kG, &kG, &kC, &kAm, &kG, &kD7, &kG,    // verse
    &kG, &kG, &kG, &kG7, &kC, &kG, &kA7, &kD7, &kG, &kG, &kG, &kG7, &kC, &kG, &kD7, &kG,  // chorus
    &kG};                                                                                 // ending

// Mix::Note's sound (three harmonics, 10 ms attack, exponential decay, 20 ms
// release) by recurrences instead of a sin and an exp per sample: the carol
// has about ten voices at once, and tests render it.
void Voice(Mix& m, double start, double dur, int midi, float amp, float pan, double decay) {
  const size_t a = static_cast<size_t>(std::max(0.0, start) * kRate);
  const size_t b = std::min(m.l.size(), static_cast<size_t>((start + dur) * kRate));
  const float gl = 1.0f - std::max(0.0f, pan), gr = 1.0f + std::min(0.0f, pan);
  const double w = kTwoPi * internal::Hz(midi) / kRate, cw = std::cos(w), sw = std::sin(w);
  const double fall = std::exp(-1.0 / (decay * kRate));
  double s = 0.0, c = 1.0, e = amp;  // sin, cos of the phase; amp · decay
  for (size_t i = a; i < b; ++i) {
    const double t = double(i - a) / kRate;
    const double env = e * std::min({1.0, t / 0.01, (dur - t) / 0.02});
    const float v = float(env * (s + 0.3 * 2 * s * c + 0.12 * s * (3 - 4 * s * s)));
    m.l[i] += gl * v;
    m.r[i] += gr * v;
    const double s2 = s * cw + c * sw;
    c = c * cw - s * sw;
    s = s2;
    e *= fall;
  }
}

// A shake of sleigh bells: three jingles a few ms apart, each a cluster of
// inharmonic partials between 5 and 12 kHz over a little bright noise.
std::vector<float> Shake(std::mt19937& rng, double decay) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<float> out(static_cast<size_t>((0.03 + 5 * decay) * kRate), 0.0f);
  for (int hit = 0; hit < 3; ++hit) {
    const size_t at = static_cast<size_t>((hit * 0.009 + 0.004 * u(rng)) * kRate);
    const double gain = hit == 0 ? 1.0 : 0.6;
    for (double f : {5230.0, 6410.0, 7520.0, 8890.0, 10480.0, 12010.0}) {
      const double w = kTwoPi * f * (0.97 + 0.06 * u(rng)) / kRate, ph = kTwoPi * u(rng);
      for (size_t i = at; i < out.size(); ++i) {
        const double k = double(i - at);
        out[i] += float(gain * 0.18 * std::exp(-k / kRate / decay) * std::sin(w * k + ph));
      }
    }
    for (size_t i = at; i < out.size(); ++i) {
      out[i] += float(gain * 0.25 * (u(rng) - 0.5) * std::exp(-double(i - at) / kRate / (0.5 * decay)));
    }
  }
  return out;
}

// Sleigh bells: a few shakes per length made once and picked at random, as
// a player's shakes differ a little (and synthesis stays fast).
class SleighBells {
 public:
  explicit SleighBells(std::mt19937& rng) {
    for (double decay : kDecays) {
      for (int v = 0; v < kVariants; ++v) bank_.push_back(Shake(rng, decay));
    }
  }
  // `length` 0..3 picks a decay from kDecays (short to long).
  void Play(Mix& m, double start, float amp, int length) const {
    std::uniform_int_distribution<int> pick(0, kVariants - 1);
    const std::vector<float>& s = bank_[length * kVariants + pick(m.rng)];
    m.Add(start, double(s.size()) / kRate, 0.35f, [&s, amp](double t) {
      return amp * s[std::min(s.size() - 1, static_cast<size_t>(t * kRate))];
    });
  }

 private:
  static constexpr double kDecays[4] = {0.04, 0.05, 0.06, 0.1};
  static constexpr int kVariants = 6;
  std::vector<std::vector<float>> bank_;
};

// Plays one bar of melody starting at t0; repeated notes stay apart.
void Melody(Mix& m, double t0, const Bar& bar, int transpose, float amp, float pan, double decay) {
  double beat = 0;
  for (const Note& n : bar) {
    if (n.midi > 0) Voice(m, t0 + beat * kBeat, n.len * kBeat - 0.03, n.midi + transpose, amp, pan, decay);
    beat += n.len;
  }
}

void Verse(Mix& m, const SleighBells& bells, int bar) {
  const double t0 = bar * kBar;
  const Chord& c = *kChords[bar];
  Melody(m, t0, kVerse[bar], 12, 0.07f, -0.1f, 0.8);
  for (int p : c.pad) Voice(m, t0, kBar, p, 0.012f, 0.0f, 3.0);
  for (int b : {0, 2}) Voice(m, t0 + b * kBeat, 1.8 * kBeat, c.bass + (b ? 7 : 0), 0.05f, 0.0f, 0.5);
  for (int beat = 0; beat < 4; ++beat) {
    bells.Play(m, t0 + beat * kBeat, beat % 2 ? 0.05f : 0.07f, 1);
    if (bar >= 4) m.Kick(t0 + beat * kBeat, 0.22);  // the pulse comes in softly
    if (bar >= 8 && beat % 2 == 1) m.Snare(t0 + beat * kBeat, 0.15);
  }
}

void Chorus(Mix& m, const SleighBells& bells, int bar) {
  const double t0 = bar * kBar;
  const Chord& c = *kChords[bar];
  const Bar& tune = kChorus[bar - kChorusBar];
  Melody(m, t0, tune, 12, 0.2f, -0.2f, 0.6);
  Melody(m, t0, tune, 24, 0.05f, 0.4f, 0.15);  // bells double the tune two octaves up
  for (int p : c.pad) Voice(m, t0, kBar, p, 0.03f, 0.0f, 3.0);
  for (int beat = 0; beat < 4; ++beat) {
    const double tb = t0 + beat * kBeat;
    Voice(m, tb, 0.9 * kBeat, c.bass + (beat % 2 ? 7 : 0), 0.28f, 0.0f, 0.4);  // root, fifth
    if (beat % 2 == 1) {
      for (int p : c.pad) Voice(m, tb, 0.5 * kBeat, p + 12, 0.035f, -0.4f, 0.12);  // off-beat stabs
    }
    m.Kick(tb);
    if (beat % 2 == 1) m.Snare(tb);
    bells.Play(m, tb, 0.16f, 2);
    bells.Play(m, tb + kBeat / 2, 0.1f, 0);
  }
  if ((bar - kChorusBar) % 8 == 0) m.HiHat(t0, 0.35, 0.12f);  // a crash at each half
}

void Ending(Mix& m, const SleighBells& bells) {
  const double t0 = kEndingBar * kBar;
  const Chord& c = *kChords[kEndingBar];
  m.Kick(t0);
  m.HiHat(t0, 0.2, 0.12f);
  bells.Play(m, t0, 0.16f, 3);
  Voice(m, t0, kRing, c.bass, 0.3f, 0.0f, 0.5);
  for (int p : c.pad) Voice(m, t0, kRing, p + 12, 0.04f, 0.0f, 0.6);
  Voice(m, t0, kRing, 79, 0.2f, -0.2f, 0.6);  // the melody's last G, an octave up
  Voice(m, t0, kRing, 91, 0.05f, 0.4f, 0.3);
}

}  // namespace

CarolLayout CarolTimes() {
  CarolLayout l;
  l.bpm = kBpm;
  l.beat_s = kBeat;
  l.verse_start = 0.0;
  l.chorus_start = kChorusBar * kBar;
  l.ending_start = kEndingBar * kBar;
  l.silence_start = l.ending_start + kRing + 0.15;  // the longest tail (crash, jingles) is out by then
  l.duration = (kEndingBar + 1) * kBar;
  return l;
}

Signal MakeCarol(double seconds) {
  const CarolLayout layout = CarolTimes();
  Mix m;
  m.l.assign(static_cast<size_t>(std::llround(layout.duration * kRate)), 0.0f);
  m.r = m.l;
  m.rng.seed(1857);
  const SleighBells bells(m.rng);
  for (int bar = 0; bar < kChorusBar; ++bar) Verse(m, bells, bar);
  for (int bar = kChorusBar; bar < kEndingBar; ++bar) Chorus(m, bells, bar);
  Ending(m, bells);

  // Everything after silence_start is exactly zero; the peak becomes 0.9.
  const size_t quiet = static_cast<size_t>(layout.silence_start * kRate);
  float peak = 1e-9f;
  for (size_t i = 0; i < m.l.size(); ++i) {
    if (i >= quiet) m.l[i] = m.r[i] = 0.0f;
    peak = std::max({peak, std::fabs(m.l[i]), std::fabs(m.r[i])});
  }
  size_t n = m.l.size();
  size_t fade = 0;
  if (seconds > 0 && seconds < layout.duration) {  // cut, with a fade so it ends cleanly
    n = static_cast<size_t>(std::llround(seconds * kRate));
    fade = static_cast<size_t>(std::min(0.5, seconds / 4) * kRate);
  }
  Signal out;
  out.channels = 2;
  out.sample_rate = kRate;
  out.samples.resize(2 * n);
  for (size_t i = 0; i < n; ++i) {
    const float g = 0.9f / peak * (i + fade >= n && fade > 0 ? float(n - i) / fade : 1.0f);
    out.samples[2 * i] = g * m.l[i];
    out.samples[2 * i + 1] = g * m.r[i];
  }
  return out;
}

}  // namespace ls::audio
