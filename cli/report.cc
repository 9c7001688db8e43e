// lsctl report SONG [--svg FILE]: how a song's show uses its channels.

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <memory>
#include <sstream>

#include "cli/client.h"
#include "cli/commands.h"
#include "cli/analysis_view.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

std::string Fixed(double v, int digits) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(digits) << v;
  return o.str();
}

void PrintReport(std::ostream& out, const pb::GetReportReply& r) {
  out << r.song_name() << "  (" << ShortId(r.song_id()) << ")  show " << r.show_id()
      << "  renderer " << r.renderer();
  if (!r.profile().empty()) out << "  profile " << r.profile() << " (dwell >= " << Fixed(r.min_dwell_ms(), 0) << " ms)";
  out << "\n";
  Table t({"CH", "DUTY", "TOGGLES/S", "SHORTEST DWELL", ""});
  for (size_t c = 1; c < 4; ++c) t.AlignRight(c);
  for (const auto& c : r.channels()) {
    t.AddRow({std::to_string(c.channel()), Fixed(100 * c.duty(), 1) + " %", Fixed(c.toggles_per_s(), 2),
              c.shortest_dwell_ms() > 0 ? Fixed(c.shortest_dwell_ms(), 0) + " ms" : "-",
              c.dead() ? "DEAD" : ""});
  }
  t.Print(out);
  out << "dead channels: " << r.dead_channels() << "\n";
  if (r.renderer() != "bands") {
    const double ratio = r.pca_mse() > 0 ? r.model_mse() / r.pca_mse() : 0;
    out << "reconstruction MSE: model " << std::setprecision(4) << r.model_mse() << ", PCA "
        << r.pca_mse() << " (ratio " << Fixed(ratio, 2) << ")\n";
  }
  out << "dark end: " << (r.dark_start_s() + 1e-3 >= r.duration_s() ? "none"
                                                                    : "from " + FormatDuration(r.dark_start_s()))
      << " of " << FormatDuration(r.duration_s()) << "\n";
  if (r.has_quality()) {
    const auto& q = r.quality();
    out << "follows the music (judged by an independent beat tracker, " << Fixed(q.judge_bpm(), 1) << " BPM):\n"
        << "  changes on the beat " << Fixed(q.beat_precision(), 2) << " (chance " << Fixed(q.beat_null(), 2)
        << ", lift " << Fixed(q.beat_lift(), 2) << "), beats with a change " << Fixed(q.beat_coverage(), 2)
        << ", onset lift " << Fixed(q.onset_lift(), 2) << "\n"
        << "  lights vs loudness r " << Fixed(q.loudness_r(), 2) << ", loud/quiet contrast " << Fixed(q.contrast(), 2)
        << ", channel redundancy " << Fixed(q.redundancy(), 2) << ", " << Fixed(q.toggles_per_s(), 1)
        << " toggles/s, relay rules " << (q.relay_ok() ? "kept" : "BROKEN") << "\n";
  }
  if (r.has_analysis()) {
    out << "music: " << TempoLine(r.analysis()) << "; " << r.analysis().beats_s_size() << " beats, "
        << r.analysis().onsets_s_size() << " onsets; sections at " << SectionsLine(r.analysis()) << "\n";
  }
}

}  // namespace

