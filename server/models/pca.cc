#include "models/pca.h"

#include <cstring>

#include <Eigen/Eigenvalues>

#include "absl/strings/str_cat.h"

namespace ls::models {

absl::StatusOr<Pca> Pca::Fit(const Eigen::Ref<const Eigen::MatrixXf>& x, int k) {
  const Eigen::Index dim = x.rows(), n = x.cols();
  if (n < 1) return absl::InvalidArgumentError("PCA needs at least one sample");
  if (k < 1 || k > dim) {
    return absl::InvalidArgumentError(absl::StrCat("PCA components must be 1..", dim, ", got ", k));
  }
  Eigen::VectorXd mean = x.cast<double>().rowwise().mean();
  // Covariance accumulated in chunks: no n × dim copy in double.
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(dim, dim);
  const Eigen::Index chunk = 4096;
  for (Eigen::Index c0 = 0; c0 < n; c0 += chunk) {
    const Eigen::Index m = std::min(chunk, n - c0);
    Eigen::MatrixXd d = x.middleCols(c0, m).cast<double>().colwise() - mean;
    cov.selfadjointView<Eigen::Lower>().rankUpdate(d);
  }
  cov = cov.selfadjointView<Eigen::Lower>();
  cov /= static_cast<double>(n);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
  if (eig.info() != Eigen::Success) return absl::InternalError("PCA eigen-decomposition failed");
  Pca p;
  p.mean = mean.cast<float>();
  // Eigenvalues come in increasing order: the last k columns, reversed.
  p.basis = eig.eigenvectors().rightCols(k).rowwise().reverse().cast<float>();
  return p;
}

double Pca::ReconstructionMse(const Eigen::Ref<const Eigen::MatrixXf>& x) const {
  if (x.cols() == 0) return 0;
  double sum = 0;
  const Eigen::Index chunk = 4096;
  for (Eigen::Index c0 = 0; c0 < x.cols(); c0 += chunk) {
    const Eigen::Index m = std::min(chunk, x.cols() - c0);
    Eigen::MatrixXf d = x.middleCols(c0, m).colwise() - mean;
    Eigen::MatrixXf r = basis * (basis.transpose() * d) - d;
    sum += r.cast<double>().squaredNorm();
  }
  return sum / (static_cast<double>(x.rows()) * x.cols());
}

std::string Pca::Serialize() const {
  uint32_t dim = static_cast<uint32_t>(mean.size()), k = static_cast<uint32_t>(basis.cols());
  std::string out("LSPC", 4);
  out.append(reinterpret_cast<const char*>(&dim), 4);
  out.append(reinterpret_cast<const char*>(&k), 4);
  out.append(reinterpret_cast<const char*>(mean.data()), sizeof(float) * dim);
  out.append(reinterpret_cast<const char*>(basis.data()), sizeof(float) * dim * k);
  return out;
}

absl::StatusOr<Pca> Pca::Parse(const std::string& b) {
  if (b.size() < 12 || b.compare(0, 4, "LSPC") != 0) {
    return absl::DataLossError("PCA file: bad magic or too short");
  }
  uint32_t dim = 0, k = 0;
  std::memcpy(&dim, b.data() + 4, 4);
  std::memcpy(&k, b.data() + 8, 4);
  if (dim == 0 || dim > 100000 || k == 0 || k > dim ||
      b.size() != 12 + sizeof(float) * (size_t(dim) + size_t(dim) * k)) {
    return absl::DataLossError(absl::StrCat("PCA file: bad size ", b.size(), " for dim ", dim, ", k ", k));
  }
  Pca p;
  p.mean.resize(dim);
  p.basis.resize(dim, k);
  std::memcpy(p.mean.data(), b.data() + 12, sizeof(float) * dim);
  std::memcpy(p.basis.data(), b.data() + 12 + sizeof(float) * dim, sizeof(float) * dim * k);
  return p;
}

}  // namespace ls::models
