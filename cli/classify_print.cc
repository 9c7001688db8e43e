// Printing classification results: `classify SONG` and a classification job's figures.

#include <iomanip>
#include <sstream>

#include "cli/commands.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

std::string Prob(float p) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(2) << p;
  return o.str();
}

}  // namespace

void PrintClassify(std::ostream& out, const pb::ClassifyReply& r) {
  out << ShortId(r.song_id()) << "  model " << r.model_id() << " (" << r.model_kind() << ")  "
      << FormatDuration(r.duration_s()) << "  in " << FormatSeconds(r.seconds()) << "\n";
  if (r.model_kind() == "end_detector") {
    if (r.has_end()) {
      out << "end starts at " << FormatDuration(r.end_s()) << " (" << FormatDuration(r.duration_s() - r.end_s())
          << " before the end of the song)\n";
    } else {
      out << "no end (the song stops at full level)\n";
    }
    return;
  }
  out << "label: " << r.label() << "  (";
  for (int c = 0; c < r.labels_size(); ++c) out << (c ? ", " : "") << r.labels(c) << " " << Prob(r.probs(c));
  out << ")\n";
  std::vector<std::string> head = {"CLIP", "LABEL"};
  for (const auto& l : r.labels()) head.push_back(l);
  Table t(head);
  for (const auto& c : r.clips()) {
    std::vector<std::string> row = {FormatDuration(c.start_s()), c.label()};
    for (float p : c.probs()) row.push_back(Prob(p));
    t.AddRow(row);
  }
  t.Print(out);
}

void PrintClassifyMetrics(std::ostream& out, const pb::ClassifyMetrics& m) {
  out << "  songs: " << m.train_songs() << " training + " << m.val_songs() << " held out\n";
  if (!m.note().empty()) out << "  " << m.note() << "\n";
  if (m.task() == "end_detector") {
    out << "  frame F1 " << Prob(m.frame_f1()) << " (precision " << Prob(m.frame_precision()) << ", recall "
        << Prob(m.frame_recall()) << "), frames called end on songs without one: "
        << Prob(100 * m.false_end_rate()) << " %\n";
    return;
  }
  out << "  clips: accuracy " << Prob(m.accuracy()) << " (without the unknown rule " << Prob(m.accuracy_closed())
      << ", unknown " << Prob(100 * m.unknown_rate()) << " %), macro F1 " << Prob(m.macro_f1())
      << "; songs: accuracy " << Prob(m.song_accuracy()) << "\n";
  Table t({"CLASS", "PRECISION", "RECALL", "F1", "SUPPORT"});
  for (const auto& c : m.classes()) {
    t.AddRow({c.label(), Prob(c.precision()), Prob(c.recall()), Prob(c.f1()), std::to_string(c.support())});
  }
  t.Print(out);
  std::vector<std::string> head = {"TRUTH \\ PREDICTED"};
  for (const auto& l : m.labels()) head.push_back(l);
  head.push_back("unknown");
  Table conf(head);
  for (const auto& row : m.confusion()) {
    std::vector<std::string> cells = {row.truth()};
    for (int64_t n : row.counts()) cells.push_back(std::to_string(n));
    conf.AddRow(cells);
  }
  conf.Print(out);
}

}  // namespace ls::cli
