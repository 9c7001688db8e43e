#include "eval_show.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "audio/decode.h"
#include "common/files.h"
#include "common/status_macros.h"
#include "corpus_split.h"
#include "judge/music_analysis.h"
#include "learn/song_features.h"
#include "show_makers.h"
#include "train_model.h"

namespace ls::judge {
namespace {

absl::Status Named(const absl::Status& st, const std::string& song) {
  return absl::Status(st.code(), absl::StrCat(song, ": ", st.message()));
}

absl::StatusOr<learn::SongFeatures> LoadFeatures(const std::string& corpus, const Track& t, int hop,
                                                  const show::EndDetector* end) {
  auto bytes = ReadFile(corpus + "/" + t.path);
  if (!bytes.ok()) return Named(bytes.status(), t.path);
  auto f = learn::FeaturesFromBytes(*bytes, hop, end);
  if (!f.ok()) return Named(f.status(), t.path);
  f->song_id = t.path;
  return f;
}

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

absl::StatusOr<EvalReport> RunEvaluation(const EvalOptions& o,
                                         const std::function<void(const std::string&)>& progress) {
  LS_ASSIGN_OR_RETURN(std::vector<Track> tracks, ReadManifest(o.corpus));
  LS_ASSIGN_OR_RETURN(TrackSplit split, SplitTracks(std::move(tracks), o.train_tracks, o.test_tracks));
  models::TrainSettings s;  // the default model
  s.epochs = o.epochs;
  s.seed = o.seed;
  LS_ASSIGN_OR_RETURN(auto end, learn::MakeEndDetector(s.trim_end));
  EvalReport r;
  r.options = o;
  std::vector<learn::SongFeatures> train, heldout;
  for (const Track& t : split.train) {
    progress(absl::StrCat("features (train) ", t.path));
    LS_ASSIGN_OR_RETURN(auto f, LoadFeatures(o.corpus, t, s.hop, end.get()));
    train.push_back(std::move(f));
    r.train_songs.push_back(t.path);
  }
  for (const Track& t : split.test) {
    progress(absl::StrCat("features (held out) ", t.path));
    LS_ASSIGN_OR_RETURN(auto f, LoadFeatures(o.corpus, t, s.hop, end.get()));
    heldout.push_back(std::move(f));
  }
  progress(absl::StrCat("training the default autoencoder (", s.arch, ", ", s.epochs, " epochs) on ",
                        train.size(), " tracks"));
  LS_ASSIGN_OR_RETURN(TrainedModel model, TrainDefaultModel(std::move(train), heldout, s, o.threads, progress));
  r.heldout_mse = model.heldout_mse;
  r.pca_heldout_mse = model.pca_heldout_mse;
  r.train_seconds = model.train_seconds;
  for (const ShowMaker& m : ShowMakers()) r.show_names.push_back(m.name);

  for (size_t i = 0; i < split.test.size(); ++i) {
    const Track& t = split.test[i];
    progress(absl::StrCat("grading ", i + 1, "/", split.test.size(), " ", t.path));
    auto bytes = ReadFile(o.corpus + "/" + t.path);
    if (!bytes.ok()) return Named(bytes.status(), t.path);
    auto a = audio::DecodeMemory(*bytes, dsp::kFrameSize);
    if (!a.ok()) return Named(a.status(), t.path);
    const auto t0 = std::chrono::steady_clock::now();
    auto music = AnalyzeMusic(a->samples.data(), a->samples.size(), a->sample_rate);
    if (!music.ok()) return Named(music.status(), t.path);
    r.analysis_seconds += Since(t0);
    const dsp::Spectrogram& spec = heldout[i].spec;
    const std::vector<float> codes = model.Encode(spec);
    SongInput in{t.path, &a->samples, a->sample_rate, &spec, &codes, model.code_size};
    SongResult sr;
    sr.song = t.path;
    sr.label = t.label;
    sr.duration_s = a->duration_s();
    sr.bpm = music->beats.bpm;
    sr.beats = static_cast<int>(music->beats.times_s.size());
    sr.onsets = static_cast<int>(music->onsets.size());
    for (const ShowMaker& m : ShowMakers()) {
      auto show = m.make(in);
      if (!show.ok()) return Named(show.status(), absl::StrCat(t.path, " (", m.name, ")"));
      auto metrics = JudgeShow(show->masks, show->frame_period_s, *music);
      if (!metrics.ok()) return Named(metrics.status(), absl::StrCat(t.path, " (", m.name, ")"));
      sr.shows.push_back({m.name, std::move(*metrics)});
    }
    r.songs.push_back(std::move(sr));
  }
  return r;
}

}  // namespace ls::judge
