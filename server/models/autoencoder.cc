#include "models/autoencoder.h"

#include <algorithm>
#include <cstring>

#include "common/status_macros.h"
#include "nn/layer_spec.h"

namespace ls::models {

int ContextFrames(const std::string& arch) { return arch == "conv" ? kConvContext : 1; }

absl::StatusOr<BuiltAutoencoder> BuildAutoencoder(const TrainSettings& s, int bins) {
  LS_RETURN_IF_ERROR(ValidateTrainSettings(s));
  namespace sp = nn::spec;
  BuiltAutoencoder b{nn::Sequential(s.seed), 0};
  nn::Sequential& m = b.model;
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
