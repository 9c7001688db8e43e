#include "classify/clip_classifier.h"

#include <chrono>
#include <cmath>
#include <unordered_set>

#include "absl/strings/str_format.h"
#include "classify/clip_features.h"
#include "classify/song_frames.h"
#include "classify/split.h"
#include "common/status_macros.h"
#include "nn/loss.h"
#include "nn/optimizer.h"
#include "nn/predictor.h"
#include "nn/tasks.h"
#include "nn/trainer.h"

namespace ls::classify {
namespace {

// Clips of a set of songs: raw pointers, pooled features, labels, song index.
struct ClipSet {
  std::vector<const float*> clip;
  std::vector<double> start_s;
  Eigen::MatrixXf pooled;  // PooledFeatures × clips
  std::vector<int> label, song;
};

// `training`: clips every train_hop × clip (overlapping) rather than whole clips.
absl::StatusOr<ClipSet> CutClips(const std::vector<ClipSong>& songs, const ClipConfig& c,
                                 bool training = false) {
  ClipSet set;
  const size_t len = ClipSamples(c);
  const size_t hop =
      training ? std::max<size_t>(kHop, static_cast<size_t>(std::lround(c.train_hop * len))) : len;
  const bool embedding = c.features == ClipConfig::kEmbedding;
  const bool bins = c.features == ClipConfig::kBins || c.features == ClipConfig::kBinsAndDescriptors;
  const bool descriptors = c.features != ClipConfig::kBins;
  std::vector<std::vector<float>> pooled;
  for (size_t s = 0; s < songs.size(); ++s) {
    const std::vector<float>& x = *songs[s].samples;
    const std::vector<size_t> starts = ClipStarts(x.size(), len, hop);
    if (starts.empty()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "song %s (%.1f s) is shorter than one clip (%.1f s)", songs[s].id, x.size() / 44100.0,
          c.clip_s));
    }
    dsp::Spectrogram spec, mag;
    if (descriptors) {
      LS_ASSIGN_OR_RETURN(mag, dsp::SharedStft().Magnitude(x.data(), x.size(), kHop));
    }
    if (bins && c.song_minmax) {
      LS_ASSIGN_OR_RETURN(spec, dsp::SharedStft().Features(x.data(), x.size(), kHop));
    } else if (bins) {
      LS_ASSIGN_OR_RETURN(spec, dsp::SharedStft().Magnitude(x.data(), x.size(), kHop));
      for (float& v : spec.data) v = std::log1p(std::max(v, 0.0f));  // keeps the mastering level
    }
    const int frames = descriptors ? mag.frames : spec.frames;
    const int frames_per_clip = std::max<int>(1, static_cast<int>(len / kHop) - 1);
    for (size_t st : starts) {
      std::vector<float> p(PooledFeatures(c));
      const int first = std::min<int>(static_cast<int>(st / kHop), frames - 1);
      const int count = std::min(frames_per_clip, frames - first);
      if (bins) PooledSpectrum(spec, first, count, c.bands, p.data());
      if (embedding) {
        ClipEmbedding(mag, first, count, p.data());
      } else if (descriptors) {
        ClipDescriptors(mag, first, count, p.data() + (bins ? p.size() - kDescriptorDims : 0));
      }
      pooled.push_back(std::move(p));
      set.clip.push_back(x.data() + st);
      set.start_s.push_back(st / 44100.0);
      set.label.push_back(songs[s].label);
      set.song.push_back(static_cast<int>(s));
    }
  }
  const int dims = PooledFeatures(c);
  set.pooled.resize(dims, pooled.size());
  for (size_t i = 0; i < pooled.size(); ++i) {
    set.pooled.col(i) = Eigen::Map<const Eigen::VectorXf>(pooled[i].data(), dims);
  }
  return set;
}

absl::StatusOr<nn::Sequential> BuildNet(const ClipConfig& c, int classes) {
  nn::Sequential m(c.seed);
  switch (c.arch) {
    case ClipArch::kCnn1d:
      return nn::BuildGenreCnn(classes, static_cast<int>(InputRows(c)), c.cnn_channels, c.seed);
    case ClipArch::kGru:
      LS_RETURN_IF_ERROR(m.Add(nn::spec::Gru(16, c.gru_hidden, false, c.gru_steps)));
      LS_RETURN_IF_ERROR(m.Add(nn::spec::Dense(0, classes)));
      return m;
    case ClipArch::kMlp:
      LS_RETURN_IF_ERROR(m.Add(nn::spec::Dense(PooledFeatures(c), c.mlp_hidden)));
      LS_RETURN_IF_ERROR(m.Add(nn::spec::Relu()));
      LS_RETURN_IF_ERROR(m.Add(nn::spec::Dropout(0.2f)));
      LS_RETURN_IF_ERROR(m.Add(nn::spec::Dense(0, classes)));
      return m;
    case ClipArch::kLogreg:
      LS_RETURN_IF_ERROR(m.Add(nn::spec::Dense(PooledFeatures(c), classes)));
      return m;
  }
  return absl::InvalidArgumentError("unknown architecture");
}

