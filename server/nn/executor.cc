#include "nn/executor.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

Executor::Executor(const Sequential& model) : model_(&model) {
  for (int i = 0; i < model.num_layers(); ++i) layers_.push_back(model.layer(i).Clone());
  acts_.resize(layers_.size());
  deltas_.resize(layers_.size());
}

void Executor::SetTraining(bool training) {
  for (auto& l : layers_) l->SetTraining(training);
}

void Executor::Reseed(uint64_t seed) {
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->Reseed(MixSeed(seed, i, 0x5eed));
}

const Matrix& Executor::Forward(const ConstRef& in) {
  LS_NN_CHECK(!layers_.empty());
  LS_NN_CHECK(model_->num_layers() == static_cast<int>(layers_.size()));
  input_.emplace(in.data(), in.rows(), in.cols(), Eigen::OuterStride<>(in.outerStride()));
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (i == 0) {
      layers_[i]->Forward(*input_, acts_[i]);
    } else {
      layers_[i]->Forward(acts_[i - 1], acts_[i]);
    }
    LS_NN_CHECK(acts_[i].rows() == layers_[i]->OutputShape().size() &&
                acts_[i].cols() == in.cols());
  }
  deltas_.back().resize(acts_.back().rows(), acts_.back().cols());
  return acts_.back();
}

double Executor::Backward(Scalar scale, Scalar* grad, Matrix* input_grad, bool accumulate) {
  LS_NN_CHECK(input_.has_value());
  const int n = static_cast<int>(layers_.size());
  LS_NN_CHECK(deltas_.back().rows() == acts_.back().rows() &&
              deltas_.back().cols() == acts_.back().cols());
  double penalty = 0.0;
  for (int i = n - 1; i >= 0; --i) {
    Layer& layer = *layers_[i];
    Matrix& dout = deltas_[i];
    const Matrix& out = acts_[i];
    const float l1 = layer.spec().activity_l1;
    if (l1 > 0.0f) {
      const Scalar w = scale * static_cast<Scalar>(l1);
      penalty += static_cast<double>(w) * out.cwiseAbs().sum();
      dout.array() += w * out.array().sign();
    }
    const ConstRef in = i == 0 ? ConstRef(*input_) : ConstRef(acts_[i - 1]);
    const bool need_dIn = i > 0 || input_grad != nullptr || layer.GradientNeedsBackward();
    if (need_dIn) {
      Matrix& din = i > 0 ? deltas_[i - 1] : (input_grad ? *input_grad : first_dIn_);
      layer.Backward(in, out, dout, din);
      LS_NN_CHECK(din.rows() == in.rows() && din.cols() == in.cols());
    }
    if (layer.NumParams() > 0) layer.Gradient(in, dout, grad + model_->ParamOffset(i), accumulate);
  }
  return penalty;
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
