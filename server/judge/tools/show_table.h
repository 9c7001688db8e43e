#pragma once
/// The evaluation as text: one markdown table of per-show means (and per
/// song with per_song), or one JSON document with the same figures.
/// Pure functions; thread-safe.

#include <string>

#include "eval_show.h"

namespace ls::judge {

std::string MarkdownReport(const EvalReport& r, bool per_song);
std::string JsonReport(const EvalReport& r);

}  // namespace ls::judge
