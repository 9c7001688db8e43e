#include "nn/logreg.h"

#include <cmath>
#include <deque>

#include "absl/strings/str_cat.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {
namespace {

using Eigen::VectorXd;

// log(1 + exp(v)) without overflow.
double Softplus(double v) { return v > 0 ? v + std::log1p(std::exp(-v)) : std::log1p(std::exp(v)); }

double SigmoidD(double v) {
  if (v >= 0) return 1.0 / (1.0 + std::exp(-v));
  const double e = std::exp(v);
  return e / (1.0 + e);
}

// Objective and gradient at theta = [w; b]. Products run in Scalar (the data
// stay in their storage type), sums in double.
class Objective {
 public:
  Objective(const ConstRef& x, const std::vector<int>& y, double c)
      : x_(x), y_(y), n_(static_cast<double>(x.cols())), l2_(1.0 / (c * n_)) {}

  double operator()(const VectorXd& theta, VectorXd* grad) {
    const Index d = x_.rows();
    Vector w = theta.head(d).cast<Scalar>();
    z_.noalias() = x_.transpose() * w;
    const double b = theta[d];
    double f = 0.0;
    r_.resize(x_.cols());
    for (Index i = 0; i < x_.cols(); ++i) {
      const double zi = static_cast<double>(z_[i]) + b;
      // loss = log(1+exp(z)) - y z ; d/dz = sigmoid(z) - y
      f += Softplus(zi) - (y_[i] ? zi : 0.0);
      r_[i] = static_cast<Scalar>(SigmoidD(zi) - y_[i]);
    }
    const VectorXd wd = theta.head(d);
    f = f / n_ + 0.5 * l2_ * wd.squaredNorm();
    gx_.noalias() = x_ * r_;
    grad->resize(d + 1);
    grad->head(d) = gx_.cast<double>() / n_ + l2_ * wd;
    (*grad)[d] = static_cast<double>(r_.sum()) / n_;
    return f;
  }

 private:
  const ConstRef& x_;
  const std::vector<int>& y_;
  double n_, l2_;
  Vector z_, r_, gx_;
};

absl::Status CheckInputs(const ConstRef& x, const std::vector<int>& y, const LogRegConfig& cfg) {
  if (x.cols() == 0 || x.rows() == 0) return absl::InvalidArgumentError("logreg: no data");
  if (static_cast<Index>(y.size()) != x.cols()) {
    return absl::InvalidArgumentError(
        absl::StrCat("logreg: ", y.size(), " labels for ", x.cols(), " samples"));
  }
  if (!(cfg.C > 0) || cfg.max_iter <= 0 || !(cfg.tol > 0) || cfg.history <= 0) {
    return absl::InvalidArgumentError("logreg: C, tol, max_iter and history must be > 0");
  }
  size_t ones = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    if (y[i] != 0 && y[i] != 1) {
      return absl::InvalidArgumentError(absl::StrCat("logreg: label ", i, " is ", y[i], ", not 0/1"));
    }
    ones += static_cast<size_t>(y[i]);
  }
  if (ones == 0 || ones == y.size()) {
    return absl::InvalidArgumentError("logreg: the labels hold only one class");
  }
  if (!x.allFinite()) return absl::InvalidArgumentError("logreg: features contain NaN or Inf");
  return absl::OkStatus();
}

// The last `history` L-BFGS steps s and gradient changes y, with rho = 1 / s'y.
class LbfgsHistory {
 public:
  explicit LbfgsHistory(int history) : history_(history) {}

  // Two-loop recursion: the descent direction d = -H g; when that is not a
  // descent direction the history is dropped and steepest descent used.
  VectorXd Direction(const VectorXd& g) {
    VectorXd q = g;
    std::vector<double> alpha(s_.size());
    for (int k = static_cast<int>(s_.size()) - 1; k >= 0; --k) {
      alpha[k] = rho_[k] * s_[k].dot(q);
      q -= alpha[k] * y_[k];
    }
    if (!s_.empty()) {
      q *= s_.back().dot(y_.back()) / y_.back().squaredNorm();
    } else {
      q /= std::max(1.0, g.norm());  // first step: unit length, as scipy's
    }
    for (size_t k = 0; k < s_.size(); ++k) {
      const double beta = rho_[k] * y_[k].dot(q);
      q += (alpha[k] - beta) * s_[k];
    }
    VectorXd d = -q;
    if (g.dot(d) >= 0) {
      s_.clear(), y_.clear(), rho_.clear();
      d = -g / std::max(1.0, g.norm());
    }
    return d;
  }

