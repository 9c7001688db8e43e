#include "show_makers.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "judge/lspi_rule.h"
#include "show/band_renderer.h"
#include "show/dark_end.h"
#include "show/learned_renderer.h"
#include "show/code_scores.h"
#include "show/music_renderer.h"
#include "analysis/music_analysis.h"

namespace ls::judge {
namespace {

double Period(const SongInput& in) { return static_cast<double>(in.spec->hop) / in.sample_rate; }

// The band show as the ingest rendered it before music analysis.
absl::StatusOr<ShowOutput> Band(const SongInput& in) {
  show::BandConfig cfg;
  cfg.sample_rate = in.sample_rate;
  auto masks = show::RenderBands(*in.spec, cfg);
  if (!masks.ok()) return masks.status();
  return ShowOutput{std::move(*masks), Period(in)};
}

// The learned show as LearnService::Render made it before music analysis: the
// first 8 code units, a unit that does not move → its frequency band, per-channel
// quantile thresholds (show::RenderCodes), relay profile, energy dark end.
absl::StatusOr<ShowOutput> Learned(const SongInput& in) {
  if (in.codes == nullptr || in.code_size < 1) return absl::FailedPreconditionError("learned: no model codes");
  const dsp::Spectrogram& s = *in.spec;
  show::EnergyEndDetector end;
  const int dark = end.DarkStart(in.samples->data(), in.samples->size(), s.hop, s.frames);
  int channels = 0;
  const auto codes = show::CodeScores(*in.codes, in.code_size, dark, s, in.sample_rate, &channels);
  auto masks = show::RenderCodes(codes, s.frames, channels, dark, Period(in), show::RelayProfile());
  if (!masks.ok()) return masks.status();
  return ShowOutput{std::move(*masks), Period(in)};
}

// The renderer's own analysis of the song (aubio beats, onsets, loudness,
// sections) — made by the server's code, never by the judge's.
absl::StatusOr<analysis::MusicAnalysis> RendererAnalysis(const SongInput& in) {
  return analysis::Analyze(in.samples->data(), in.samples->size(), in.sample_rate);
}

int DarkStart(const SongInput& in) {
  show::EnergyEndDetector end(30.0, 0.5, in.sample_rate);
  return end.DarkStart(in.samples->data(), in.samples->size(), in.spec->hop, in.spec->frames);
}

// The band show as the ingest renders it now: band levels, beats, loudness, sections.
absl::StatusOr<ShowOutput> BandMusic(const SongInput& in) {
  auto music = RendererAnalysis(in);
  if (!music.ok()) return music.status();
  show::BandConfig cfg;
  cfg.sample_rate = in.sample_rate;
  auto masks = show::RenderBandMusic(*in.spec, *music, DarkStart(in), cfg);
  if (!masks.ok()) return masks.status();
  return ShowOutput{std::move(*masks), Period(in)};
}

// The learned show as LearnService::Render makes it now.
absl::StatusOr<ShowOutput> LearnedMusic(const SongInput& in) {
  if (in.codes == nullptr || in.code_size < 1) return absl::FailedPreconditionError("learned: no model codes");
  auto music = RendererAnalysis(in);
  if (!music.ok()) return music.status();
  const int dark = DarkStart(in);
  int channels = 0;
  auto scores = show::CodeScores(*in.codes, in.code_size, dark, *in.spec, in.sample_rate, &channels);
  auto masks = show::RenderMusic(scores, in.spec->frames, channels, *music, dark, Period(in));
  if (!masks.ok()) return masks.status();
  return ShowOutput{std::move(*masks), Period(in)};
}

// LightShow Pi's rule on the raw samples (its own 1024-sample frames).
absl::StatusOr<ShowOutput> Lspi(const SongInput& in) {
  auto masks = LspiShow(in.samples->data(), in.samples->size(), in.sample_rate);
  if (!masks.ok()) return masks.status();
  return ShowOutput{std::move(*masks), 1024.0 / in.sample_rate};
}

}  // namespace

const std::vector<ShowMaker>& ShowMakers() {
  static const auto* makers = new std::vector<ShowMaker>{
      {"band-before", "log-spaced bands, per-song mean + 0.5 sigma with hysteresis (the band show before music analysis)", Band},
      {"learned-before", "default autoencoder's code, per-channel quantiles, relay dwell (the learned show before music analysis)", Learned},
      {"band-music", "band levels decide which, beats when, loudness how many (the ingest's band show now)", BandMusic},
      {"learned-music", "the autoencoder's code decides which, beats when, loudness how many (the learned show now)", LearnedMusic},
      {"lspi", "LightShow Pi's rule: (level - mean + 0.5 sigma)/(1.25 sigma) > 0.5 per log band", Lspi},
  };
  return *makers;
}

}  // namespace ls::judge
