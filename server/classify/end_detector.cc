#include "classify/end_detector.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_format.h"

namespace ls::classify {
namespace {

constexpr int kContextFeatures = 10;

double At(const std::vector<float>& v, int i) {
  return v[std::clamp(i, 0, static_cast<int>(v.size()) - 1)];
}

// Moving average of a per-frame series over `window` frames, centred.
std::vector<float> Smooth(const std::vector<float>& x, int window) {
  const int n = static_cast<int>(x.size());
  std::vector<double> cum(n + 1, 0.0);
  for (int i = 0; i < n; ++i) cum[i + 1] = cum[i] + x[i];
  std::vector<float> out(n);
  for (int i = 0; i < n; ++i) {
    const int lo = std::max(0, i - window / 2), hi = std::min(n, i + window / 2 + 1);
    out[i] = static_cast<float>((cum[hi] - cum[lo]) / (hi - lo));
  }
  return out;
}

Eigen::MatrixXd ContextFeatures(const SongFrames& f) {
  const int n = f.frames();
  const int sec = static_cast<int>(kFrameRate);
  const std::vector<float> s05 = SmoothedRelativeDb(f, sec / 2);
  const std::vector<float> s2 = SmoothedRelativeDb(f, 2 * sec);
  std::vector<float> centroid(n), flux(n, 0.0f);
  for (int t = 0; t < n; ++t) {
    const float* row = f.spec.row(t);
    double m = 0, w = 0;
    for (int b = 0; b < f.spec.bins; ++b) { m += row[b]; w += double(b) * row[b]; }
    centroid[t] = static_cast<float>(m > 0 ? w / m / f.spec.bins : 0.0);
    if (t > 0) {
      const float* prev = f.spec.row(t - 1);
      double d = 0;
      for (int b = 0; b < f.spec.bins; ++b) d += std::abs(row[b] - prev[b]);
      flux[t] = static_cast<float>(d / f.spec.bins);
    }
  }
  centroid = Smooth(centroid, sec);
  flux = Smooth(flux, sec);
  // Suffix statistics: how loud the rest of the song is.
  std::vector<double> rest_max(n + 1, -200.0), rest_sum(n + 1, 0.0);
  for (int t = n - 1; t >= 0; --t) {
    rest_max[t] = std::max<double>(rest_max[t + 1], s05[t]);
    rest_sum[t] = rest_sum[t + 1] + s2[t];
  }
  Eigen::MatrixXd x(kContextFeatures, n);
  for (int t = 0; t < n; ++t) {
    const double left_s = (n - t) / kFrameRate;
    x.col(t) << s05[t] / 20.0, s2[t] / 20.0, rest_max[t] / 20.0,
        rest_sum[t] / (n - t) / 20.0, At(s2, t - 2 * sec) / 20.0,
        (At(s2, t + sec) - At(s2, t - sec)) / 20.0, centroid[t] * 10.0, flux[t] * 10.0,
        double(t) / n, std::min(left_s, 60.0) / 60.0;
  }
  return x;
}

Eigen::MatrixXd ReferenceFeatures(const SongFrames& f) {
  const int n = f.frames();
  Eigen::MatrixXd x(f.spec.bins + 1, n);
  for (int t = 0; t < n; ++t) {
    const float* row = f.spec.row(t);
    for (int b = 0; b < f.spec.bins; ++b) x(b, t) = row[b];
    x(f.spec.bins, t) = double(t) / n;
  }
  return x;
}

}  // namespace

const char* EndKindName(EndKind k) { return k == EndKind::kReference ? "reference" : "context"; }

int EndFeatureCount(EndKind kind) {
  return kind == EndKind::kReference ? dsp::kBins + 1 : kContextFeatures;
}

Eigen::MatrixXd EndFeatures(EndKind kind, const SongFrames& f) {
  return kind == EndKind::kReference ? ReferenceFeatures(f) : ContextFeatures(f);
}

absl::StatusOr<EndModel> TrainEndDetector(const std::vector<EndTrainSong>& songs,
                                          const EndTrainConfig& config) {
  if (songs.empty()) return absl::InvalidArgumentError("end detector: no training songs");
  if (config.frame_stride < 1) return absl::InvalidArgumentError("frame_stride must be >= 1");
  std::vector<Eigen::MatrixXd> feats;
  std::vector<int> y;
  Eigen::Index cols = 0;
  for (size_t s = 0; s < songs.size(); ++s) {
    const SongFrames& f = *songs[s].frames;
    if (songs[s].end_frame < 0 || songs[s].end_frame > f.frames()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "song %d: end frame %d outside 0..%d", s, songs[s].end_frame, f.frames()));
    }
    Eigen::MatrixXd all = EndFeatures(config.kind, f);
    Eigen::MatrixXd sub(all.rows(), (all.cols() + config.frame_stride - 1) / config.frame_stride);
    for (Eigen::Index t = 0, j = 0; t < all.cols(); t += config.frame_stride, ++j) {
      sub.col(j) = all.col(t);
      y.push_back(t >= songs[s].end_frame ? 1 : 0);
    }
    cols += sub.cols();
    feats.push_back(std::move(sub));
  }
  Eigen::MatrixXd x(feats[0].rows(), cols);
  Eigen::Index c = 0;
  for (auto& m : feats) {
    x.middleCols(c, m.cols()) = m;
    c += m.cols();
  }
  EndModel model;
  model.kind = config.kind;
  model.mean = x.rowwise().mean();
  model.scale = ((x.colwise() - model.mean).array().square().rowwise().mean()).sqrt().max(1e-6);
  x = (x.colwise() - model.mean).array().colwise() / model.scale.array();
  nn::LogRegConfig lr;
  lr.C = config.C;
  lr.max_iter = 300;
  const nn::Matrix xf = x.cast<nn::Scalar>();
  auto fit = nn::FitLogisticRegression(xf, y, lr);
  if (!fit.ok()) return fit.status();
  model.logreg = std::move(*fit);
  return model;
}

int BestSuffix(const std::vector<float>& prob, int min_frames) {
  const int n = static_cast<int>(prob.size());
  double sum = 0, best = 0;
  int best_k = n;
  for (int k = n - 1; k >= 0; --k) {
    sum += prob[k] - 0.5;
    if (n - k >= min_frames && sum > best) { best = sum; best_k = k; }
  }
  return best_k;
}

EndResult DetectEnd(const EndModel& model, const SongFrames& f) {
  Eigen::MatrixXd x = EndFeatures(model.kind, f);
  x = (x.colwise() - model.mean).array().colwise() / model.scale.array();
  const nn::Matrix xf = x.cast<nn::Scalar>();
  const Eigen::VectorXd p = model.logreg.PredictProba(xf);
  EndResult r;
  r.prob.assign(p.data(), p.data() + p.size());
  r.end_frame = BestSuffix(r.prob, static_cast<int>(std::ceil(model.min_end_s * kFrameRate)));
  r.has_end = r.end_frame < f.frames();
  r.end_s = r.end_frame / kFrameRate;
  return r;
}

int LearnedEndDetector::DarkStart(const float* samples, size_t n, int hop, int frames) const {
  auto f = AnalyseSong(samples, n);
  if (!f.ok() || hop <= 0) return frames;
  const EndResult r = DetectEnd(model_, *f);
  if (!r.has_end) return frames;
  const int64_t start_sample = static_cast<int64_t>(r.end_frame) * kHop;
  return std::clamp(static_cast<int>((start_sample + hop - 1) / hop), 0, frames);
}

}  // namespace ls::classify
