#include "classify/end_model_file.h"

#include <cmath>
#include <cstring>

#include "absl/strings/str_format.h"

namespace ls::classify {
namespace {
constexpr char kMagic[] = "LSEND";
constexpr uint32_t kVersion = 1;

int64_t FeatureCount(EndKind kind) { return EndFeatureCount(kind); }

void Put(std::string& out, const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }

struct Reader {
  const std::string& b;
  size_t at = 0;
  bool Get(void* p, size_t n) {
    if (at + n > b.size()) return false;
    std::memcpy(p, b.data() + at, n);
    at += n;
    return true;
  }
};
}  // namespace

std::string SerializeEndModel(const EndModel& m) {
  std::string out(kMagic, 5);
  const uint32_t version = kVersion, kind = static_cast<uint32_t>(m.kind);
  const int64_t n = m.mean.size();
  Put(out, &version, 4);
  Put(out, &kind, 4);
  Put(out, &n, 8);
  for (const Eigen::VectorXd* v : {&m.mean, &m.scale, &m.logreg.coef}) Put(out, v->data(), 8 * n);
  Put(out, &m.logreg.intercept, 8);
  Put(out, &m.min_end_s, 8);
  return out;
}

absl::StatusOr<EndModel> ParseEndModel(const std::string& bytes) {
  if (bytes.size() < 5 || bytes.compare(0, 5, kMagic) != 0) {
    return absl::InvalidArgumentError("end model: bad magic (not an end-of-song model)");
  }
  Reader r{bytes, 5};
  uint32_t version = 0, kind = 0;
  int64_t n = 0;
  if (!r.Get(&version, 4) || !r.Get(&kind, 4) || !r.Get(&n, 8)) {
    return absl::InvalidArgumentError("end model: truncated header");
  }
  if (version != kVersion) return absl::InvalidArgumentError(absl::StrFormat("end model: version %d", version));
  if (kind > 1) return absl::InvalidArgumentError(absl::StrFormat("end model: kind %d", kind));
  EndModel m;
  m.kind = static_cast<EndKind>(kind);
  if (n != FeatureCount(m.kind)) {
    return absl::InvalidArgumentError(absl::StrFormat("end model: %d features, want %d", n, FeatureCount(m.kind)));
  }
  m.mean.resize(n);
  m.scale.resize(n);
  m.logreg.coef.resize(n);
  for (Eigen::VectorXd* v : {&m.mean, &m.scale, &m.logreg.coef}) {
    if (!r.Get(v->data(), 8 * n)) return absl::InvalidArgumentError("end model: truncated weights");
    if (!v->allFinite()) return absl::InvalidArgumentError("end model: non-finite weight");
  }
  if (!r.Get(&m.logreg.intercept, 8) || !r.Get(&m.min_end_s, 8)) {
    return absl::InvalidArgumentError("end model: truncated tail");
  }
  if (r.at != bytes.size()) return absl::InvalidArgumentError("end model: trailing bytes");
  if (!std::isfinite(m.logreg.intercept) || !(m.min_end_s >= 0) || (m.scale.array() <= 0).any()) {
    return absl::InvalidArgumentError("end model: bad intercept, minimum end or scale");
  }
  return m;
}

}  // namespace ls::classify
