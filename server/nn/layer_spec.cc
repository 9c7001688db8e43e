#include "nn/layer_spec.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace ls::nn {
namespace {

struct KindName {
  LayerKind kind;
  std::string_view name;
};
constexpr KindName kKinds[] = {
    {LayerKind::kDense, "dense"},         {LayerKind::kConv1D, "conv1d"},
    {LayerKind::kMaxPool1D, "maxpool1d"}, {LayerKind::kGru, "gru"},
    {LayerKind::kRnn, "rnn"},             {LayerKind::kDropout, "dropout"},
    {LayerKind::kGaussianNoise, "gaussian_noise"},
    {LayerKind::kFlatten, "flatten"},     {LayerKind::kRelu, "relu"},
    {LayerKind::kSigmoid, "sigmoid"},     {LayerKind::kTanh, "tanh"},
    {LayerKind::kSoftmax, "softmax"},
};

// Largest per-sample size accepted: keeps Index products far from overflow
// and rejects absurd values read from a corrupt model file.
constexpr int64_t kMaxDim = int64_t{1} << 31;

absl::Status Positive(const LayerSpec& s, const char* field, int64_t v) {
  if (v <= 0 || v > kMaxDim) {
    return absl::InvalidArgumentError(absl::StrCat(
        LayerKindName(s.kind), " layer: ", field, " must be in [1, 2^31], got ", v));
  }
  return absl::OkStatus();
}

}  // namespace

const char* LayerKindName(LayerKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.name.data();
  return "unknown";
}

bool ParseLayerKind(std::string_view name, LayerKind* kind) {
  for (const auto& k : kKinds) {
    if (k.name == name) {
      *kind = k.kind;
      return true;
    }
  }
  return false;
}

absl::Status CheckLayerSpec(const LayerSpec& s) {
  if (!std::isfinite(s.activity_l1) || s.activity_l1 < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        LayerKindName(s.kind), " layer: activity_l1 must be >= 0, got ", s.activity_l1));
  }
  switch (s.kind) {
    case LayerKind::kDense:
      if (auto st = Positive(s, "units_in", s.units_in); !st.ok()) return st;
      return Positive(s, "units_out", s.units_out);
    case LayerKind::kConv1D:
    case LayerKind::kMaxPool1D: {
      const bool conv = s.kind == LayerKind::kConv1D;
      if (auto st = Positive(s, "channels_in", s.channels_in); !st.ok()) return st;
      if (conv) {
        if (auto st = Positive(s, "channels_out", s.channels_out); !st.ok()) return st;
      }
      if (auto st = Positive(s, "length", s.length); !st.ok()) return st;
      if (auto st = Positive(s, "kernel", s.kernel); !st.ok()) return st;
      if (auto st = Positive(s, "stride", s.stride); !st.ok()) return st;
      if (s.padding < 0 || s.padding > kMaxDim || (!conv && s.padding * 2 > s.kernel)) {
        return absl::InvalidArgumentError(absl::StrCat(
            LayerKindName(s.kind), " layer: padding must be in [0, ",
            conv ? "inf" : "kernel/2", "], got ", s.padding));
      }
      if (s.length + 2 * s.padding < s.kernel) {
        return absl::InvalidArgumentError(absl::StrCat(
            LayerKindName(s.kind), " layer: kernel ", s.kernel,
            " is longer than the padded input length ", s.length + 2 * s.padding));
      }
      if (s.channels_in * s.length > kMaxDim) {
        return absl::InvalidArgumentError(absl::StrCat(
            LayerKindName(s.kind), " layer: input too large: ", s.channels_in,
            " x ", s.length));
      }
      return absl::OkStatus();
    }
    case LayerKind::kGru:
    case LayerKind::kRnn:
      if (auto st = Positive(s, "units_in (features)", s.units_in); !st.ok()) return st;
      if (auto st = Positive(s, "units_out (hidden)", s.units_out); !st.ok()) return st;
      return Positive(s, "length (steps)", s.length);
    case LayerKind::kFlatten:
      if (auto st = Positive(s, "channels_in", s.channels_in); !st.ok()) return st;
      if (auto st = Positive(s, "length", s.length); !st.ok()) return st;
      return absl::OkStatus();
    case LayerKind::kDropout:
      if (!(s.rate >= 0.0f && s.rate < 1.0f)) {
        return absl::InvalidArgumentError(
            absl::StrCat("dropout layer: rate must be in [0, 1), got ", s.rate));
      }
      return Positive(s, "size", s.size);
    case LayerKind::kGaussianNoise:
      if (!(s.rate >= 0.0f) || !std::isfinite(s.rate)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "gaussian_noise layer: stddev (rate) must be >= 0, got ", s.rate));
      }
      return Positive(s, "size", s.size);
    case LayerKind::kSoftmax:
      if (!(s.rate > 0.0f) || !std::isfinite(s.rate)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "softmax layer: temperature (rate) must be > 0, got ", s.rate));
      }
      return Positive(s, "size", s.size);
    case LayerKind::kRelu:
    case LayerKind::kSigmoid:
    case LayerKind::kTanh:
      return Positive(s, "size", s.size);
  }
  return absl::InvalidArgumentError("unknown layer kind");
}