// Network input of every clip (SamplesPerClip columns each); pooled features standardised.
nn::Matrix Inputs(const ClipModel& m, const ClipSet& set, Eigen::MatrixXf* z) {
  *z = (set.pooled.colwise() - m.pooled_mean).array().colwise() / m.pooled_scale.array();
  const int spc = SamplesPerClip(m.config);
  nn::Matrix x(InputRows(m.config), static_cast<nn::Index>(set.clip.size()) * spc);
  for (size_t i = 0; i < set.clip.size(); ++i) {
    ClipColumns(m.config, set.clip[i], z->col(i).data(), x, static_cast<nn::Index>(i) * spc);
  }
  return x;
}

// Per-clip class probabilities: softmax of the logits, averaged over a clip's samples.
Eigen::MatrixXf ClipProbs(const ClipModel& m, const nn::Matrix& x, int threads) {
  nn::Predictor pred(m.net, threads);
  nn::Matrix logits;
  pred.Run(x, logits);
  const int spc = SamplesPerClip(m.config);
  const nn::Index k = logits.rows(), clips = logits.cols() / spc;
  Eigen::MatrixXf p = Eigen::MatrixXf::Zero(k, clips);
  for (nn::Index j = 0; j < logits.cols(); ++j) {
    Eigen::VectorXf z = logits.col(j).cast<float>();
    z = (z.array() - z.maxCoeff()).exp();
    p.col(j / spc) += z / z.sum() / static_cast<float>(spc);
  }
  return p;
}

// Argument checks made before any clip is cut.
absl::Status CheckTrainingSongs(const std::vector<ClipSong>& train, const std::vector<ClipSong>& validation,
                                int k) {
  if (k < 2) return absl::InvalidArgumentError(absl::StrFormat("need >= 2 labels, got %d", k));
  std::vector<std::string> train_ids, val_ids;
  for (const auto& s : train) train_ids.push_back(s.id);
  for (const auto& s : validation) val_ids.push_back(s.id);
  if (auto st = CheckDisjoint(train_ids, val_ids); !st.ok()) {
    return absl::InvalidArgumentError(st.message());
  }
  for (const auto* side : {&train, &validation}) {
    for (const auto& s : *side) {
      if (s.label < 0 || s.label >= k) {
        return absl::InvalidArgumentError(absl::StrFormat("song %s: label %d out of range", s.id, s.label));
      }
    }
  }
  return absl::OkStatus();
}

// Training clips per label; a label without any cannot be learnt.
absl::StatusOr<std::vector<int>> ClipsPerLabel(const ClipSet& tr, const std::vector<std::string>& labels) {
  const int k = static_cast<int>(labels.size());
  std::vector<int> count(k, 0);
  for (int l : tr.label) ++count[l];
  for (int c = 0; c < k; ++c) {
    if (count[c] == 0) {
      return absl::InvalidArgumentError(absl::StrFormat("label %s has no training clip", labels[c]));
    }
  }
  return count;
}

