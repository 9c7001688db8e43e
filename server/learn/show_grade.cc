#include "learn/show_grade.h"

#include <vector>

#include "audio/decode.h"
#include "common/status_macros.h"
#include "dsp/stft.h"
#include "judge/music_analysis.h"
#include "judge/show_metrics.h"

namespace ls::learn {

absl::StatusOr<ShowQuality> GradeShow(const catalog::BlobStore& blobs, const std::string& song_id,
                                      const std::string& masks, double frame_period_s) {
  LS_ASSIGN_OR_RETURN(std::string bytes, blobs.Get("songs", song_id));
  LS_ASSIGN_OR_RETURN(audio::Audio audio, audio::DecodeMemory(bytes, dsp::kFrameSize));
  LS_ASSIGN_OR_RETURN(judge::MusicAnalysis heard,
                      judge::AnalyzeMusic(audio.samples.data(), audio.samples.size(), audio.sample_rate));
  const std::vector<uint8_t> m(masks.begin(), masks.end());
  LS_ASSIGN_OR_RETURN(judge::ShowMetrics g, judge::JudgeShow(m, frame_period_s, heard));
  ShowQuality q;
  q.judge_bpm = heard.beats.bpm;
  q.beat_precision = g.beat_precision;
  q.beat_null = g.beat_null;
  q.beat_lift = g.beat_lift;
  q.onset_lift = g.onset_lift;
  q.beat_coverage = g.beat_coverage;
  q.loudness_r = g.loudness_r;
  q.contrast = g.contrast;
  q.redundancy = g.redundancy;
  q.toggles_per_s = g.toggles_per_s;
  q.relay_ok = g.relay_ok;
  return q;
}

}  // namespace ls::learn