std::string ReportSvg(const pb::GetReportReply& r) {
  const double W = 1000, top = 20, loud_h = 100, lane = 18, left = 40;
  const int frames = static_cast<int>(r.masks().size());
  const int channels = std::max(1, r.channels_size());
  const double marks_h = 14;  // the beat ticks under the lanes
  const double H = top + loud_h + 10 + lane * channels + marks_h + 30;
  const double sx = frames > 0 ? (W - left - 10) / frames : 1;
  std::ostringstream o;
  o << std::fixed << std::setprecision(1);
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << W << "\" height=\"" << H
    << "\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"#111\"/>\n";
  o << "<text x=\"" << left << "\" y=\"14\" fill=\"#ddd\">" << r.song_name() << " — " << r.renderer()
    << " (loudness, then channels 0–" << channels - 1 << ")</text>\n";
  // Loudness: RMS dB from -60 to 0.
  o << "<polyline fill=\"none\" stroke=\"#8cf\" stroke-width=\"1\" points=\"";
  const int n = r.loudness_db_size();
  const int step = std::max(1, n / 1000);
  for (int i = 0; i < n; i += step) {
    const double db = std::clamp<double>(r.loudness_db(i), -60, 0);
    o << left + i * sx << "," << top + loud_h * (-db / 60.0) << " ";
  }
  o << "\"/>\n";
  const double dark_x = left + r.dark_start_s() / std::max(1e-9, r.frame_period_ns() * 1e-9) * sx;
  if (r.dark_start_s() + 1e-3 < r.duration_s()) {
    o << "<rect x=\"" << dark_x << "\" y=\"" << top << "\" width=\"" << std::max(0.0, W - 10 - dark_x)
      << "\" height=\"" << H - top - 20 << "\" fill=\"#fff\" fill-opacity=\"0.08\"/>\n"
      << "<text x=\"" << dark_x + 3 << "\" y=\"" << H - 8 << "\" fill=\"#aaa\">dark end</text>\n";
  }
  const std::string& m = r.masks();
  for (int c = 0; c < channels; ++c) {
    const double y = top + loud_h + 10 + c * lane;
    o << "<text x=\"4\" y=\"" << y + 12 << "\" fill=\"#aaa\">ch" << c << "</text>\n";
    int run = -1;
    for (int i = 0; i <= frames; ++i) {
      const bool on = i < frames && ((static_cast<uint8_t>(m[i]) >> c) & 1);
      if (on && run < 0) run = i;
      if (!on && run >= 0) {
        o << "<rect x=\"" << left + run * sx << "\" y=\"" << y + 2 << "\" width=\""
          << std::max(0.5, (i - run) * sx) << "\" height=\"" << lane - 4 << "\" fill=\"hsl("
          << c * 45 << ",80%,60%)\"/>\n";
        run = -1;
      }
    }
  }
  // Beats as ticks under the lanes, section boundaries as lines through them.
  const double period = std::max(1e-9, r.frame_period_ns() * 1e-9);
  const double lanes_end = top + loud_h + 10 + lane * channels;
  for (double b : r.analysis().beats_s()) {
    const double x = left + b / period * sx;
    o << "<line x1=\"" << x << "\" y1=\"" << lanes_end + 2 << "\" x2=\"" << x << "\" y2=\""
      << lanes_end + marks_h - 2 << "\" stroke=\"#ccc\" stroke-width=\"0.6\"/>\n";
  }
  for (double t : r.analysis().sections_s()) {
    const double x = left + t / period * sx;
    o << "<line x1=\"" << x << "\" y1=\"" << top << "\" x2=\"" << x << "\" y2=\"" << lanes_end + marks_h
      << "\" stroke=\"#fff\" stroke-width=\"1.5\" stroke-dasharray=\"4,3\"/>\n";
  }
  o << "<text x=\"4\" y=\"" << lanes_end + marks_h - 3 << "\" fill=\"#aaa\">beats</text>\n";
  o << "</svg>\n";
  return o.str();
}

namespace {

int RunReport(Context& ctx, const std::string& id, const std::string& svg) {
  pb::GetReportRequest req;
  req.set_song_id(id);
  // Decoding and scoring a long song takes a few seconds on the server.
  auto got = Call(ctx, &pb::Control::Stub::GetReport, req, 60.0);
  if (!got.ok()) return ctx.Fail(got.status());
  const pb::GetReportReply& reply = *got;
  if (!svg.empty()) {
    std::ofstream f(svg);
    f << ReportSvg(reply);
    if (!f) return ctx.Fail("UNAVAILABLE", "cannot write " + svg);
  }
  if (ctx.options().json) {
    pb::GetReportReply brief = reply;  // per-frame arrays stay out of the JSON
    brief.clear_masks();
    brief.clear_loudness_db();
    brief.mutable_analysis()->clear_loudness_db();
    brief.mutable_analysis()->clear_onsets_s();
    brief.mutable_analysis()->clear_onset_strengths();
    if (!reply.has_analysis()) brief.clear_analysis();
    PrintJson(ctx.io().out, ProtoToJson(brief));
  } else {
    PrintReport(ctx.io().out, reply);
    if (!svg.empty()) ctx.io().out << "plot written to " << svg << "\n";
  }
  return 0;
}

}  // namespace

void AddReportCommand(CLI::App& app, Context& ctx) {
  auto id = std::make_shared<std::string>();
  auto svg = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("report", "How a song's show uses its channels (duty, toggles, MSE vs PCA)");
  cmd->add_option("SONG", *id, "song id or a unique prefix")->required();
  cmd->add_option("--svg", *svg, "also write a plot of the channels under the loudness");
  cmd->callback([&ctx, id, svg] { ctx.action = [&ctx, id, svg] { return RunReport(ctx, *id, *svg); }; });
}

}  // namespace ls::cli