namespace spec {
LayerSpec Dense(int64_t in, int64_t out) {
  LayerSpec s;
  s.kind = LayerKind::kDense;
  s.units_in = in;
  s.units_out = out;
  return s;
}
LayerSpec Conv1D(int64_t channels_in, int64_t channels_out, int64_t kernel,
                 int64_t stride, int64_t padding, int64_t length) {
  LayerSpec s;
  s.kind = LayerKind::kConv1D;
  s.channels_in = channels_in;
  s.channels_out = channels_out;
  s.kernel = kernel;
  s.stride = stride;
  s.padding = padding;
  s.length = length;
  return s;
}
LayerSpec MaxPool1D(int64_t kernel, int64_t stride, int64_t padding,
                    int64_t channels, int64_t length) {
  LayerSpec s;
  s.kind = LayerKind::kMaxPool1D;
  s.kernel = kernel;
  s.stride = stride;
  s.padding = padding;
  s.channels_in = channels;
  s.length = length;
  return s;
}
static LayerSpec Recurrent(LayerKind kind, int64_t features, int64_t hidden,
                           bool return_sequences, int64_t steps) {
  LayerSpec s;
  s.kind = kind;
  s.units_in = features;
  s.units_out = hidden;
  s.return_sequences = return_sequences;
  s.length = steps;
  return s;
}
LayerSpec Gru(int64_t features, int64_t hidden, bool return_sequences, int64_t steps) {
  return Recurrent(LayerKind::kGru, features, hidden, return_sequences, steps);
}
LayerSpec Rnn(int64_t features, int64_t hidden, bool return_sequences, int64_t steps) {
  return Recurrent(LayerKind::kRnn, features, hidden, return_sequences, steps);
}
static LayerSpec Elementwise(LayerKind kind, int64_t size, float rate = 0.0f) {
  LayerSpec s;
  s.kind = kind;
  s.size = size;
  s.rate = rate;
  return s;
}
LayerSpec Dropout(float rate, int64_t size) {
  return Elementwise(LayerKind::kDropout, size, rate);
}
LayerSpec GaussianNoise(float stddev, int64_t size) {
  return Elementwise(LayerKind::kGaussianNoise, size, stddev);
}
LayerSpec Flatten() {
  LayerSpec s;
  s.kind = LayerKind::kFlatten;
  return s;
}
LayerSpec Relu(int64_t size) { return Elementwise(LayerKind::kRelu, size); }
LayerSpec Sigmoid(int64_t size) { return Elementwise(LayerKind::kSigmoid, size); }
LayerSpec Tanh(int64_t size) { return Elementwise(LayerKind::kTanh, size); }
LayerSpec Softmax(float temperature, int64_t size) {
  return Elementwise(LayerKind::kSoftmax, size, temperature);
}
}  // namespace spec

}  // namespace ls::nn
