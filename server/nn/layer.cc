#include "nn/layer.h"

#include "nn/relu.h"
#include "nn/sigmoid.h"
#include "nn/tanh.h"
#include "nn/conv1d.h"
#include "nn/dense.h"
#include "nn/dropout.h"
#include "nn/flatten.h"
#include "nn/gaussian_noise.h"
#include "nn/gru.h"
#include "nn/maxpool1d.h"
#include "nn/rnn.h"
#include "nn/softmax.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

Index Layer::NumParams() const {
  Index n = 0;
  for (const auto& p : Params()) n += p.size();
  return n;
}

void FillUniform(Rng& rng, Scalar bound, Scalar* data, Index n) {
  for (Index i = 0; i < n; ++i) data[i] = static_cast<Scalar>(rng.Uniform(-bound, bound));
}

std::unique_ptr<Layer> MakeLayer(const LayerSpec& spec) {
  LS_NN_CHECK(CheckLayerSpec(spec).ok());
  switch (spec.kind) {
    case LayerKind::kDense: return std::make_unique<Dense>(spec);
    case LayerKind::kConv1D: return std::make_unique<Conv1D>(spec);
    case LayerKind::kMaxPool1D: return std::make_unique<MaxPool1D>(spec);
    case LayerKind::kGru: return std::make_unique<Gru>(spec);
    case LayerKind::kRnn: return std::make_unique<Rnn>(spec);
    case LayerKind::kDropout: return std::make_unique<Dropout>(spec);
    case LayerKind::kGaussianNoise: return std::make_unique<GaussianNoise>(spec);
    case LayerKind::kFlatten: return std::make_unique<Flatten>(spec);
    case LayerKind::kRelu: return std::make_unique<Relu>(spec);
    case LayerKind::kSigmoid: return std::make_unique<Sigmoid>(spec);
    case LayerKind::kTanh: return std::make_unique<Tanh>(spec);
    case LayerKind::kSoftmax: return std::make_unique<Softmax>(spec);
  }
  return nullptr;
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
