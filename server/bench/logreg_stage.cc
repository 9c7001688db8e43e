// e. logreg — the peer's logreg_stage(): features = the 513 normalised bins
// of a frame + the fraction of the song elapsed at the frame's start; label 1
// while the frame starts before the last 10 s. Fit (L2 logistic regression,
// lbfgs, C = 1, max_iter 1000, as sklearn's defaults) on all songs but the
// last; test on the last.
#include "bench/stages.h"
#include "bench/stats.h"
#include "nn/logreg.h"

namespace ls::bench {
namespace {

struct Data {
  nn::Matrix x;  // 514 × frames
  std::vector<int> y;
};

// Appends a song's columns to d (x already sized; `col` advances).
void AppendSong(const dsp::Spectrogram& f, const Song& s, int hop, Data& d, nn::Index& col) {
  for (int i = 0; i < f.frames; ++i, ++col) {
    const double t_start = double(i) * hop / s.sr;
    const float* row = f.row(i);
    for (int b = 0; b < f.bins; ++b) d.x(b, col) = row[b];
    d.x(f.bins, col) = static_cast<float>(t_start / s.duration);
    d.y[col] = t_start < s.duration - kEndSeconds ? 1 : 0;
  }
}

Data Build(const std::vector<Song>& songs, const std::vector<dsp::Spectrogram>& feats,
           size_t first, size_t last, int hop) {
  nn::Index n = 0;
  for (size_t k = first; k < last; ++k) n += feats[k].frames;
  Data d{nn::Matrix(dsp::kBins + 1, n), std::vector<int>(static_cast<size_t>(n))};
  nn::Index col = 0;
  for (size_t k = first; k < last; ++k) AppendSong(feats[k], songs[k], hop, d, col);
  return d;
}

double Majority(const std::vector<int>& y) {
  double ones = 0;
  for (int v : y) ones += v;
  const double m = y.empty() ? 0.0 : ones / double(y.size());
  return std::max(m, 1.0 - m);
}

}  // namespace

absl::StatusOr<Json> LogregStage(const std::vector<Song>& songs,
                                 const std::vector<dsp::Spectrogram>& feats, int hop) {
  const size_t n_train = songs.size() > 1 ? songs.size() - 1 : songs.size();
  Data tr = Build(songs, feats, 0, n_train, hop);
  nn::LogRegConfig cfg;  // C = 1, max_iter = 1000, tol = 1e-4: sklearn's defaults
  const double t0 = Now();
  absl::StatusOr<nn::LogisticRegression> clf = nn::FitLogisticRegression(tr.x, tr.y, cfg);
  const double fit_s = Now() - t0;
  if (!clf.ok()) return clf.status();
  Json j;
  j["hop"] = hop;
  j["n_train"] = tr.x.cols();
  j["n_features"] = tr.x.rows();
  j["fit_s"] = fit_s;
  j["n_iter"] = clf->n_iter;
  j["train_accuracy"] = clf->Accuracy(tr.x, tr.y);
  j["train_majority_baseline"] = Majority(tr.y);
  if (songs.size() > 1) {
    Data te = Build(songs, feats, songs.size() - 1, songs.size(), hop);
    const double p0 = Now();
    const double acc = clf->Accuracy(te.x, te.y);
    const double pred_s = Now() - p0;
    const std::vector<int> pred = clf->Predict(te.x);
    double end_total = 0, end_hit = 0;
    for (size_t i = 0; i < te.y.size(); ++i) {
      if (te.y[i] == 0) {
        ++end_total;
        if (pred[i] == 0) ++end_hit;
      }
    }
    j["heldout_file"] = songs.back().path;
    j["n_test"] = te.x.cols();
    j["heldout_accuracy"] = acc;
    j["predict_s"] = pred_s;
    j["heldout_majority_baseline"] = Majority(te.y);
    j["heldout_recall_end_class"] = end_hit / std::max(1.0, end_total);
  }
  j["converged"] = clf->converged;
  return j;
}

}  // namespace ls::bench
