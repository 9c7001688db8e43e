#include "show_table.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace ls::judge {
namespace {

// Means over songs of one show's figures; relay and dead channels as counts.
struct Mean {
  double beat_precision = 0, beat_null = 0, beat_lift = 0, onset_precision = 0, onset_null = 0,
         onset_lift = 0, beat_coverage = 0, loudness_r = 0, contrast = 0, redundancy = 0,
         toggles_per_s = 0, dead_channels = 0;
  int relay_violations = 0, songs = 0;
};

Mean MeanOf(const EvalReport& r, size_t show) {
  Mean m;
  for (const SongResult& s : r.songs) {
    const ShowMetrics& x = s.shows[show].second;
    m.beat_precision += x.beat_precision, m.beat_null += x.beat_null, m.beat_lift += x.beat_lift;
    m.onset_precision += x.onset_precision, m.onset_null += x.onset_null, m.onset_lift += x.onset_lift;
    m.beat_coverage += x.beat_coverage, m.loudness_r += x.loudness_r, m.contrast += x.contrast;
    m.redundancy += x.redundancy, m.toggles_per_s += x.toggles_per_s, m.dead_channels += x.dead_channels;
    m.relay_violations += !x.relay_ok;
    ++m.songs;
  }
  if (m.songs == 0) return m;
  for (double* v : {&m.beat_precision, &m.beat_null, &m.beat_lift, &m.onset_precision, &m.onset_null,
                    &m.onset_lift, &m.beat_coverage, &m.loudness_r, &m.contrast, &m.redundancy,
                    &m.toggles_per_s, &m.dead_channels}) {
    *v /= m.songs;
  }
  return m;
}

constexpr const char* kHeader =
    "| show | beat precision | null | lift | onset precision lift | beat coverage | loudness r | "
    "contrast | redundancy | toggles/s | dead channels | relay-rule violations (songs) |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|\n";

std::string Row(const std::string& name, const ShowMetrics& x) {
  return absl::StrFormat("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %d | %s |\n", name,
                         x.beat_precision, x.beat_null, x.beat_lift, x.onset_lift, x.beat_coverage,
                         x.loudness_r, x.contrast, x.redundancy, x.toggles_per_s, x.dead_channels,
                         x.relay_ok ? "0" : "1");
}

nlohmann::json MetricsJson(const ShowMetrics& x) {
  return {{"beat_precision", x.beat_precision}, {"beat_null", x.beat_null}, {"beat_lift", x.beat_lift},
          {"onset_precision", x.onset_precision}, {"onset_null", x.onset_null}, {"onset_lift", x.onset_lift},
          {"beat_coverage", x.beat_coverage}, {"loudness_r", x.loudness_r}, {"contrast", x.contrast},
          {"redundancy", x.redundancy}, {"toggles_per_s", x.toggles_per_s}, {"dead_channels", x.dead_channels},
          {"duty", x.duty}, {"changes", x.changes}, {"shortest_dwell_ms", x.shortest_dwell_ms},
          {"max_toggles_1s", x.max_toggles_1s}, {"relay_ok", x.relay_ok}};
}

}  // namespace

std::string MarkdownReport(const EvalReport& r, bool per_song) {
  std::string out = absl::StrFormat(
      "Held-out songs: %d (training tracks: %d, default autoencoder, %d epochs).\n\n", r.songs.size(),
      r.train_songs.size(), r.options.epochs);
  out += kHeader;
  for (size_t i = 0; i < r.show_names.size(); ++i) {
    const Mean m = MeanOf(r, i);
    out += absl::StrFormat("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %d of %d |\n",
                           r.show_names[i], m.beat_precision, m.beat_null, m.beat_lift, m.onset_lift,
                           m.beat_coverage, m.loudness_r, m.contrast, m.redundancy, m.toggles_per_s,
                           m.dead_channels, m.relay_violations, m.songs);
  }
  out += absl::StrFormat("\nlearned model: held-out reconstruction MSE %.6f, PCA-8 %.6f, ratio %.3f\n",
                         r.heldout_mse, r.pca_heldout_mse,
                         r.pca_heldout_mse > 0 ? r.heldout_mse / r.pca_heldout_mse : 0.0);
  double audio_s = 0;
  for (const SongResult& s : r.songs) audio_s += s.duration_s;
  out += absl::StrFormat("judge analysis (onsets, beats, loudness): %.1f s for %.0f s of audio\n",
                         r.analysis_seconds, audio_s);
  if (!per_song) return out;
  for (const SongResult& s : r.songs) {
    out += absl::StrFormat("\n%s (%s, %.0f s, %.1f BPM, %d beats, %d onsets)\n\n", s.song, s.label, s.duration_s,
                           s.bpm, s.beats, s.onsets);
    out += kHeader;
    for (const auto& [name, x] : s.shows) out += Row(name, x);
  }
  return out;
}

std::string JsonReport(const EvalReport& r) {
  nlohmann::json j;
  j["corpus"] = r.options.corpus;
  j["epochs"] = r.options.epochs;
  j["train_songs"] = r.train_songs;
  j["model"] = {{"heldout_mse", r.heldout_mse}, {"pca8_heldout_mse", r.pca_heldout_mse},
                {"ratio", r.pca_heldout_mse > 0 ? r.heldout_mse / r.pca_heldout_mse : 0.0},
                {"train_seconds", r.train_seconds}};
  j["analysis_seconds"] = r.analysis_seconds;
  for (size_t i = 0; i < r.show_names.size(); ++i) {
    const Mean m = MeanOf(r, i);
    j["shows"][r.show_names[i]]["mean"] = {
        {"beat_precision", m.beat_precision}, {"beat_null", m.beat_null}, {"beat_lift", m.beat_lift},
        {"onset_precision", m.onset_precision}, {"onset_null", m.onset_null}, {"onset_lift", m.onset_lift},
        {"beat_coverage", m.beat_coverage}, {"loudness_r", m.loudness_r}, {"contrast", m.contrast},
        {"redundancy", m.redundancy}, {"toggles_per_s", m.toggles_per_s}, {"dead_channels", m.dead_channels},
        {"relay_violations", m.relay_violations}, {"songs", m.songs}};
  }
  for (const SongResult& s : r.songs) {
    nlohmann::json js = {{"song", s.song}, {"label", s.label}, {"duration_s", s.duration_s},
                         {"bpm", s.bpm}, {"beats", s.beats}, {"onsets", s.onsets}};
    for (const auto& [name, x] : s.shows) js["shows"][name] = MetricsJson(x);
    j["songs"].push_back(js);
  }
  return j.dump(2);
}

}  // namespace ls::judge
