#include "analysis/analysis_codec.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace ls::analysis {
namespace {

template <typename Seq>
absl::Status CheckTimes(const Seq& v, double duration, const char* field) {
  double prev = -1;
  for (double t : v) {
    if (!std::isfinite(t) || t < 0 || t > duration + 1.0 || t < prev) {
      return absl::DataLossError(absl::StrCat("analysis: ", field, " holds ", t,
                                              " (times must be finite, ascending, within the song)"));
    }
    prev = t;
  }
  return absl::OkStatus();
}

}  // namespace

lightshow::v1::SongAnalysis ToProto(const MusicAnalysis& a) {
  lightshow::v1::SongAnalysis p;
  p.set_version(a.version);
  p.set_duration_s(a.duration_s);
  p.set_bpm(a.bpm);
  p.set_tempo_confidence(a.tempo_confidence);
  p.set_steady_beat(a.steady_beat);
  p.set_beat_note(a.beat_note);
  for (double b : a.beats_s) p.add_beats_s(b);
  for (const Onset& o : a.onsets) {
    p.add_onsets_s(o.time_s);
    p.add_onset_strengths(o.strength);
  }
  p.set_envelope_period_s(a.envelope_period_s);
  for (float l : a.loudness_db) p.add_loudness_db(l);
  for (double s : a.sections_s) p.add_sections_s(s);
  return p;
}

absl::StatusOr<MusicAnalysis> FromProto(const lightshow::v1::SongAnalysis& p) {
  MusicAnalysis a;
  a.version = static_cast<int>(p.version());
  a.duration_s = p.duration_s();
  if (!std::isfinite(a.duration_s) || a.duration_s < 0) {
    return absl::DataLossError(absl::StrCat("analysis: duration_s is ", a.duration_s));
  }
  a.bpm = p.bpm();
  a.tempo_confidence = p.tempo_confidence();
  if (!std::isfinite(a.bpm) || a.bpm < 0 || !std::isfinite(a.tempo_confidence)) {
    return absl::DataLossError(absl::StrCat("analysis: bpm ", a.bpm, " / confidence ",
                                            a.tempo_confidence, " out of range"));
  }
  a.steady_beat = p.steady_beat();
  a.beat_note = p.beat_note();
  if (auto st = CheckTimes(p.beats_s(), a.duration_s, "beats_s"); !st.ok()) return st;
  if (auto st = CheckTimes(p.sections_s(), a.duration_s, "sections_s"); !st.ok()) return st;
  if (auto st = CheckTimes(p.onsets_s(), a.duration_s, "onsets_s"); !st.ok()) return st;
  if (p.onsets_s_size() != p.onset_strengths_size()) {
    return absl::DataLossError(absl::StrCat("analysis: ", p.onsets_s_size(), " onsets but ",
                                            p.onset_strengths_size(), " strengths"));
  }
  a.beats_s.assign(p.beats_s().begin(), p.beats_s().end());
  a.sections_s.assign(p.sections_s().begin(), p.sections_s().end());
  for (int i = 0; i < p.onsets_s_size(); ++i) a.onsets.push_back(Onset{p.onsets_s(i), p.onset_strengths(i)});
  a.envelope_period_s = p.envelope_period_s();
  if (p.loudness_db_size() > 0 && !(a.envelope_period_s > 0 && std::isfinite(a.envelope_period_s))) {
    return absl::DataLossError(absl::StrCat("analysis: envelope period ", a.envelope_period_s));
  }
  for (float l : p.loudness_db()) {
    if (!std::isfinite(l)) return absl::DataLossError("analysis: loudness_db holds a non-finite value");
    a.loudness_db.push_back(l);
  }
  return a;
}

std::string Serialize(const MusicAnalysis& a) { return ToProto(a).SerializeAsString(); }

absl::StatusOr<MusicAnalysis> Parse(const std::string& bytes) {
  lightshow::v1::SongAnalysis p;
  if (!p.ParseFromString(bytes)) return absl::DataLossError("analysis: blob is not a SongAnalysis");
  return FromProto(p);
}

}  // namespace ls::analysis
