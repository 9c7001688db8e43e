#pragma once
/// lightshow-bench: the stages of ../shared/bench/peer_pytorch.py (decode,
/// stft, train_dense_ae, encode, logreg, cnn1d, gru) with the same
/// definitions, printed as JSON with the peer's stage names and fields so the
/// two results compare number by number.
/// Thread-safety: RunBench is self-contained; run one at a time (it times).

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace ls::bench {

/// JSON with keys in insertion order (the peer's order).
using Json = nlohmann::ordered_json;

/// Defaults equal the peer's command-line defaults.
struct BenchOptions {
  std::vector<std::string> files;
  int threads = 2;       ///< worker threads (the peer's torch.set_num_threads)
  int epochs = 10;       ///< dense autoencoder epochs
  int repeats = 3;       ///< repeats for the STFT / encode timings
  int cnn_steps = 10;
  int gru_steps = 3;
  uint64_t ae_seed = 0;  ///< dense autoencoder init + shuffling (the peer's SEED is 0)
  int latency_calls = 1000;  ///< encode: batch-1 calls timed (the peer's 1000)
  std::set<std::string> skip;  ///< any of ae, logreg, cnn1d, gru
  std::string out;       ///< also write the JSON here when not empty
  bool json = false;     ///< print the JSON document on stdout
};

/// Parses `lightshow-bench FILE… [--json] [--threads N] [--out F] [--epochs E]
/// [--repeats R] [--cnn-steps S] [--gru-steps S] [--skip a,b] [--quick]
/// [--ae-seed N] [--latency-calls N]`.
/// --quick shrinks epochs/repeats/steps for smoke tests. INVALID_ARGUMENT on
/// bad flags (the message is the usage error); `help` is set for --help.
absl::StatusOr<BenchOptions> ParseBenchArgs(int argc, char** argv, std::string* help);

/// Runs every stage not skipped, logging progress to stderr.
absl::StatusOr<Json> RunBench(const BenchOptions& options);

/// A few human-readable lines of a RunBench result (without --json).
std::string Summary(const Json& result);

}  // namespace ls::bench
