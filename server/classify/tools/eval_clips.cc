// Clip classifier evaluation: k-fold by track. Each fold trains on the other
// folds' tracks (one track per label held back to calibrate "unknown") and
// classifies the fold's tracks; figures are pooled over folds.
#include <chrono>
#include <cstdio>
#include <map>

#include "classify/clip_classifier.h"
#include "classify/split.h"
#include "tools/eval.h"

namespace ls::classify::eval {
namespace {

struct Labels {
  std::vector<std::string> names;
  std::map<std::string, int> index;
  int Of(const std::string& l) {
    auto [it, added] = index.emplace(l, static_cast<int>(names.size()));
    if (added) names.push_back(l);
    return it->second;
  }
};

// Trains on `train_idx` (split again by song for calibration).
absl::StatusOr<ClipModel> Train(const std::vector<Track>& tracks, const std::vector<int>& label,
                                const std::vector<int>& train_idx, int classes,
                                const std::vector<std::string>& names, const ClipConfig& config,
                                TrainReport* rep) {
  std::vector<int> sub_labels;
  for (int i : train_idx) sub_labels.push_back(label[i]);
  auto split = SplitBySong(sub_labels, 0.2, config.seed + 1);
  if (!split.ok()) return split.status();
  std::vector<ClipSong> tr, val;
  for (int j : split->train) tr.push_back({tracks[train_idx[j]].path, &tracks[train_idx[j]].samples, label[train_idx[j]]});
  for (int j : split->validation) val.push_back({tracks[train_idx[j]].path, &tracks[train_idx[j]].samples, label[train_idx[j]]});
  (void)classes;
  return TrainClipClassifier(tr, val, names, config, rep);
}

}  // namespace

absl::Status RunClipEval(const std::vector<Track>& tracks, const ClipConfig& config, int folds,
                         bool open_set) {
  Labels labels;
  std::vector<int> label;
  for (const auto& t : tracks) label.push_back(labels.Of(t.label));
  const int k = static_cast<int>(labels.names.size());
  auto fold = FoldsBySong(label, folds, 11);
  if (!fold.ok()) return fold.status();
  std::vector<int> truth_clip, pred_clip, closed_clip, truth_song, pred_song, closed_song;
  double train_s = 0, classify_s = 0, audio_s = 0;
  for (int f = 0; f < folds; ++f) {
    std::vector<int> train_idx;
    for (size_t i = 0; i < tracks.size(); ++i) {
      if ((*fold)[i] != f) train_idx.push_back(static_cast<int>(i));
    }
    TrainReport rep;
    auto model = Train(tracks, label, train_idx, k, labels.names, config, &rep);
    if (!model.ok()) return model.status();
    train_s += rep.seconds;
    std::printf("  fold %d: %d train clips, %d calibration clips, loss %.3f -> %.3f, %.1f s; "
                "unknown rule: distance > %.2f or top prob < %.2f\n",
                f, rep.train_clips, rep.validation_clips, rep.epoch_loss.front(),
                rep.epoch_loss.back(), rep.seconds, model->unknown.max_distance,
                model->unknown.min_prob);
    for (size_t i = 0; i < tracks.size(); ++i) {
      if ((*fold)[i] != f) continue;
      const auto t0 = std::chrono::steady_clock::now();
      auto sp = ClassifySong(*model, tracks[i].samples);
      if (!sp.ok()) return sp.status();
      classify_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      audio_s += tracks[i].samples.size() / 44100.0;
      for (size_t c = 0; c < sp->clip_label.size(); ++c) {
        truth_clip.push_back(label[i]);
        pred_clip.push_back(sp->clip_label[c]);
        const auto& p = sp->clip_probs[c];
        closed_clip.push_back(static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin()));
      }
      truth_song.push_back(label[i]);
      pred_song.push_back(sp->label);
      closed_song.push_back(static_cast<int>(
          std::max_element(sp->probs.begin(), sp->probs.end()) - sp->probs.begin()));
    }
  }
  auto clip = Report(k, truth_clip, pred_clip);
  auto clip_closed = Report(k, truth_clip, closed_clip);
  auto song = Report(k, truth_song, pred_song);
  auto song_closed = Report(k, truth_song, closed_song);
  if (!clip.ok() || !song.ok() || !clip_closed.ok() || !song_closed.ok()) {
    return absl::InternalError("report failed");
  }
  std::printf("[%s] held-out tracks: accuracy %.3f (%zu tracks), with unknown rule %.3f "
              "(unknown %.3f); clips: accuracy %.3f (%zu clips), with unknown rule %.3f "
              "(unknown %.3f); train %.1f s total; classify %.3f s per 3 min of audio\n",
              ClipArchName(config.arch), song_closed->accuracy, truth_song.size(),
              song->accuracy, song->unknown_rate, clip_closed->accuracy, truth_clip.size(),
              clip->accuracy, clip->unknown_rate, train_s, classify_s / audio_s * 180.0);
  std::printf("track-level (closed set):\n%s", FormatReport(*song_closed, labels.names).c_str());
  std::printf("clip-level (with unknown rule):\n%s", FormatReport(*clip, labels.names).c_str());
  if (!open_set) return absl::OkStatus();
  // Open set: leave one label out of training; its tracks should come back unknown.
  for (int out = 0; out < k; ++out) {
    std::vector<int> train_idx, known_test, unseen;
    std::vector<std::string> names;
    std::vector<int> remap(k, -1), label2(label.size(), -1);
    for (int c = 0; c < k; ++c) {
      if (c != out) { remap[c] = static_cast<int>(names.size()); names.push_back(labels.names[c]); }
    }
    for (size_t i = 0; i < tracks.size(); ++i) {
      label2[i] = remap[label[i]];
      if (label[i] == out) unseen.push_back(static_cast<int>(i));
      else if ((*fold)[i] == 0) known_test.push_back(static_cast<int>(i));
      else train_idx.push_back(static_cast<int>(i));
    }
    auto model = Train(tracks, label2, train_idx, k - 1, names, config, nullptr);
    if (!model.ok()) return model.status();
    int unk = 0, kept = 0, right = 0;
    for (int i : unseen) unk += ClassifySong(*model, tracks[i].samples)->label == kUnknown;
    for (int i : known_test) {
      const int l = ClassifySong(*model, tracks[i].samples)->label;
      kept += l != kUnknown;
      right += l == label2[i];
    }
    std::printf("  open set, %s unseen: %d/%zu unseen tracks unknown; known held-out tracks "
                "kept %d/%zu, right %d\n",
                labels.names[out].c_str(), unk, unseen.size(), kept, known_test.size(), right);
  }
  return absl::OkStatus();
}

}  // namespace ls::classify::eval
