// End-of-song evaluation: k-fold by track; scores the reference logreg
// (trained on "last 10 s") and the context detector (trained on measured
// ends) against the measured ends of the held-out tracks.
#include <cstdio>

#include "classify/end_detector.h"
#include "classify/end_labels.h"
#include "classify/metrics.h"
#include "classify/split.h"
#include "tools/eval.h"

namespace ls::classify::eval {

absl::Status RunEndEval(const std::vector<Track>& tracks, int folds) {
  std::vector<SongFrames> frames;
  std::vector<int> measured, strata;
  for (const auto& t : tracks) {
    auto f = AnalyseSong(t.samples.data(), t.samples.size());
    if (!f.ok()) return f.status();
    measured.push_back(MeasuredEnd(*f));
    strata.push_back(t.FullLevel() ? 0 : 1);
    frames.push_back(std::move(*f));
  }
  auto fold = FoldsBySong(strata, folds, 7);
  if (!fold.ok()) return fold.status();
  std::printf("\n== End of song (%d-fold by track; labels: measured rule, -20 dB / 1 s) ==\n", folds);
  std::printf("%-34s %8s %8s %7s %7s\n", "track", "end_s", "ref_s", "ctx_s", "ctx_p>.5");
  struct Score { BinaryCounts raw, suffix; int64_t full_frames = 0, full_raw = 0, full_suffix = 0; };
  Score score[2];
  for (int k = 0; k < folds; ++k) {
    EndModel models[2];
    for (int kind = 0; kind < 2; ++kind) {
      std::vector<EndTrainSong> train;
      for (size_t i = 0; i < tracks.size(); ++i) {
        if ((*fold)[i] == k) continue;
        const int end = kind == 0 ? LastSecondsEnd(frames[i].frames()) : measured[i];
        train.push_back({&frames[i], end});
      }
      EndTrainConfig cfg;
      cfg.kind = kind == 0 ? EndKind::kReference : EndKind::kContext;
      cfg.frame_stride = kind == 0 ? 8 : 2;  // 514 features: fewer frames keep L-BFGS quick
      auto m = TrainEndDetector(train, cfg);
      if (!m.ok()) return m.status();
      models[kind] = std::move(*m);
    }
    for (size_t i = 0; i < tracks.size(); ++i) {
      if ((*fold)[i] != k) continue;
      const int n = frames[i].frames();
      double end_s[2];
      int raw_ctx = 0;
      for (int kind = 0; kind < 2; ++kind) {
        const EndResult r = DetectEnd(models[kind], frames[i]);
        end_s[kind] = r.has_end ? r.end_s : -1;
        Score& s = score[kind];
        for (int t = 0; t < n; ++t) {
          const bool raw = r.prob[t] >= 0.5f, suf = t >= r.end_frame;
          if (kind == 1) raw_ctx += raw;
          if (tracks[i].FullLevel()) {
            ++s.full_frames;
            s.full_raw += raw;
            s.full_suffix += suf;
          } else {
            s.raw.Add(t >= measured[i], raw);
            s.suffix.Add(t >= measured[i], suf);
          }
        }
      }
      std::printf("%-34.34s %8.1f %8.1f %7.1f %7d  (%s, last3 %.1f dB)\n", tracks[i].path.c_str(),
                  measured[i] < n ? measured[i] / kFrameRate : -1.0, end_s[0], end_s[1], raw_ctx,
                  tracks[i].FullLevel() ? "full level" : "has end", tracks[i].last3_rel_db);
    }
  }
  std::printf("(-1 = no end)\n%-10s %14s %14s %16s %16s\n", "detector", "F1 per-frame",
              "F1 suffix", "full: %end frame", "full: %end suffix");
  for (int kind = 0; kind < 2; ++kind) {
    const Score& s = score[kind];
    std::printf("%-10s %14.3f %14.3f %15.2f%% %15.2f%%\n",
                EndKindName(kind == 0 ? EndKind::kReference : EndKind::kContext), s.raw.F1(),
                s.suffix.F1(), 100.0 * s.full_raw / std::max<int64_t>(1, s.full_frames),
                100.0 * s.full_suffix / std::max<int64_t>(1, s.full_frames));
  }
  return absl::OkStatus();
}

}  // namespace ls::classify::eval
