// lightshow-eval-show CORPUS_DIR: grades the band, learned and LightShow Pi
// shows of held-out corpus songs against the music (see docs/show-quality.md).
#include <cstdio>
#include <string>

#include "CLI/CLI.hpp"
#include "eval_show.h"
#include "show_table.h"

int main(int argc, char** argv) {
  CLI::App app{"Grade light shows of held-out corpus songs against their beats, onsets and loudness"};
  ls::judge::EvalOptions o;
  bool json = false, per_song = false;
  app.add_option("corpus", o.corpus, "corpus dir (manifest.csv + WAVs)")->required();
  app.add_option("--train-tracks", o.train_tracks, "tracks the autoencoder is trained on")->check(CLI::Range(1, 100000));
  app.add_option("--test-tracks", o.test_tracks, "held-out tracks that are graded")->check(CLI::Range(1, 100000));
  app.add_option("--epochs", o.epochs, "training epochs")->check(CLI::Range(1, 100000));
  app.add_option("--threads", o.threads, "training threads")->check(CLI::Range(1, 100000));
  app.add_option("--seed", o.seed, "training seed");
  app.add_flag("--json", json, "one JSON document on stdout");
  app.add_flag("--per-song", per_song, "a table per song too");
  CLI11_PARSE(app, argc, argv);
  auto report = ls::judge::RunEvaluation(o, [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
  });
  if (!report.ok()) {
    std::fprintf(stderr, "error: %s\n", report.status().ToString().c_str());
    return 1;
  }
  const std::string out = json ? ls::judge::JsonReport(*report) : ls::judge::MarkdownReport(*report, per_song);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (json) std::fputc('\n', stdout);
  return 0;
}
