#pragma once
// Helpers for the metrics tests: render collectables as the text exposition
// format, and find one sample's value in it.

#include <cmath>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "prometheus/text_serializer.h"

namespace ls::metrics {

inline std::string Exposition(const prometheus::Collectable& c) {
  return prometheus::TextSerializer().Serialize(c.Collect());
}

/// The value on the line that starts with `series` + " " (e.g.
/// `lightshow_agent_rtt_seconds{agent="porch"}`), or NaN when absent.
inline double Sample(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  }
  return std::nan("");
}

}  // namespace ls::metrics
