#pragma once
/// Autoencoder architectures on spectrogram frames (513 bins):
///  dense: Dense+ReLU per hidden size → Dense (linear code)
///         → mirrored decoder → Dense(513) → Sigmoid.
///  conv:  5 neighbouring frames in (513 channels × 5 steps) → Conv1D(k=3)
///         + ReLU → Flatten → dense encoder → code → decoder of the centre frame.
///  residual: encoder and decoder hidden layers each carry 2k extra
///         pass-through units and the output is linear; InitFromPca sets
///         them so the untrained net IS the PCA code and reconstruction, and
///         the other units (zero weight into code and output at first) learn
///         only what improves on it.
///  context: the residual arch over 5 neighbouring frames: each frame is
///         encoded by the same (kernel-1 conv) encoder and the decoder reads
///         all 5 codes to reconstruct the centre frame; the centre frame's
///         code drives the lights. Starts at PCA as residual does.
/// Sparse = L1 on the code. Denoising adds Gaussian noise to the training
/// inputs (the training job does it, so one rule serves both shapes).
/// Pure functions; thread-safe.

#include <vector>

#include "absl/status/statusor.h"
#include "models/pca.h"
#include "models/train_settings.h"
#include "nn/sequential.h"

namespace ls::models {

struct BuiltAutoencoder {
  nn::Sequential model;
  int code_end = 0;  ///< layers [0, code_end) are the encoder (output = code)
};

absl::StatusOr<BuiltAutoencoder> BuildAutoencoder(const TrainSettings& s, int bins = 513);

/// Starts a residual autoencoder at PCA's solution (`pca` fitted on the
/// training frames with k = bottleneck); a no-op for the other archs.
absl::Status InitFromPca(const TrainSettings& s, const Pca& pca, BuiltAutoencoder* b);

/// Frames of context the architecture reads (1 for dense, kConvContext for conv).
int ContextFrames(const std::string& arch);

/// Row of the encoder's output where a frame's own code starts (the centre
/// frame's code of the context arch; 0 for the others).
int CodeOffset(const std::string& arch, int bottleneck);

/// Model inputs for `cols` frames of a spectrogram (`spec`: bins × frames,
/// column-major): frame f's column holds frames f-2..f+2 (clamped at the
/// edges) for conv, frame f for dense.
void AssembleInputs(const float* spec, int bins, int frames, int context, const int* cols, int n,
                    nn::Matrix* out);

}  // namespace ls::models
