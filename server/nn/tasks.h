#pragma once
/// The product's model recipes, with the definitions of the peer benchmark
/// (../shared/bench/peer_pytorch.py) so results compare number by number:
/// the dense spectrogram autoencoder, the raw-waveform genre CNN and the GRU
/// clip classifier. Thread-safety: free functions; training uses
/// `threads` workers internally.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nn/sequential.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

/// 513-256-64-8-64-256-513: ReLU hidden layers, linear code, sigmoid output.
struct DenseAeSpec {
  int input = 513;
  std::vector<int> hidden = {256, 64};  ///< encoder widths; the decoder mirrors them
  int code = 8;
  float code_l1 = 0.0f;      ///< L1 activity penalty on the code (sparse AE)
  float input_noise = 0.0f;  ///< Gaussian input noise stddev (denoising AE)
};

struct DenseAutoencoder {
  Sequential model;
  int code_layer = 0;  ///< index of the layer whose output is the code

  /// The encoder half (input -> code) as its own model.
  absl::StatusOr<Sequential> Encoder() const { return model.Slice(0, code_layer + 1); }
};

absl::StatusOr<DenseAutoencoder> BuildDenseAutoencoder(const DenseAeSpec& spec, uint64_t seed);

struct DenseAeConfig {
  DenseAeSpec spec;
  int epochs = 10;
  Index batch = 256;
  double lr = 1e-3;      ///< Adam
  uint64_t seed = 0;
  int threads = 2;
  bool final_full_pass = true;  ///< also compute the MSE of the trained model
};

struct DenseAeResult {
  DenseAutoencoder ae;
  Index n_samples = 0;
  Index steps = 0;
  std::vector<double> epoch_loss;     ///< mean per-sample MSE of each epoch
  std::vector<double> epoch_seconds;
  double wall_s = 0.0;
  double samples_per_s = 0.0;            ///< epochs * n / wall
  double samples_per_s_best_epoch = 0.0; ///< n / fastest epoch
  double final_full_pass_mse = 0.0;
};

/// Trains the autoencoder on frames (513 × n, one frame per column, e.g. a
/// row-major dsp::Spectrogram mapped without copying) with Adam + MSE and
/// shuffled mini-batches (the last partial batch kept), the peer's stage c.
absl::StatusOr<DenseAeResult> TrainDenseAutoencoder(const ConstRef& frames,
                                                    const DenseAeConfig& config);

/// Raw-waveform genre CNN: 4 × [Conv1D(k9, pad 4) → ReLU → MaxPool1D(16,
/// pad 4)] → Flatten → Dense(classes). 65536 samples → 4096 → 256 → 16 → 1.
absl::StatusOr<Sequential> BuildGenreCnn(int classes, int clip_len = 65536, int channels = 10,
                                         uint64_t seed = 0);

enum class GruHead {
  kEpynn,  ///< all steps → Flatten → Dense(64) → ReLU → Dropout(0.5) → Dense(2) → Softmax
  kLast,   ///< last state → Dense(2) → Softmax
};

/// One-hot(levels) sequences → GRU(hidden) → head (EpyNN author_music setup;
/// trained with MSE on the softmax output, as the peer does).
absl::StatusOr<Sequential> BuildGruClassifier(int seq_len, int hidden, GruHead head,
                                              int levels = 16, uint64_t seed = 0);

/// The peer's EpyNN "author_music" preprocessing: min-max the song to [0, 1]
/// (in double), digitise into `levels` levels like np.digitize(x, arange(levels)
/// / (levels-1), right=True), then keep every int(sample_rate / target_rate)-th
/// value (plain striding). A constant song maps to level 0.
std::vector<int> EpynnQuantise(const float* samples, size_t n, int sample_rate,
                               int levels = 16, int target_rate = 10000);

/// Writes the one-hot encoding of `steps` quantised levels starting at
/// `symbols` into column `col` of x (levels*steps rows). Levels outside
/// [0, levels) become all-zero steps.
void OneHotColumn(const int* symbols, Index steps, int levels, Matrix& x, Index col);

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
