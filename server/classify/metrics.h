#pragma once
/// Classification metrics: confusion matrix, per-class precision / recall /
/// F1 and accuracy. Predictions may be "unknown" (-1), kept in an extra
/// column: an unknown answer is never a correct one.
/// Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::classify {

inline constexpr int kUnknown = -1;

struct ClassReport {
  int classes = 0;
  /// confusion[truth][pred], classes × (classes + 1); the last column counts
  /// unknown answers.
  std::vector<std::vector<int64_t>> confusion;
  std::vector<double> precision, recall, f1;  ///< per class; 0 when undefined
  std::vector<int64_t> support;               ///< true samples per class
  double accuracy = 0.0;                      ///< correct / all
  double macro_f1 = 0.0;
  double unknown_rate = 0.0;                  ///< unknown answers / all
};

/// Report from a confusion matrix (classes × classes or classes × classes+1).
/// INVALID_ARGUMENT for a ragged or empty matrix or negative counts.
absl::StatusOr<ClassReport> ReportFromConfusion(std::vector<std::vector<int64_t>> confusion);

/// Report from true labels (0..classes-1) and predictions (0..classes-1 or
/// kUnknown). INVALID_ARGUMENT when sizes differ or a label is out of range.
absl::StatusOr<ClassReport> Report(int classes, const std::vector<int>& truth,
                                   const std::vector<int>& pred);

/// Binary frame F1 of "end" predictions against labels (1 = end).
struct BinaryCounts {
  int64_t tp = 0, fp = 0, fn = 0, tn = 0;
  void Add(bool truth, bool pred);
  double Precision() const;
  double Recall() const;
  double F1() const;
};

/// Human-readable table of a report (rows = truth, columns = predicted).
std::string FormatReport(const ClassReport& r, const std::vector<std::string>& labels);

}  // namespace ls::classify
