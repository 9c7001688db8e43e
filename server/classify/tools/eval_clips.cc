// Clip classifier evaluation: k-fold by track. Each fold trains on the other
// folds' tracks (one track per label held back to calibrate "unknown") and
// classifies the fold's tracks; figures are pooled over folds.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "classify/clip_classifier.h"
#include "classify/split.h"
#include "classify/unknown_rule.h"
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

absl::Status RunClipEval(const std::vector<Track>& tracks, const ClipConfig& base, int folds,
                         bool open_set, int repeats) {
  Labels labels;
  std::vector<int> label;
  for (const auto& t : tracks) label.push_back(labels.Of(t.label));
  const int k = static_cast<int>(labels.names.size());
  std::vector<int> truth_clip, pred_clip, closed_clip, truth_song, pred_song, closed_song;
  std::vector<double> rep_track, rep_clip;
  double train_s = 0, classify_s = 0, audio_s = 0;
  ClipConfig config = base;
  absl::StatusOr<std::vector<int>> fold;
  for (int r = 0; r < std::max(1, repeats); ++r) {
  config.seed = base.seed + r;
  fold = FoldsBySong(label, folds, 11 + r);
  if (!fold.ok()) return fold.status();
  const size_t song0 = truth_song.size(), clip0 = truth_clip.size();
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
    std::fflush(stdout);  // progress shows in a log file as it comes
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
  int right = 0, right_clips = 0;
  for (size_t i = song0; i < truth_song.size(); ++i) right += truth_song[i] == closed_song[i];
  for (size_t i = clip0; i < truth_clip.size(); ++i) right_clips += truth_clip[i] == closed_clip[i];
  rep_track.push_back(double(right) / (truth_song.size() - song0));
  rep_clip.push_back(double(right_clips) / (truth_clip.size() - clip0));
  std::printf("  repeat %d: tracks %.3f, clips %.3f (closed)\n", r, rep_track.back(), rep_clip.back());
  }
  auto mean_sd = [](const std::vector<double>& v) {
    double m = 0, q = 0;
    for (double x : v) m += x / v.size();
    for (double x : v) q += (x - m) * (x - m) / std::max<size_t>(1, v.size() - 1);
    return std::make_pair(m, std::sqrt(q));
  };
  const auto [tm, tsd] = mean_sd(rep_track);
  const auto [cm, csd] = mean_sd(rep_clip);
  std::printf("[%s] %d x %d-fold by track: track accuracy %.3f +- %.3f (min %.3f, max %.3f), "
              "clip accuracy %.3f +- %.3f\n",
              ClipArchName(config.arch), std::max(1, repeats), folds, tm, tsd,
              *std::min_element(rep_track.begin(), rep_track.end()),
              *std::max_element(rep_track.begin(), rep_track.end()), cm, csd);
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
  double unk_share = 0, kept_share = 0;
  // Song distance / calibrated quantile, to tabulate other margins from one run.
  const std::vector<double> margins = {0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.5, 2.0};
  std::vector<double> unk_at(margins.size(), 0.0), kept_at(margins.size(), 0.0);
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
    const double q = model->unknown.song_max_distance / config.unknown_margin;
    auto ratio = [&](const SongPrediction& sp) { return SongDistance(sp.clip_distance) / q; };
    for (int i : unseen) {
      auto sp = ClassifySong(*model, tracks[i].samples);
      if (!sp.ok()) return sp.status();
      unk += sp->label == kUnknown;
      for (size_t m = 0; m < margins.size(); ++m) {
        unk_at[m] += (ratio(*sp) > margins[m]) / double(unseen.size()) / k;
      }
    }
    for (int i : known_test) {
      auto sp = ClassifySong(*model, tracks[i].samples);
      if (!sp.ok()) return sp.status();
      kept += sp->label != kUnknown;
      right += sp->label == label2[i];
      for (size_t m = 0; m < margins.size(); ++m) {
        kept_at[m] += (ratio(*sp) <= margins[m]) / double(known_test.size()) / k;
      }
    }
    std::printf("  open set, %s unseen: %d/%zu unseen tracks unknown; known held-out tracks "
                "kept %d/%zu, right %d\n",
                labels.names[out].c_str(), unk, unseen.size(), kept, known_test.size(), right);
    std::fflush(stdout);
    unk_share += double(unk) / unseen.size() / k;
    kept_share += double(kept) / known_test.size() / k;
  }
  std::printf("[%s] open set, mean over %d unseen soundtracks: unseen tracks unknown %.3f, "
              "known held-out tracks kept %.3f\n",
              ClipArchName(config.arch), k, unk_share, kept_share);
  if (config.unknown_song_keep > 0) {
    for (size_t m = 0; m < margins.size(); ++m) {
      std::printf("  song rule at margin %.1f: unseen unknown %.3f, known kept %.3f\n", margins[m],
                  unk_at[m], kept_at[m]);
    }
  }
  return absl::OkStatus();
}

}  // namespace ls::classify::eval
