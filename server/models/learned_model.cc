#include "models/learned_model.h"

#include <numeric>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/status_macros.h"
#include "models/autoencoder.h"
#include "nn/model_file.h"

namespace ls::models {
namespace {

constexpr int kChunk = 2048;  // frames per inference batch

}  // namespace

std::string ModelPath(const std::string& dir, const std::string& id) {
  return absl::StrCat(dir, "/", id, ".lsnn");
}
std::string PcaPath(const std::string& dir, const std::string& id) {
  return absl::StrCat(dir, "/", id, ".pca");
}
std::string EndModelPath(const std::string& dir, const std::string& id) {
  return absl::StrCat(dir, "/", id, ".lsend");
}

absl::StatusOr<std::unique_ptr<LearnedModel>> LearnedModel::Load(const std::string& dir,
                                                                  const std::string& id) {
  LS_ASSIGN_OR_RETURN(nn::ModelFile file, nn::LoadModel(ModelPath(dir, id)));
  std::unique_ptr<LearnedModel> m(new LearnedModel());
  m->id_ = id;
  auto settings = file.metadata.find("settings");
  auto code_end = file.metadata.find("code_end");
  int end = 0;
  if (settings == file.metadata.end() || code_end == file.metadata.end() ||
      !absl::SimpleAtoi(code_end->second, &end) || end < 1 || end >= file.model.num_layers()) {
    return absl::DataLossError(absl::StrCat("model ", id, ": metadata lacks settings or code_end"));
  }
  LS_ASSIGN_OR_RETURN(m->settings_, SettingsFromText(settings->second));
  m->context_ = ContextFrames(m->settings_.arch);
  m->code_offset_ = CodeOffset(m->settings_.arch, m->settings_.bottleneck);
  if (file.model.InputShape().size() != dsp::kBins * m->context_ ||
      file.model.OutputShape().size() != dsp::kBins) {
    return absl::DataLossError(absl::StrCat("model ", id, ": input/output sizes do not fit ", m->settings_.arch));
  }
  LS_ASSIGN_OR_RETURN(m->encoder_, file.model.Slice(0, end));
  m->full_ = std::move(file.model);
  LS_ASSIGN_OR_RETURN(std::string pca, ReadFile(PcaPath(dir, id)));
  LS_ASSIGN_OR_RETURN(m->pca_, Pca::Parse(pca));
  return m;
}

std::vector<float> LearnedModel::Encode(const dsp::Spectrogram& spec) {
  std::lock_guard<std::mutex> lock(mu_);
  const int k = code_size();
  std::vector<float> out(static_cast<size_t>(spec.frames) * k);
  std::vector<int> cols(kChunk);
  nn::Matrix in, code;
  for (int f0 = 0; f0 < spec.frames; f0 += kChunk) {
    const int n = std::min(kChunk, spec.frames - f0);
    std::iota(cols.begin(), cols.begin() + n, f0);
    AssembleInputs(spec.data.data(), spec.bins, spec.frames, context_, cols.data(), n, &in);
    encoder_.Predict(in, code);
    // One frame's code per column (k rows from its offset: the context arch
    // also outputs its neighbours' codes) = n × k row-major.
    for (int j = 0; j < n; ++j) {
      std::copy_n(code.col(j).data() + code_offset_, k, out.begin() + (size_t(f0) + j) * k);
    }
  }
  return out;
}

double LearnedModel::ReconstructionMse(const dsp::Spectrogram& spec, int frames) {
  std::lock_guard<std::mutex> lock(mu_);
  frames = std::min(frames, spec.frames);
  if (frames <= 0) return 0;
  double sum = 0;
  std::vector<int> cols(kChunk);
  nn::Matrix in, out;
  for (int f0 = 0; f0 < frames; f0 += kChunk) {
    const int n = std::min(kChunk, frames - f0);
    std::iota(cols.begin(), cols.begin() + n, f0);
    AssembleInputs(spec.data.data(), spec.bins, spec.frames, context_, cols.data(), n, &in);
    full_.Predict(in, out);
    nn::ConstMatrixMap target(spec.row(f0), spec.bins, n);
    sum += (out - target).cast<double>().squaredNorm();
  }
  return sum / (static_cast<double>(frames) * spec.bins);
}

double LearnedModel::PcaMse(const dsp::Spectrogram& spec, int frames) const {
  frames = std::min(frames, spec.frames);
  if (frames <= 0) return 0;
  Eigen::Map<const Eigen::MatrixXf> x(spec.data.data(), spec.bins, frames);
  return pca_.ReconstructionMse(x);
}

}  // namespace ls::models
