#include "classify/clip_model_file.h"

#include <cmath>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "nn/model_file.h"

namespace ls::classify {
namespace {

constexpr const char* kTask = "clip_classifier";

std::string Floats(const float* v, Eigen::Index n) {
  std::string out;
  for (Eigen::Index i = 0; i < n; ++i) absl::StrAppendFormat(&out, "%s%.9g", i ? " " : "", v[i]);
  return out;
}

using Meta = std::map<std::string, std::string>;

absl::StatusOr<std::string> Get(const Meta& m, const std::string& key) {
  auto it = m.find(key);
  if (it == m.end()) return absl::InvalidArgumentError(absl::StrCat("clip model: no '", key, "'"));
  return it->second;
}

absl::StatusOr<double> Num(const Meta& m, const std::string& key) {
  LS_ASSIGN_OR_RETURN(std::string s, Get(m, key));
  double v = 0;
  if (!absl::SimpleAtod(s, &v) || !std::isfinite(v)) {
    return absl::InvalidArgumentError(absl::StrCat("clip model: '", key, "' is not a number: ", s));
  }
  return v;
}

absl::StatusOr<int> Int(const Meta& m, const std::string& key) {
  LS_ASSIGN_OR_RETURN(double v, Num(m, key));
  if (v != std::floor(v) || v < 0 || v > 1e9) {
    return absl::InvalidArgumentError(absl::StrCat("clip model: '", key, "' is not a count"));
  }
  return static_cast<int>(v);
}

absl::StatusOr<Eigen::VectorXf> Vec(const Meta& m, const std::string& key, Eigen::Index n) {
  LS_ASSIGN_OR_RETURN(std::string s, Get(m, key));
  std::vector<std::string> parts = absl::StrSplit(s, ' ', absl::SkipEmpty());
  if (static_cast<Eigen::Index>(parts.size()) != n) {
    return absl::InvalidArgumentError(
        absl::StrCat("clip model: '", key, "' has ", parts.size(), " values, expected ", n));
  }
  Eigen::VectorXf v(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!absl::SimpleAtof(parts[i], &v[i]) || !std::isfinite(v[i])) {
      return absl::InvalidArgumentError(absl::StrCat("clip model: '", key, "' value ", i, " is bad"));
    }
  }
  return v;
}

}  // namespace

absl::StatusOr<std::string> SerializeClipModel(const ClipModel& m) {
  const ClipConfig& c = m.config;
  Meta meta = {
      {"task", kTask},
      {"arch", ClipArchName(c.arch)},
      {"clip_s", absl::StrFormat("%.17g", c.clip_s)},
      {"decimate", std::to_string(c.decimate)},
      {"cnn_channels", std::to_string(c.cnn_channels)},
      {"gru_steps", std::to_string(c.gru_steps)},
      {"gru_windows", std::to_string(c.gru_windows)},
      {"gru_hidden", std::to_string(c.gru_hidden)},
      {"mlp_hidden", std::to_string(c.mlp_hidden)},
      {"song_minmax", c.song_minmax ? "1" : "0"},
      {"bands", std::to_string(c.bands)},
      {"labels", absl::StrJoin(m.labels, "\n")},
      {"pooled_mean", Floats(m.pooled_mean.data(), m.pooled_mean.size())},
      {"pooled_scale", Floats(m.pooled_scale.data(), m.pooled_scale.size())},
      {"centroids", Floats(m.unknown.centroids.data(), m.unknown.centroids.size())},
      {"max_distance", absl::StrFormat("%.9g", m.unknown.max_distance)},
      {"min_prob", absl::StrFormat("%.9g", m.unknown.min_prob)},
      {"features", std::to_string(c.features)},
      {"refs", Floats(m.unknown.refs.data(), m.unknown.refs.size())},
      {"song_logprob", c.song_logprob ? "1" : "0"},
      {"song_max_distance", absl::StrFormat("%.9g", m.unknown.song_max_distance)},
  };
  return nn::SerializeModel(m.net, meta);
}