// The epochs on inputs x (from the checkpoint's epoch when one is restored),
// with the loss weighted by class; fills rep's loss curve, weights and clips.
absl::Status FitNet(const ClipSet& tr, const std::vector<int>& count, const nn::Matrix& x,
                    const ClipConfig& config, const EpochHook& on_epoch,
                    const ClipCheckpointHooks& checkpoint, nn::Sequential& net, TrainReport& rep) {
  const int k = static_cast<int>(count.size());
  // Class weights n / (k · n_c): each class contributes equally to the loss.
  const int spc = SamplesPerClip(config);
  std::vector<double> weights(k);
  for (int c = 0; c < k; ++c) weights[c] = double(tr.label.size()) / (k * count[c]);
  nn::Matrix y = nn::Matrix::Zero(k, x.cols());
  for (nn::Index j = 0; j < x.cols(); ++j) y(tr.label[j / spc], j) = 1;
  nn::SoftmaxCrossEntropyLoss loss(weights);
  nn::AdamConfig adam_cfg;
  adam_cfg.lr = config.lr;
  nn::Adam adam(net.NumParams(), adam_cfg);
  const int start = checkpoint.restore ? checkpoint.restore(net, adam) : 0;
  nn::TrainerConfig tc;
  tc.batch = config.batch;
  tc.threads = config.threads;
  tc.seed = config.seed + static_cast<uint64_t>(start);  // a resumed run does not replay epoch 1's shuffle
  rep.class_weights = weights;
  rep.train_clips = static_cast<int>(tr.clip.size());
  nn::Trainer trainer(net, loss, adam, tc);
  for (int e = start; e < config.epochs; ++e) {
    rep.epoch_loss.push_back(trainer.Epoch(x, y).loss);
    if (checkpoint.save) LS_RETURN_IF_ERROR(checkpoint.save(e + 1, net, adam));
    if (on_epoch && !on_epoch(e + 1, rep.epoch_loss.back())) return absl::CancelledError("stopped");
  }
  return absl::OkStatus();
}

// What the unknown rule reads of every clip of a set: standardised features,
// distance, top probability and the closed-set (argmax) label.
struct ClipScores {
  Eigen::MatrixXf z;
  std::vector<float> dist, top;
  std::vector<int> pred_closed;
};

ClipScores ScoreClips(const ClipModel& m, const ClipSet& set, int threads) {
  ClipScores sc;
  const Eigen::MatrixXf pc = ClipProbs(m, Inputs(m, set, &sc.z), threads);
  const Eigen::Index n = sc.z.cols();
  sc.dist.resize(n), sc.top.resize(n), sc.pred_closed.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    sc.dist[i] = m.unknown.Distance(sc.z.col(i).data());
    Eigen::Index arg;
    sc.top[i] = pc.col(i).maxCoeff(&arg);
    sc.pred_closed[i] = static_cast<int>(arg);
  }
  return sc;
}

// Thresholds of the unknown rule from the calibration clips of `songs` songs
// (per song as well when the config asks for a song-level rule).
void CalibrateUnknown(const ClipSet& set, const ClipScores& sc, size_t songs, const ClipConfig& config,
                      UnknownRule& rule) {
  Calibrate(rule, sc.dist, sc.top, config.unknown_keep, config.unknown_margin);
  if (config.unknown_song_keep > 0) {
    std::vector<std::vector<float>> per_song(songs);
    for (size_t i = 0; i < sc.dist.size(); ++i) per_song[set.song[i]].push_back(sc.dist[i]);
    std::vector<float> song_dist;
    for (auto& d : per_song) {
      if (!d.empty()) song_dist.push_back(SongDistance(std::move(d)));
    }
    CalibrateSongs(rule, song_dist, config.unknown_song_keep, config.unknown_margin);
  }
}

