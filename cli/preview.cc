// lsctl preview SONG -o FILE.html [--colors LIST]: the show in a browser,
// with the song's audio, as one self-contained page.
#include <memory>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/preview_page.h"
#include "cli/show_fetch.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

struct PreviewArgs {
  std::string song;
  std::string out;
  std::string colors;
};

int RunPreview(Context& ctx, const PreviewArgs& a) {
  auto colors = ParseLampColors(a.colors);
  if (!colors.ok()) return ctx.Fail(colors.status());
  if (std::string why = CheckOutputPath(a.out); !why.empty()) return ctx.Fail("INVALID_ARGUMENT", why);
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  pb::ShowExport show;
  PreviewInput in;
  grpc::Status st = FetchShow(**conn, a.song, true, ctx.options().timeout_s, &show, &in.audio);
  if (!st.ok()) return ctx.FailRpc(st);
  const int bpf = (static_cast<int>(show.show().channels()) + 7) / 8;
  // The eight lamps are channel group 0: the first byte of each frame.
  in.masks.reserve(show.masks().size() / bpf);
  for (size_t i = 0; i < show.masks().size(); i += bpf) in.masks.push_back(show.masks()[i]);
  in.title = show.song().name();
  in.song_id = show.song().id();
  in.show_id = show.show().id();
  in.frame_period_s = show.show().frame_period_ns() * 1e-9;
  in.audio_mime = show.audio_mime();
  in.colors = *colors;
  // Beats and sections from the song's music analysis (none until analysed).
  in.beats.assign(show.analysis().beats_s().begin(), show.analysis().beats_s().end());
  in.sections.assign(show.analysis().sections_s().begin(), show.analysis().sections_s().end());
  std::string html = PreviewHtml(in);
  if (auto w = WriteOutputFile(a.out, html); !w.ok()) return ctx.Fail(w);
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"file", a.out},
                             {"song_id", in.song_id},
                             {"show_id", in.show_id},
                             {"frames", in.masks.size()},
                             {"audio_bytes", in.audio.size()},
                             {"bytes", html.size()}});
  } else {
    ctx.io().out << "wrote " << a.out << " (" << html.size() / 1024 << " KiB, audio " << in.audio.size() / 1024
                 << " KiB); open it in a browser\n";
  }
  return 0;
}

}  // namespace

void AddPreviewCommand(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<PreviewArgs>();
  auto* cmd = app.add_subcommand("preview", "Write a self-contained web page that plays a song with its show");
  cmd->add_option("SONG", a->song, "song id or a unique prefix")->required();
  cmd->add_option("-o,--out", a->out, "output .html file")->required();
  cmd->add_option("--colors", a->colors, "lamp colours, lamp 0 first: e.g. red,#0f0,blue (up to 8)");
  cmd->callback([&ctx, a] { ctx.action = [&ctx, a] { return RunPreview(ctx, *a); }; });
}

}  // namespace ls::cli
