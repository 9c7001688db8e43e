#pragma once
/// Architecture of one layer: a plain struct that is both the constructor
/// argument and what a model file stores. Fields a kind does not use stay 0.
/// In Sequential::Add, a 0 size/shape field is inferred from the previous
/// layer's output shape.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace ls::nn {

enum class LayerKind {
  kDense,          // units_in -> units_out, y = W x + b
  kConv1D,         // channels_in x length -> channels_out x length_out
  kMaxPool1D,      // channels_in x length -> channels_in x length_out
  kGru,            // features x steps -> hidden (x steps if return_sequences)
  kRnn,            // same shapes as kGru; h = tanh(W_ih x + W_hh h + b)
  kDropout,        // size; rate = drop probability (training only)
  kGaussianNoise,  // size; rate = noise stddev (training only; denoising AE)
  kFlatten,        // channels_in x length -> (channels_in*length) x 1
  kRelu,           // size
  kSigmoid,        // size
  kTanh,           // size
  kSoftmax,        // size; rate = temperature (1 when 0)
};

/// Stable lowercase name ("dense", "conv1d", ...) used in model files.
const char* LayerKindName(LayerKind kind);
/// Inverse of LayerKindName; false for an unknown name.
bool ParseLayerKind(std::string_view name, LayerKind* kind);

struct LayerSpec {
  LayerKind kind = LayerKind::kDense;
  int64_t units_in = 0;      ///< dense input size; gru/rnn input features
  int64_t units_out = 0;     ///< dense output size; gru/rnn hidden size
  int64_t channels_in = 0;   ///< conv/pool/flatten input channels
  int64_t channels_out = 0;  ///< conv output channels
  int64_t length = 0;        ///< conv/pool/flatten input length; gru/rnn steps
  int64_t kernel = 0;        ///< conv/pool window
  int64_t stride = 0;        ///< conv (default 1) / pool (default = kernel)
  int64_t padding = 0;       ///< zeros (conv) / -inf (pool) on both ends
  int64_t size = 0;          ///< size of element-wise layers
  bool return_sequences = false;  ///< gru/rnn: all steps instead of the last
  float rate = 0.0f;         ///< dropout p / noise stddev / softmax temperature
  float activity_l1 = 0.0f;  ///< L1 penalty weight on this layer's output
};

/// Pure validity check of a fully specified spec (no inference): INVALID_ARGUMENT
/// naming the field and value when a size is missing or inconsistent.
absl::Status CheckLayerSpec(const LayerSpec& spec);

/// Spec builders; 0 arguments are inferred by Sequential::Add.
namespace spec {
LayerSpec Dense(int64_t in, int64_t out);
LayerSpec Conv1D(int64_t channels_in, int64_t channels_out, int64_t kernel,
                 int64_t stride = 1, int64_t padding = 0, int64_t length = 0);
LayerSpec MaxPool1D(int64_t kernel, int64_t stride = 0, int64_t padding = 0,
                    int64_t channels = 0, int64_t length = 0);
LayerSpec Gru(int64_t features, int64_t hidden, bool return_sequences,
              int64_t steps = 0);
LayerSpec Rnn(int64_t features, int64_t hidden, bool return_sequences,
              int64_t steps = 0);
LayerSpec Dropout(float rate, int64_t size = 0);
LayerSpec GaussianNoise(float stddev, int64_t size = 0);
LayerSpec Flatten();
LayerSpec Relu(int64_t size = 0);
LayerSpec Sigmoid(int64_t size = 0);
LayerSpec Tanh(int64_t size = 0);
LayerSpec Softmax(float temperature = 1.0f, int64_t size = 0);
}  // namespace spec

}  // namespace ls::nn