// Held-out figures: clips with and without the unknown rule, and whole songs.
absl::Status ReportValidation(const ClipModel& m, const ClipSet& set, const ClipScores& sc,
                              const std::vector<ClipSong>& validation, int k, TrainReport& rep) {
  std::vector<int> pred(sc.dist.size());
  for (size_t i = 0; i < pred.size(); ++i) {
    pred[i] = m.unknown.IsUnknown(sc.dist[i], sc.top[i]) ? kUnknown : sc.pred_closed[i];
  }
  LS_ASSIGN_OR_RETURN(rep.clip, Report(k, set.label, pred));
  LS_ASSIGN_OR_RETURN(rep.clip_closed, Report(k, set.label, sc.pred_closed));
  std::vector<int> truth, song_pred, song_closed;
  for (const auto& s : validation) {
    LS_ASSIGN_OR_RETURN(SongPrediction sp, ClassifySong(m, *s.samples));
    truth.push_back(s.label);
    song_pred.push_back(sp.label);
    song_closed.push_back(static_cast<int>(
        std::max_element(sp.probs.begin(), sp.probs.end()) - sp.probs.begin()));
  }
  LS_ASSIGN_OR_RETURN(rep.song, Report(k, truth, song_pred));
  LS_ASSIGN_OR_RETURN(rep.song_closed, Report(k, truth, song_closed));
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckClipConfig(const ClipConfig& config, int classes) {
  return BuildNet(config, classes).status();
}

absl::StatusOr<ClipModel> TrainClipClassifier(const std::vector<ClipSong>& train,
                                              const std::vector<ClipSong>& validation,
                                              const std::vector<std::string>& labels,
                                              const ClipConfig& config, TrainReport* report,
                                              const EpochHook& on_epoch,
                                              const ClipCheckpointHooks& checkpoint) {
  const auto t0 = std::chrono::steady_clock::now();
  const int k = static_cast<int>(labels.size());
  LS_RETURN_IF_ERROR(CheckTrainingSongs(train, validation, k));
  LS_ASSIGN_OR_RETURN(ClipSet tr, CutClips(train, config, /*training=*/true));
  LS_ASSIGN_OR_RETURN(const std::vector<int> count, ClipsPerLabel(tr, labels));
  ClipModel m;
  m.config = config;
  m.labels = labels;
  LS_ASSIGN_OR_RETURN(m.net, BuildNet(config, k));
  m.pooled_mean = tr.pooled.rowwise().mean();
  m.pooled_scale =
      ((tr.pooled.colwise() - m.pooled_mean).array().square().rowwise().mean()).sqrt().max(1e-3f);
  Eigen::MatrixXf ztr;
  const nn::Matrix x = Inputs(m, tr, &ztr);
  TrainReport local;
  TrainReport& rep = report ? *report : local;
  LS_RETURN_IF_ERROR(FitNet(tr, count, x, config, on_epoch, checkpoint, m.net, rep));
  m.unknown = FitCentroids(ztr, tr.label, k);
  if (config.unknown_knn) m.unknown.refs = SubsampleColumns(ztr, kMaxUnknownRefs);
  // Calibrate the unknown rule on validation clips (training clips when there are none).
  ClipSet cal_set;
  if (!validation.empty()) {
    LS_ASSIGN_OR_RETURN(cal_set, CutClips(validation, config));
  } else {
    cal_set = std::move(tr);
  }
  const ClipScores sc = ScoreClips(m, cal_set, config.threads);
  CalibrateUnknown(cal_set, sc, validation.empty() ? train.size() : validation.size(), config, m.unknown);
  rep.validation_clips = validation.empty() ? 0 : static_cast<int>(sc.z.cols());
  if (!validation.empty()) LS_RETURN_IF_ERROR(ReportValidation(m, cal_set, sc, validation, k, rep));
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return m;
}

absl::StatusOr<SongPrediction> ClassifySong(const ClipModel& model, const std::vector<float>& samples) {
  ClipSong song{"song", &samples, 0};
  LS_ASSIGN_OR_RETURN(ClipSet set, CutClips({song}, model.config));
  Eigen::MatrixXf z;
  const Eigen::MatrixXf p = ClipProbs(model, Inputs(model, set, &z), model.config.threads);
  SongPrediction out;
  const int k = static_cast<int>(p.rows());
  out.probs.assign(k, 0.0f);
  int unknown = 0;
  for (Eigen::Index i = 0; i < p.cols(); ++i) {
    out.clip_start_s.push_back(set.start_s[i]);
    out.clip_probs.emplace_back(p.col(i).data(), p.col(i).data() + k);
    Eigen::Index arg;
    const float top = p.col(i).maxCoeff(&arg);
    const float d = model.unknown.Distance(z.col(i).data());
    out.clip_distance.push_back(d);
    const bool unk = model.unknown.IsUnknown(d, top);
    unknown += unk;
    out.clip_label.push_back(unk ? kUnknown : static_cast<int>(arg));
    for (int c = 0; c < k; ++c) {
      out.probs[c] += (model.config.song_logprob ? std::log(std::max(p(c, i), 1e-12f)) : p(c, i)) /
                      p.cols();
    }
  }
  if (model.config.song_logprob) {  // back to probabilities (softmax of the mean log-probs)
    const float mx = *std::max_element(out.probs.begin(), out.probs.end());
    float sum = 0;
    for (float& v : out.probs) sum += (v = std::exp(v - mx));
    for (float& v : out.probs) v /= sum;
  }
  const bool song_rule = model.unknown.song_max_distance < 1e29f;
  const bool unknown_song = song_rule ? SongDistance(out.clip_distance) > model.unknown.song_max_distance
                                      : 2 * unknown > p.cols();
  out.label = unknown_song ? kUnknown
                           : static_cast<int>(std::max_element(out.probs.begin(), out.probs.end()) -
                                              out.probs.begin());
  return out;
}

}  // namespace ls::classify
