#include "nn/sequential.h"

#include "absl/strings/str_cat.h"
#include "nn/executor.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {
namespace {

// Fills the zero fields of `s` from the previous layer's per-sample shape.
void InferFrom(Shape prev, LayerSpec& s) {
  switch (s.kind) {
    case LayerKind::kDense:
      if (s.units_in == 0) s.units_in = prev.size();
      break;
    case LayerKind::kConv1D:
    case LayerKind::kMaxPool1D:
    case LayerKind::kFlatten:
      if (s.channels_in == 0) s.channels_in = prev.rows;
      if (s.length == 0) s.length = prev.cols;
      break;
    case LayerKind::kGru:
    case LayerKind::kRnn:
      if (s.units_in == 0) s.units_in = prev.rows;
      if (s.length == 0) s.length = prev.cols;
      break;
    default:  // element-wise: keep the 2-D shape
      if (s.size == 0) {
        s.size = prev.size();
        s.length = prev.cols;
      }
      break;
  }
}

void Defaults(LayerSpec& s) {
  if (s.kind == LayerKind::kConv1D && s.stride == 0) s.stride = 1;
  if (s.kind == LayerKind::kMaxPool1D && s.stride == 0) s.stride = s.kernel;
  if (s.kind == LayerKind::kSoftmax && s.rate == 0.0f) s.rate = 1.0f;
}

}  // namespace

Sequential::Sequential(uint64_t seed) : seed_(seed) {}
Sequential::~Sequential() = default;
Sequential::Sequential(Sequential&&) noexcept = default;
Sequential& Sequential::operator=(Sequential&&) noexcept = default;

Shape Sequential::InputShape() const {
  return layers_.empty() ? Shape{0, 1} : layers_.front()->InputShape();
}
Index Sequential::ActivationSize() const {
  Index n = 0;
  for (const auto& l : layers_) n += l->OutputShape().size();
  return n;
}

Index Sequential::CacheSize() const {
  Index n = 0;
  for (const auto& l : layers_) n += l->CacheSizePerSample();
  return n;
}

Shape Sequential::OutputShape() const {
  return layers_.empty() ? Shape{0, 1} : layers_.back()->OutputShape();
}

absl::Status Sequential::Add(LayerSpec s) {
  if (!layers_.empty()) InferFrom(layers_.back()->OutputShape(), s);
  Defaults(s);
  if (auto st = CheckLayerSpec(s); !st.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("layer ", layers_.size(), ": ", st.message()));
  }
  if (s.kind != LayerKind::kDense && s.kind != LayerKind::kGru &&
      s.kind != LayerKind::kRnn && s.kind != LayerKind::kConv1D &&
      s.kind != LayerKind::kMaxPool1D && s.kind != LayerKind::kFlatten &&
      s.length > 0 && s.size % s.length != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "layer ", layers_.size(), ": size ", s.size, " is not a multiple of length ", s.length));
  }
  auto layer = MakeLayer(s);
  if (!layers_.empty()) {
    const Shape prev = layers_.back()->OutputShape();
    const Shape want = layer->InputShape();
    // Dense accepts any shape of the right size (it flattens implicitly).
    const bool fits = s.kind == LayerKind::kDense ? prev.size() == want.size() : prev == want;
    if (!fits) {
      return absl::InvalidArgumentError(absl::StrCat(
          "layer ", layers_.size(), " (", LayerKindName(s.kind), ") expects input ",
          want.rows, "x", want.cols, " but the previous layer outputs ", prev.rows, "x",
          prev.cols));
    }
  }
  const Index offset = params_.size();
  const Index n = layer->NumParams();
  // A bound that also keeps a corrupt model file from asking for terabytes.
  constexpr Index kMaxParams = Index{1} << 31;
  if (n > kMaxParams || offset + n > kMaxParams) {
    return absl::InvalidArgumentError(absl::StrCat(
        "layer ", layers_.size(), " (", LayerKindName(s.kind), ") would bring the model to ",
        offset + n, " parameters; the limit is ", kMaxParams));
  }
  offsets_.push_back(offset);
  layers_.push_back(std::move(layer));
  params_.conservativeResize(offset + n);
  Rebind();
  Rng rng(MixSeed(seed_, layers_.size() - 1));
  layers_.back()->Initialize(rng);
  return absl::OkStatus();
}

void Sequential::Rebind() {
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->Bind(params_.data() + offsets_[i]);
  predictor_.reset();  // its layer copies point at the old storage
}

Sequential Sequential::Clone() const {
  Sequential copy(seed_);
  for (const auto& l : layers_) {
    copy.offsets_.push_back(copy.params_.size());
    copy.layers_.push_back(l->Clone());
    copy.params_.conservativeResize(copy.params_.size() + l->NumParams());
  }
  copy.params_ = params_;
  copy.Rebind();
  return copy;
}

absl::StatusOr<Sequential> Sequential::Slice(int begin, int end) const {
  if (begin < 0 || end > num_layers() || begin >= end) {
    return absl::InvalidArgumentError(absl::StrCat(
        "slice [", begin, ", ", end, ") is not a non-empty range of ", num_layers(), " layers"));
  }
  Sequential part(seed_);
  for (int i = begin; i < end; ++i) {
    if (auto st = part.Add(layers_[i]->spec()); !st.ok()) return st;
  }
  const Index from = offsets_[begin];
  const Index to = end < num_layers() ? offsets_[end] : params_.size();
  part.params_ = params_.segment(from, to - from);
  part.Rebind();
  return part;
}

void Sequential::Predict(const ConstRef& in, Matrix& out) {
  if (!predictor_) predictor_ = std::make_unique<Executor>(*this);
  out = predictor_->Forward(in);
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
