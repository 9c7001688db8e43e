// lightshow-eval-classify: end-of-song and clip-classifier figures on a
// corpus made by make-corpus.sh (default: $LIGHTSHOW_CORPUS).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "tools/eval.h"

namespace {

struct Options {
  std::string corpus, archs = "logreg,mlp,cnn1d,gru";
  int end_folds = 2, clip_folds = 3, epochs = 30, bands = 0;
  double clip_s = 0, lr = 0;
  int batch = 0, features = 0;
  double train_hop = 1.0, keep = 0.97, margin = 1.25;
  bool no_end = false, no_clips = false, open_set = false, plain_log = false;
  bool knn = false, logprob = false;
  int repeats = 1, mlp_hidden = 0;
  double song_keep = 0;

  // The flags, in the order --help lists them.
  void Add(CLI::App& app);
  // The clip evaluation of every named architecture in turn (unknown names are skipped).
  absl::Status RunClipEvals(const std::vector<ls::classify::eval::Track>& tracks) const;
};

void Options::Add(CLI::App& app) {
  app.add_option("--corpus", corpus, "corpus directory (manifest.csv, endings.csv)");
  app.add_option("--archs", archs, "comma-separated clip architectures");
  app.add_option("--end-folds", end_folds);
  app.add_option("--clip-folds", clip_folds);
  app.add_option("--epochs", epochs);
  app.add_option("--bands", bands, "mlp/logreg: log-spaced bands instead of 513 bins (0 = bins)");
  app.add_option("--clip-s", clip_s, "clip length in seconds (default 11.89)");
  app.add_option("--batch", batch, "mini-batch (default 32)");
  app.add_option("--lr", lr, "Adam learning rate (default 1e-3)");
  app.add_option("--features", features, "mlp/logreg inputs: 0 = mean/std per bin, 1 = descriptors, 2 = both, 3 = embedding");
  app.add_option("--train-hop", train_hop, "training clips every this fraction of a clip");
  app.add_option("--keep", keep, "unknown rule: share of validation clips kept known");
  app.add_option("--margin", margin, "unknown rule: distance threshold margin");
  app.add_option("--repeats", repeats, "repeat the k-fold with other fold assignments");
  app.add_option("--song-keep", song_keep, "song-level unknown rule: share of validation songs kept (0 = clip majority)");
  app.add_option("--mlp-hidden", mlp_hidden, "mlp hidden units (default 64)");
  app.add_flag("--logprob", logprob, "song label from the mean of clip log-probabilities");
  app.add_flag("--knn", knn, "unknown rule: distance also to the nearest training clips");
  app.add_flag("--no-end", no_end);
  app.add_flag("--no-clips", no_clips);
  app.add_flag("--open-set", open_set, "leave-one-label-out unknown test");
  app.add_flag("--plain-log", plain_log, "mlp/logreg: log1p spectrum without per-song min-max");
}

absl::Status Options::RunClipEvals(const std::vector<ls::classify::eval::Track>& tracks) const {
  for (const std::string& name : CLI::detail::split(no_clips ? "" : archs, ',')) {
    ls::classify::ClipConfig cfg;
    if (!ls::classify::ParseClipArch(name, &cfg.arch)) continue;
    cfg.bands = bands;
    cfg.song_minmax = !plain_log;
    cfg.features = features;
    cfg.train_hop = train_hop;
    cfg.unknown_keep = keep;
    cfg.unknown_knn = knn;
    cfg.unknown_margin = margin;
    cfg.unknown_song_keep = song_keep;
    cfg.song_logprob = logprob;
    if (mlp_hidden > 0) cfg.mlp_hidden = mlp_hidden;
    if (clip_s > 0) cfg.clip_s = clip_s;
    if (batch > 0) cfg.batch = batch;
    if (lr > 0) cfg.lr = lr;
    cfg.epochs = cfg.arch == ls::classify::ClipArch::kGru || cfg.arch == ls::classify::ClipArch::kCnn1d
                     ? std::max(1, epochs / 3) : epochs;
    std::printf("\n== Clip classifier %s (%d-fold by track, %.2f s clips, %d epochs) ==\n",
                name.c_str(), clip_folds, cfg.clip_s, cfg.epochs);
    std::fflush(stdout);
    if (auto st = ls::classify::eval::RunClipEval(tracks, cfg, clip_folds, open_set, repeats); !st.ok()) {
      return st;
    }
    std::fflush(stdout);
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Evaluate end-of-song detectors and clip classifiers on a corpus"};
  const char* env = std::getenv("LIGHTSHOW_CORPUS");
  Options o;
  o.corpus = env ? env : "";
  o.Add(app);
  CLI11_PARSE(app, argc, argv);
  auto tracks = ls::classify::eval::LoadCorpus(o.corpus);
  if (!tracks.ok()) { std::fprintf(stderr, "%s\n", tracks.status().ToString().c_str()); return 1; }
  std::printf("%zu tracks from %s\n", tracks->size(), o.corpus.c_str());
  absl::Status st = o.no_end ? absl::OkStatus() : ls::classify::eval::RunEndEval(*tracks, o.end_folds);
  if (st.ok()) st = o.RunClipEvals(*tracks);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
