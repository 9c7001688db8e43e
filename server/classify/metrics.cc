#include "classify/metrics.h"

#include "absl/strings/str_format.h"

namespace ls::classify {
namespace {
double Ratio(double num, double den) { return den > 0 ? num / den : 0.0; }
double Harmonic(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }
}  // namespace

absl::StatusOr<ClassReport> ReportFromConfusion(std::vector<std::vector<int64_t>> confusion) {
  const int k = static_cast<int>(confusion.size());
  if (k == 0) return absl::InvalidArgumentError("confusion matrix is empty");
  ClassReport r;
  r.classes = k;
  int64_t total = 0, correct = 0, unknown = 0;
  for (int t = 0; t < k; ++t) {
    auto& row = confusion[t];
    if (row.size() == static_cast<size_t>(k)) row.push_back(0);
    if (row.size() != static_cast<size_t>(k + 1)) {
      return absl::InvalidArgumentError(
          absl::StrFormat("confusion row %d has %d columns, want %d or %d", t, row.size(), k, k + 1));
    }
    for (int64_t v : row) {
      if (v < 0) return absl::InvalidArgumentError(absl::StrFormat("negative count in row %d", t));
      total += v;
    }
    correct += row[t];
    unknown += row[k];
  }
  r.confusion = std::move(confusion);
  r.precision.assign(k, 0.0);
  r.recall.assign(k, 0.0);
  r.f1.assign(k, 0.0);
  r.support.assign(k, 0);
  for (int c = 0; c < k; ++c) {
    int64_t predicted = 0;
    for (int t = 0; t < k; ++t) predicted += r.confusion[t][c];
    for (int p = 0; p <= k; ++p) r.support[c] += r.confusion[c][p];
    r.precision[c] = Ratio(r.confusion[c][c], predicted);
    r.recall[c] = Ratio(r.confusion[c][c], r.support[c]);
    r.f1[c] = Harmonic(r.precision[c], r.recall[c]);
    r.macro_f1 += r.f1[c] / k;
  }
  r.accuracy = Ratio(correct, total);
  r.unknown_rate = Ratio(unknown, total);
  return r;
}

absl::StatusOr<ClassReport> Report(int classes, const std::vector<int>& truth,
                                   const std::vector<int>& pred) {
  if (classes <= 0) return absl::InvalidArgumentError("classes must be > 0");
  if (truth.size() != pred.size()) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%d true labels but %d predictions", truth.size(), pred.size()));
  }
  std::vector<std::vector<int64_t>> m(classes, std::vector<int64_t>(classes + 1, 0));
  for (size_t i = 0; i < truth.size(); ++i) {
    const int t = truth[i], p = pred[i];
    if (t < 0 || t >= classes) {
      return absl::InvalidArgumentError(absl::StrFormat("true label %d at %d out of range", t, i));
    }
    if (p != kUnknown && (p < 0 || p >= classes)) {
      return absl::InvalidArgumentError(absl::StrFormat("prediction %d at %d out of range", p, i));
    }
    ++m[t][p == kUnknown ? classes : p];
  }
  return ReportFromConfusion(std::move(m));
}

void BinaryCounts::Add(bool truth, bool pred) {
  if (truth && pred) ++tp;
  else if (!truth && pred) ++fp;
  else if (truth && !pred) ++fn;
  else ++tn;
}
double BinaryCounts::Precision() const { return Ratio(tp, tp + fp); }
double BinaryCounts::Recall() const { return Ratio(tp, tp + fn); }
double BinaryCounts::F1() const { return Harmonic(Precision(), Recall()); }

std::string FormatReport(const ClassReport& r, const std::vector<std::string>& labels) {
  auto name = [&](int c) { return c < static_cast<int>(labels.size()) ? labels[c] : absl::StrCat(c); };
  std::string s = absl::StrFormat("%-12s", "truth\\pred");
  for (int c = 0; c < r.classes; ++c) absl::StrAppendFormat(&s, " %8.8s", name(c));
  absl::StrAppendFormat(&s, " %8s | %6s %6s %6s\n", "unknown", "prec", "recall", "f1");
  for (int t = 0; t < r.classes; ++t) {
    absl::StrAppendFormat(&s, "%-12.12s", name(t));
    for (int64_t v : r.confusion[t]) absl::StrAppendFormat(&s, " %8d", v);
    absl::StrAppendFormat(&s, " | %6.3f %6.3f %6.3f\n", r.precision[t], r.recall[t], r.f1[t]);
  }
  absl::StrAppendFormat(&s, "accuracy %.3f  macro-F1 %.3f  unknown %.3f\n", r.accuracy,
                        r.macro_f1, r.unknown_rate);
  return s;
}

}  // namespace ls::classify
