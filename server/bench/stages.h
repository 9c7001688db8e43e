#pragma once
/// The benchmark stages, one per file, each the C++ counterpart of the peer
/// function of the same name in ../shared/bench/peer_pytorch.py. Every stage
/// returns the JSON object the peer prints under its stage name.
/// Thread-safety: stages run one after another on the caller's thread (and
/// use `threads` workers internally).

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/bench.h"
#include "dsp/stft.h"
#include "nn/tasks.h"

namespace ls::bench {

inline constexpr uint64_t kSeed = 0;
inline constexpr double kEndSeconds = 10.0;  ///< logreg: the last 10 s are label 0

/// One decoded song: mono float at its own rate, never resampled.
struct Song {
  std::string path;
  std::vector<float> x;
  int sr = 0;
  double duration = 0.0;  ///< samples / sr
};

/// Normalised log-magnitude features per hop (1024, 512), one per song.
using Features = std::map<int, std::vector<dsp::Spectrogram>>;

/// a. decode: read each file, libsndfile -> float32, mean of channels.
absl::StatusOr<Json> DecodeStage(const std::vector<std::string>& paths, std::vector<Song>* songs);

/// b. stft: hop 1024 and 512; framing + Hann + |rfft| + log1p + per-song
/// min-max, `repeats` times; fills `features` for hop 1024 (the later
/// stages' input).
absl::StatusOr<Json> StftStage(const std::vector<Song>& songs, int repeats, Features* features);

/// c. train_dense_ae on the hop-1024 frames (513 × n, one per column);
/// the trained model is returned through `ae`.
absl::StatusOr<Json> TrainDenseAeStage(const nn::ConstRef& frames, int epochs, int threads,
                                       uint64_t seed, nn::DenseAutoencoder* ae);

/// d. encode: the trained encoder over every frame (median of `repeats`) and
/// 1000 batch-1 calls.
absl::StatusOr<Json> EncodeStage(const nn::DenseAutoencoder& ae, const nn::ConstRef& frames,
                                 int repeats, int threads, int latency_calls = 1000);

/// e. logreg: 513 bins + fraction of song elapsed, label 1 before the last
/// 10 s; trained on all songs but the last, tested on the last.
absl::StatusOr<Json> LogregStage(const std::vector<Song>& songs,
                                 const std::vector<dsp::Spectrogram>& feats, int hop);

/// f. cnn1d: genre CNN on 65536-sample clips of the songs decimated by 8.
absl::StatusOr<Json> Cnn1dStage(const std::vector<Song>& songs, int clip_len, int batch,
                                int steps, int warmup, int threads);

/// g. gru: EpyNN quantised one-hot sequences, both heads. The last stage:
/// it releases the songs' samples once quantised (the epynn head's 10 M
/// parameters and their per-thread gradients need the room).
absl::StatusOr<Json> GruStage(std::vector<Song>& songs, int seq_len, int hidden, int batch,
                              int steps, int warmup, int threads);

/// Build, machine and library facts (the peer's "env" block).
Json Environment(int threads);

/// Peak resident set size of this process in MiB (getrusage).
double PeakRssMib();

}  // namespace ls::bench
