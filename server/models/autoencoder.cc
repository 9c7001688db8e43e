#include "models/autoencoder.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "nn/layer_spec.h"

namespace ls::models {

int ContextFrames(const std::string& arch) {
  return arch == "conv" || arch == "context" ? kConvContext : 1;
}

int CodeOffset(const std::string& arch, int bottleneck) {
  return arch == "context" ? (kConvContext / 2) * bottleneck : 0;
}

namespace {

// Every hidden layer of the residual arch is 2k pass-through units (the code
// as relu(c), relu(-c)) followed by its own hidden units.
// The context arch is the same encoder applied to each of 5 neighbouring
// frames (kernel-1 convolutions share its weights); the decoder reads all 5
// codes and reconstructs the centre frame.
absl::StatusOr<BuiltAutoencoder> BuildResidual(const TrainSettings& s, int bins) {
  namespace sp = nn::spec;
  BuiltAutoencoder b{nn::Sequential(s.seed), 0};
  nn::Sequential& m = b.model;
  const int pass = 2 * s.bottleneck;
  const int window = ContextFrames(s.arch);
  auto layer = [&](int in, int out) {
    return window == 1 ? sp::Dense(in, out) : sp::Conv1D(in, out, 1, 1, 0, window);
  };
  int in = bins;
  for (int h : s.hidden) {
    LS_RETURN_IF_ERROR(m.Add(layer(in, pass + h)));
    LS_RETURN_IF_ERROR(m.Add(sp::Relu()));
    in = pass + h;
  }
  nn::LayerSpec code = layer(in, s.bottleneck);
  code.activity_l1 = static_cast<float>(s.sparse_l1);
  LS_RETURN_IF_ERROR(m.Add(code));
  b.code_end = m.num_layers();
  if (window > 1) LS_RETURN_IF_ERROR(m.Add(sp::Flatten()));
  for (auto it = s.hidden.rbegin(); it != s.hidden.rend(); ++it) {
    LS_RETURN_IF_ERROR(m.Add(sp::Dense(0, pass + *it)));
    LS_RETURN_IF_ERROR(m.Add(sp::Relu()));
  }
  // Linear output: the reconstruction starts as PCA's (mean + basis · code).
  LS_RETURN_IF_ERROR(m.Add(sp::Dense(0, bins)));
  return b;
}

}  // namespace

absl::Status InitFromPca(const TrainSettings& s, const Pca& pca, BuiltAutoencoder* b) {
  if (s.arch != "residual" && s.arch != "context") return absl::OkStatus();
  nn::Sequential& m = b->model;
  const int k = s.bottleneck;
  const int window = ContextFrames(s.arch);
  const int centre = CodeOffset(s.arch, k);  // first decoder layer: the centre frame's code
  const int bins = static_cast<int>(m.InputShape().size()) / window;
  if (pca.basis.cols() != k || pca.basis.rows() != bins) {
    return absl::InvalidArgumentError(absl::StrCat("PCA basis is ", pca.basis.rows(), "x", pca.basis.cols(),
                                                   ", the model needs ", bins, "x", k));
  }
  std::vector<int> dense;
  for (int i = 0; i < m.num_layers(); ++i) {
    const nn::LayerKind kind = m.layer(i).kind();
    if (kind == nn::LayerKind::kDense || kind == nn::LayerKind::kConv1D) dense.push_back(i);
  }
  // B (bins x k) as double for the blocks below.
  const Eigen::MatrixXd basis = pca.basis.cast<double>();
  const Eigen::VectorXd proj_bias = -(basis.transpose() * pca.mean.cast<double>());
  for (size_t li = 0; li < dense.size(); ++li) {
    const int i = dense[li];
    const nn::LayerSpec& sp = m.layer(i).spec();
    // A kernel-1 conv's weight is channels_out x channels_in, as a dense one's.
    const bool conv = sp.kind == nn::LayerKind::kConv1D;
    const nn::Index out = conv ? sp.channels_out : sp.units_out;
    const nn::Index in = conv ? sp.channels_in : sp.units_in;
    nn::MatrixMap w(m.params().data() + m.ParamOffset(i), out, in);
    nn::VectorMap bias(m.params().data() + m.ParamOffset(i) + out * in, out);
    const bool first = li == 0, last = li + 1 == dense.size();
    const bool code = i == b->code_end - 1;
    const bool reads_code = li > 0 && dense[li - 1] == b->code_end - 1;
    // Rows feeding the pass-through units and columns reading them are set;
    // the other units keep their random init but start with no say in the code
    // or output (zero columns), so training starts exactly at PCA's error.
    if (!last && !code) {  // a layer whose first 2k outputs are relu(±code)
      w.topRows(2 * k).setZero();
      bias.head(2 * k).setZero();
      if (first) {
        w.topRows(k) = basis.transpose().cast<nn::Scalar>();
        w.middleRows(k, k) = -basis.transpose().cast<nn::Scalar>();
        bias.head(k) = proj_bias.cast<nn::Scalar>();
        bias.segment(k, k) = -proj_bias.cast<nn::Scalar>();
      } else if (reads_code) {  // first decoder layer reads the (centre) code itself
        w.block(0, centre, k, k).setIdentity();
        w.block(k, centre, k, k) = -Eigen::MatrixXf::Identity(k, k).cast<nn::Scalar>();
      } else {  // relu(u - v), relu(v - u) of the previous pair
        for (int r = 0; r < k; ++r) {
          w(r, r) = 1, w(r, k + r) = -1;
          w(k + r, r) = -1, w(k + r, k + r) = 1;
        }
      }
      continue;
    }
    // Code or output layer: reads only the pair (u - v = the code), or the
    // input / the code itself when there are no hidden layers.
    w.setZero();
    if (code) {
      if (first) {
        w = basis.transpose().cast<nn::Scalar>();
        bias = proj_bias.cast<nn::Scalar>();
      } else {
        for (int r = 0; r < k; ++r) w(r, r) = 1, w(r, k + r) = -1;
        bias.setZero();
      }
    } else {
      if (reads_code) {
        w.middleCols(centre, k) = basis.cast<nn::Scalar>();
      } else {
        w.leftCols(k) = basis.cast<nn::Scalar>();
        w.middleCols(k, k) = -basis.cast<nn::Scalar>();
      }
      bias = pca.mean.cast<nn::Scalar>();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<BuiltAutoencoder> BuildAutoencoder(const TrainSettings& s, int bins) {
  LS_RETURN_IF_ERROR(ValidateTrainSettings(s));
  namespace sp = nn::spec;
  BuiltAutoencoder b{nn::Sequential(s.seed), 0};
  nn::Sequential& m = b.model;
  if (s.arch == "residual" || s.arch == "context") return BuildResidual(s, bins);
  const int context = ContextFrames(s.arch);
  std::vector<int> hidden = s.hidden;
  size_t h0 = 0;
  if (s.arch == "conv") {
    // The first hidden size is the conv's channels (64 when none given).
    const int ch = hidden.empty() ? 64 : hidden[0];
    LS_RETURN_IF_ERROR(m.Add(sp::Conv1D(bins, ch, 3, 1, 0, context)));
    LS_RETURN_IF_ERROR(m.Add(sp::Relu()));
    LS_RETURN_IF_ERROR(m.Add(sp::Flatten()));
    h0 = hidden.empty() ? 0 : 1;
  } else {
    nn::LayerSpec first = sp::Dense(bins, hidden.empty() ? s.bottleneck : hidden[0]);
    if (hidden.empty()) first.activity_l1 = static_cast<float>(s.sparse_l1);
    LS_RETURN_IF_ERROR(m.Add(first));
    if (!hidden.empty()) {
      LS_RETURN_IF_ERROR(m.Add(sp::Relu()));
      h0 = 1;
    }
  }
  for (size_t i = h0; i < hidden.size(); ++i) {
    LS_RETURN_IF_ERROR(m.Add(sp::Dense(0, hidden[i])));
    LS_RETURN_IF_ERROR(m.Add(sp::Relu()));
  }
  // A linear code: a saturated sigmoid unit is constant on some songs (a dead
  // light), and a linear bottleneck can at least match PCA.
  if (s.arch == "dense" && hidden.empty()) {
    // Dense(bins → bottleneck) above is already the code.
  } else {
    nn::LayerSpec code = sp::Dense(0, s.bottleneck);
    code.activity_l1 = static_cast<float>(s.sparse_l1);
    LS_RETURN_IF_ERROR(m.Add(code));
  }
  b.code_end = m.num_layers();
  for (auto it = hidden.rbegin(); it != hidden.rend(); ++it) {
    LS_RETURN_IF_ERROR(m.Add(sp::Dense(0, *it)));
    LS_RETURN_IF_ERROR(m.Add(sp::Relu()));
  }
  LS_RETURN_IF_ERROR(m.Add(sp::Dense(0, bins)));
  LS_RETURN_IF_ERROR(m.Add(sp::Sigmoid()));
  return b;
}

void AssembleInputs(const float* spec, int bins, int frames, int context, const int* cols, int n,
                    nn::Matrix* out) {
  out->resize(static_cast<nn::Index>(bins) * context, n);
  const int half = context / 2;
  for (int j = 0; j < n; ++j) {
    float* dst = out->col(j).data();
    for (int t = 0; t < context; ++t) {
      const int f = std::clamp(cols[j] - half + t, 0, frames - 1);
      std::memcpy(dst + static_cast<size_t>(t) * bins, spec + static_cast<size_t>(f) * bins,
                  sizeof(float) * bins);
    }
  }
}

}  // namespace ls::models
