// Command line of lightshow-bench (CLI11). Defaults are the peer's.
#include <sstream>

#include "CLI/CLI.hpp"
#include "absl/strings/str_split.h"
#include "bench/bench.h"

namespace ls::bench {

absl::StatusOr<BenchOptions> ParseBenchArgs(int argc, char** argv, std::string* help) {
  BenchOptions o;
  std::string skip;
  bool quick = false;
  CLI::App app{"lightshow-bench: the peer benchmark's stages (shared/bench/peer_pytorch.py)"};
  app.add_option("files", o.files, "audio files (anything libsndfile reads)")->required();
  app.add_flag("--json", o.json, "print the JSON document on stdout");
  app.add_option("--out", o.out, "also write the JSON here");
  app.add_option("--threads", o.threads, "worker threads")->check(CLI::Range(1, 64));
  app.add_option("--epochs", o.epochs, "dense autoencoder epochs")->check(CLI::Range(1, 10000));
  app.add_option("--repeats", o.repeats, "repeats for STFT / encode")->check(CLI::Range(1, 1000));
  app.add_option("--cnn-steps", o.cnn_steps, "timed cnn1d steps")->check(CLI::Range(1, 10000));
  app.add_option("--gru-steps", o.gru_steps, "timed gru steps")->check(CLI::Range(1, 10000));
  app.add_option("--ae-seed", o.ae_seed,
                 "dense autoencoder seed (init + shuffling); 0 as the peer");
  app.add_option("--latency-calls", o.latency_calls, "encode: batch-1 calls timed")
      ->check(CLI::Range(1, 100000000));
  app.add_option("--skip", skip, "comma list of stages to skip: ae,logreg,cnn1d,gru");
  app.add_flag("--quick", quick, "smoke test: 2 epochs, 1 repeat, 1 cnn and 1 gru step unless given");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    *help = app.help();
    return o;
  } catch (const CLI::ParseError& e) {
    return absl::InvalidArgumentError(e.what());
  }
  for (absl::string_view s : absl::StrSplit(skip, ',', absl::SkipEmpty())) {
    if (s != "ae" && s != "logreg" && s != "cnn1d" && s != "gru") {
      return absl::InvalidArgumentError("--skip: unknown stage '" + std::string(s) +
                                        "' (ae, logreg, cnn1d, gru)");
    }
    o.skip.insert(std::string(s));
  }
  if (quick) {  // explicit flags win over --quick
    if (app.count("--epochs") == 0) o.epochs = 2;
    if (app.count("--repeats") == 0) o.repeats = 1;
    if (app.count("--cnn-steps") == 0) o.cnn_steps = 1;
    if (app.count("--gru-steps") == 0) o.gru_steps = 1;
  }
  return o;
}

}  // namespace ls::bench