  // Keeps the step only when the curvature s'y is positive (H stays positive definite).
  void Add(VectorXd s, VectorXd yv) {
    const double sy = s.dot(yv);
    if (sy > 1e-12 * yv.squaredNorm()) {
      s_.push_back(std::move(s));
      y_.push_back(std::move(yv));
      rho_.push_back(1.0 / sy);
      if (static_cast<int>(s_.size()) > history_) {
        s_.pop_front(), y_.pop_front(), rho_.pop_front();
      }
    }
  }

 private:
  int history_;
  std::deque<VectorXd> s_, y_;
  std::deque<double> rho_;
};

// Backtracking line search from theta along d (slope = g'd) with the Armijo
// condition; false when no step is accepted. Leaves the last tried point in
// theta_new, f_new, g_new.
bool LineSearch(Objective& fn, const VectorXd& theta, double f, const VectorXd& d, double slope,
                VectorXd* theta_new, double* f_new, VectorXd* g_new) {
  double step = 1.0;
  for (int ls = 0; ls < 50; ++ls) {
    *theta_new = theta + step * d;
    *f_new = fn(*theta_new, g_new);
    if (*f_new <= f + 1e-4 * step * slope) return true;
    // Near the optimum f changes by less than its float rounding noise;
    // then accept on the slope alone (Hager-Zhang's approximate Wolfe test).
    const double noise = 1e-6 * std::abs(f) + 1e-12;
    const double new_slope = g_new->dot(d);
    if (*f_new <= f + noise && new_slope >= 0.9 * slope && new_slope <= -0.9 * slope) return true;
    step *= 0.5;
  }
  return false;
}

}  // namespace

absl::StatusOr<LogisticRegression> FitLogisticRegression(const ConstRef& x,
                                                         const std::vector<int>& y,
                                                         const LogRegConfig& cfg) {
  if (absl::Status st = CheckInputs(x, y, cfg); !st.ok()) return st;
  Objective fn(x, y, cfg.C);
  const Index dim = x.rows() + 1;
  VectorXd theta = VectorXd::Zero(dim), g(dim), g_new(dim), theta_new(dim);
  double f = fn(theta, &g);
  LbfgsHistory hist(cfg.history);
  LogisticRegression out;
  int iter = 0;
  bool converged = g.lpNorm<Eigen::Infinity>() <= cfg.tol;
  while (!converged && iter < cfg.max_iter) {
    const VectorXd d = hist.Direction(g);
    double f_new = 0.0;
    const bool accepted = LineSearch(fn, theta, f, d, g.dot(d), &theta_new, &f_new, &g_new);
    ++iter;
    if (!accepted) break;  // no progress possible at float precision
    hist.Add(theta_new - theta, g_new - g);
    const double f_old = f;
    theta.swap(theta_new);
    g.swap(g_new);
    f = f_new;
    converged = g.lpNorm<Eigen::Infinity>() <= cfg.tol;
    // scipy's relative-reduction stop (ftol = 64 eps, as sklearn sets it);
    // an accepted step inside the noise band may not reduce f at all.
    if (!converged && f < f_old &&
        (f_old - f) <= 64 * 2.220446049250313e-16 * std::max({std::abs(f_old), std::abs(f), 1.0})) {
      break;
    }
  }
  out.coef = theta.head(dim - 1);
  out.intercept = theta[dim - 1];
  out.n_iter = iter;
  out.converged = converged;
  out.objective = f;
  return out;
}

Eigen::VectorXd LogisticRegression::PredictProba(const ConstRef& x) const {
  LS_NN_CHECK(x.rows() == coef.size());
  const Vector z = x.transpose() * coef.cast<Scalar>();
  Eigen::VectorXd p(z.size());
  for (Index i = 0; i < z.size(); ++i) p[i] = SigmoidD(static_cast<double>(z[i]) + intercept);
  return p;
}

std::vector<int> LogisticRegression::Predict(const ConstRef& x) const {
  const Eigen::VectorXd p = PredictProba(x);
  std::vector<int> labels(static_cast<size_t>(p.size()));
  for (Index i = 0; i < p.size(); ++i) labels[i] = p[i] >= 0.5 ? 1 : 0;
  return labels;
}

double LogisticRegression::Accuracy(const ConstRef& x, const std::vector<int>& y) const {
  LS_NN_CHECK(static_cast<Index>(y.size()) == x.cols());
  const std::vector<int> pred = Predict(x);
  size_t ok = 0;
  for (size_t i = 0; i < y.size(); ++i) ok += pred[i] == y[i];
  return y.empty() ? 0.0 : static_cast<double>(ok) / static_cast<double>(y.size());
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
