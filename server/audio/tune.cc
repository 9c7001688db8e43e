// MakeTune: a small arrangement at 120 BPM in C major (C G Am F), written
// straight into a stereo buffer. Each part sits in its own frequency range so
// the band renderer's eight channels all have something to follow:
//   kick ~45-120 Hz, bass C2-A2, pad C4, melody C5 (verse) / C6 (chorus),
//   snare 180 Hz + noise, bells C7-C8, hi-hat > 6 kHz.
#include <algorithm>
#include <cmath>
#include <random>

#include "audio/mix.h"
#include "audio/synth.h"

namespace ls::audio {
namespace {

using internal::Mix;
constexpr int kRate = internal::kMixRate;
constexpr double kBeat = 0.5;  // 120 BPM
constexpr double kBar = 4 * kBeat;
const int kChordRoot[4] = {0, 7, 9, 5};                       // C G Am F
const int kChordTones[4][3] = {{0, 4, 7}, {7, 11, 14}, {9, 12, 16}, {5, 9, 12}};
const int kPentatonic[6] = {0, 2, 4, 7, 9, 12};

// A 4-bar phrase of eighth notes (-1 = rest), chord tones on strong beats.
std::vector<int> Phrase(std::mt19937& rng) {
  std::vector<int> notes;
  std::uniform_int_distribution<int> pick(0, 5), tone(0, 2);
  std::bernoulli_distribution rest(0.2);
  for (int bar = 0; bar < 4; ++bar) {
    for (int e = 0; e < 8; ++e) {
      if (e % 2 == 1 && rest(rng)) {
        notes.push_back(-1);
      } else {
        notes.push_back(e % 4 == 0 ? kChordTones[bar][tone(rng)] % 12 : kPentatonic[pick(rng)]);
      }
    }
  }
  return notes;
}

}  // namespace

Signal MakeTune(double seconds, uint32_t seed) {
  seconds = std::clamp(seconds, 4.0, 600.0);
  Mix m;
  m.l.assign(static_cast<size_t>(seconds * kRate), 0.0f);
  m.r = m.l;
  m.rng.seed(seed);
  const std::vector<int> verse = Phrase(m.rng), chorus = Phrase(m.rng);

  const int bars = static_cast<int>(std::ceil(seconds / kBar));
  const int intro = std::min(2, bars / 4), outro = std::min(2, bars / 4);
  const int verse_end = intro + (bars - intro - outro) / 2;
  for (int bar = 0; bar < bars; ++bar) {
    const double t0 = bar * kBar;
    const int chord = bar % 4;
    const bool is_intro = bar < intro, is_outro = bar >= bars - outro;
    const bool is_chorus = !is_intro && !is_outro && bar >= verse_end;
    const bool drums = !is_intro && !is_outro;
    // Pad: the chord around C4, swelling over the bar.
    for (int n : kChordTones[chord]) m.Note(t0, kBar, 60 + n, 0.05f, 0.0f, 3.0);
    // Melody: C5 in the verse and outro, an octave up in the chorus.
    if (!is_intro) {
      const std::vector<int>& ph = is_chorus ? chorus : verse;
      for (int e = 0; e < 8; ++e) {
        int n = ph[(bar % 4) * 8 + e];
        if (n >= 0) m.Note(t0 + e * kBeat / 2, kBeat / 2, (is_chorus ? 84 : 72) + n, 0.16f, -0.2f, 0.25);
      }
    }
    // Bells: sixteenth arpeggio high up, intro and chorus only.
    if (is_intro || is_chorus) {
      for (int s = 0; s < 16; s += (is_intro ? 2 : 1)) {
        int n = kChordTones[chord][s % 3] + (s % 6 < 3 ? 96 : 103);
        m.Note(t0 + s * kBeat / 4, kBeat / 4, n, 0.05f, 0.4f, 0.06);
      }
    }
    // Hi-hat on eighths (open on the off-beats in the chorus).
    for (int e = 0; e < 8; ++e) {
      if (is_outro) break;
      bool open = is_chorus && e % 2 == 1;
      m.HiHat(t0 + e * kBeat / 2, open ? 0.08 : 0.025, open ? 0.12f : 0.09f);
    }
    if (!drums) continue;
    // Bass: root on 1, 2-and, 3, 4 (C2..A2).
    const double bass_at[4] = {0.0, 1.5, 2.0, 3.0};
    for (double b : bass_at) m.Note(t0 + b * kBeat, kBeat * 0.9, 36 + kChordRoot[chord], 0.3f, 0.0f, 0.4);
    for (int beat = 0; beat < 4; ++beat) {
      if (beat % 2 == 0 || is_chorus) m.Kick(t0 + beat * kBeat);
      if (beat % 2 == 1) m.Snare(t0 + beat * kBeat);
    }
  }

  // Fade the last 1.5 s, then normalise the peak to 0.9.
  const size_t n = m.l.size(), fade = std::min(n, static_cast<size_t>(1.5 * kRate));
  float peak = 1e-9f;
  for (size_t i = 0; i < n; ++i) {
    float g = i + fade >= n ? float(n - i) / fade : 1.0f;
    m.l[i] *= g;
    m.r[i] *= g;
    peak = std::max({peak, std::fabs(m.l[i]), std::fabs(m.r[i])});
  }
  Signal out;
  out.channels = 2;
  out.sample_rate = kRate;
  out.samples.resize(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out.samples[2 * i] = 0.9f * m.l[i] / peak;
    out.samples[2 * i + 1] = 0.9f * m.r[i] / peak;
  }
  return out;
}

}  // namespace ls::audio
