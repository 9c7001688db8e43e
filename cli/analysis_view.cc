#include "cli/analysis_view.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ls::cli {
namespace {

std::string Fixed1(double v) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(1) << v;
  return o.str();
}

}  // namespace

std::string TempoLine(const lightshow::v1::SongAnalysis& a) {
  std::ostringstream o;
  if (a.bpm() > 0) {
    o << Fixed1(a.bpm()) << " BPM (confidence " << std::fixed << std::setprecision(2)
      << a.tempo_confidence() << "), ";
  }
  o << (a.beat_note().empty() ? (a.steady_beat() ? "steady beat" : "no steady beat") : a.beat_note());
  if (!a.steady_beat()) o << " — lights follow onsets and loudness";
  return o.str();
}

std::string SectionsLine(const lightshow::v1::SongAnalysis& a) {
  if (a.sections_s_size() == 0) return "none (one section)";
  std::string out;
  for (double t : a.sections_s()) out += (out.empty() ? "" : ", ") + FormatDuration(t);
  return out;
}

void AddAnalysisRows(Table& t, const lightshow::v1::SongAnalysis* a) {
  if (a == nullptr) {
    t.AddRow({"analysis", "not analysed yet (the server does it at upload and at start-up)"});
    return;
  }
  t.AddRow({"tempo", TempoLine(*a)});
  t.AddRow({"beats", std::to_string(a->beats_s_size())});
  t.AddRow({"onsets", std::to_string(a->onsets_s_size())});
  t.AddRow({"sections", SectionsLine(*a)});
  if (a->loudness_db_size() > 0) {
    auto [lo, hi] = std::minmax_element(a->loudness_db().begin(), a->loudness_db().end());
    t.AddRow({"loudness", Fixed1(std::max(*lo, -120.f)) + " .. " + Fixed1(*hi) + " dBFS"});
  }
}

}  // namespace ls::cli
