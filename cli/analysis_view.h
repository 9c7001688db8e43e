#pragma once
// How `lsctl song` and `lsctl report` show a song's music analysis.

#include <string>

#include "cli/output.h"
#include "lightshow/v1/analysis.pb.h"

namespace ls::cli {

/// "128.0 BPM (confidence 0.42), steady beat" or the reason there is none.
std::string TempoLine(const lightshow::v1::SongAnalysis& a);
/// "0:32, 1:05" (or "none").
std::string SectionsLine(const lightshow::v1::SongAnalysis& a);
/// Rows tempo, beats, onsets, sections, loudness; "not analysed yet" when null.
void AddAnalysisRows(Table& t, const lightshow::v1::SongAnalysis* a);

}  // namespace ls::cli