absl::StatusOr<ClipModel> ParseClipModel(const std::string& bytes) {
  LS_ASSIGN_OR_RETURN(nn::ModelFile file, nn::ParseModel(bytes));
  const Meta& meta = file.metadata;
  LS_ASSIGN_OR_RETURN(std::string task, Get(meta, "task"));
  if (task != kTask) {
    return absl::InvalidArgumentError(absl::StrCat("clip model: task is '", task, "', not ", kTask));
  }
  ClipModel m;
  ClipConfig& c = m.config;
  LS_ASSIGN_OR_RETURN(std::string arch, Get(meta, "arch"));
  if (!ParseClipArch(arch, &c.arch)) {
    return absl::InvalidArgumentError(absl::StrCat("clip model: unknown arch '", arch, "'"));
  }
  LS_ASSIGN_OR_RETURN(c.clip_s, Num(meta, "clip_s"));
  LS_ASSIGN_OR_RETURN(c.decimate, Int(meta, "decimate"));
  LS_ASSIGN_OR_RETURN(c.cnn_channels, Int(meta, "cnn_channels"));
  LS_ASSIGN_OR_RETURN(c.gru_steps, Int(meta, "gru_steps"));
  LS_ASSIGN_OR_RETURN(c.gru_windows, Int(meta, "gru_windows"));
  LS_ASSIGN_OR_RETURN(c.gru_hidden, Int(meta, "gru_hidden"));
  LS_ASSIGN_OR_RETURN(c.mlp_hidden, Int(meta, "mlp_hidden"));
  LS_ASSIGN_OR_RETURN(int minmax, Int(meta, "song_minmax"));
  c.song_minmax = minmax != 0;
  LS_ASSIGN_OR_RETURN(c.bands, Int(meta, "bands"));
  // Models saved before descriptors existed: mean/std per bin, centroid distance.
  c.features = ClipConfig::kBins;
  if (meta.count("features")) {
    LS_ASSIGN_OR_RETURN(c.features, Int(meta, "features"));
    if (c.features < ClipConfig::kBins || c.features > ClipConfig::kEmbedding) {
      return absl::InvalidArgumentError(absl::StrCat("clip model: unknown features ", c.features));
    }
  }
  if (c.clip_s <= 0 || c.decimate < 1) return absl::InvalidArgumentError("clip model: bad clip config");
  LS_ASSIGN_OR_RETURN(std::string labels, Get(meta, "labels"));
  m.labels = absl::StrSplit(labels, '\n');
  const Eigen::Index k = static_cast<Eigen::Index>(m.labels.size());
  if (k < 2) return absl::InvalidArgumentError("clip model: fewer than 2 labels");
  const Eigen::Index dims = PooledFeatures(c);
  LS_ASSIGN_OR_RETURN(m.pooled_mean, Vec(meta, "pooled_mean", dims));
  LS_ASSIGN_OR_RETURN(m.pooled_scale, Vec(meta, "pooled_scale", dims));
  LS_ASSIGN_OR_RETURN(Eigen::VectorXf cent, Vec(meta, "centroids", dims * k));
  m.unknown.centroids = Eigen::Map<Eigen::MatrixXf>(cent.data(), dims, k);
  LS_ASSIGN_OR_RETURN(double maxd, Num(meta, "max_distance"));
  LS_ASSIGN_OR_RETURN(double minp, Num(meta, "min_prob"));
  m.unknown.max_distance = static_cast<float>(maxd);
  m.unknown.min_prob = static_cast<float>(minp);
  // Models saved before the song rule: mean probabilities, clip majority.
  if (meta.count("song_logprob")) {
    LS_ASSIGN_OR_RETURN(int logprob, Int(meta, "song_logprob"));
    c.song_logprob = logprob != 0;
  }
  if (meta.count("song_max_distance")) {
    LS_ASSIGN_OR_RETURN(double sd, Num(meta, "song_max_distance"));
    m.unknown.song_max_distance = static_cast<float>(sd);
  }
  if (meta.count("refs") && !meta.at("refs").empty()) {
    const std::vector<absl::string_view> parts =
        absl::StrSplit(meta.at("refs"), ' ', absl::SkipEmpty());
    const Eigen::Index n = static_cast<Eigen::Index>(parts.size());
    if (n % dims != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("clip model: 'refs' has ", n, " values, not a multiple of ", dims));
    }
    LS_ASSIGN_OR_RETURN(Eigen::VectorXf refs, Vec(meta, "refs", n));
    m.unknown.refs = Eigen::Map<Eigen::MatrixXf>(refs.data(), dims, n / dims);
  }
  m.net = std::move(file.model);
  return m;
}

}  // namespace ls::classify
