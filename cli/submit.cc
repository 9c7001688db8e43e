// lsctl submit: upload songs with Control.Upload (header first, then data).

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/client.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

constexpr size_t kChunkBytes = 256 * 1024;

struct Outcome {
  bool ok = false;
  pb::UploadReply reply;
  std::string code;   // gRPC code name, or "LOCAL" for a problem with the file
  std::string error;  // message, without the file name
};

Outcome Fail(std::string code, std::string error) {
  Outcome o;
  o.code = std::move(code);
  o.error = std::move(error);
  return o;
}

Outcome UploadOne(Context& ctx, Connection& conn, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail("LOCAL", std::string("cannot open: ") + std::strerror(errno));
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return Fail("LOCAL", "cannot get size: " + ec.message());

  auto call = conn.NewContext(UploadTimeout(size, ctx.options().timeout_s));
  Outcome out;
  auto writer = conn.stub().Upload(call.get(), &out.reply);

  pb::UploadChunk chunk;
  const std::string name = std::filesystem::path(path).filename().string();
  chunk.mutable_header()->set_name(name);
  chunk.mutable_header()->set_size_bytes(size);
  // A failed Write means the server already ended the call; Finish() says why.
  bool open = writer->Write(chunk);

  ProgressBar bar(ctx.io().err, ctx.io().err_tty, name, size, ctx.io().columns);
  std::string buf(kChunkBytes, '\0');
  uint64_t sent = 0;
  bool local_error = false;
  while (open) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<size_t>(in.gcount());
    if (n > 0) {
      chunk.set_data(buf.data(), n);
      open = writer->Write(chunk);
      sent += n;
      bar.Update(sent);
    }
    if (in.bad()) {
      local_error = true;
      break;
    }
    if (in.eof()) break;
  }
  bar.Done();
  if (local_error) {
    call->TryCancel();
    writer->Finish();
    return Fail("LOCAL", "read error after " + std::to_string(sent) + " bytes");
  }
  if (open) writer->WritesDone();
  const grpc::Status status = writer->Finish();
  if (!status.ok()) {
    return Fail(StatusCodeName(status.error_code()),
                DescribeRpcError(status, conn.address(), ctx.options().timeout_s));
  }
  out.ok = true;
  return out;
}

int RunSubmit(Context& ctx, const std::vector<std::string>& files) {
  Json songs = Json::array();
  Json errors = Json::array();
  const auto report = [&](const std::string& file, const std::string& code,
                          const std::string& error) {
    ctx.io().err << "lsctl: error: " << file << ": " << error << "\n";
    errors.push_back({{"file", file}, {"code", code}, {"error", error}});
  };

  // Local problems are reported before the server is contacted at all.
  std::vector<std::string> good;
  for (const auto& file : files) {
    const std::string why = CheckLocalFile(file);
    if (why.empty()) {
      good.push_back(file);
    } else {
      report(file, "LOCAL", why);
    }
  }
  if (!good.empty()) {
    auto conn = ctx.Connect();
    for (const auto& file : good) {
      if (!conn.ok()) {
        report(file, absl::StatusCodeToString(conn.status().code()),
               std::string(conn.status().message()));
        continue;
      }
      Outcome o = UploadOne(ctx, **conn, file);
      if (!o.ok) {
        report(file, o.code, o.error);
        continue;
      }
      if (ctx.options().json) {
        songs.push_back(SubmittedSongJson(file, o.reply));
      } else {
        PrintSubmitted(ctx.io().out, o.reply);
      }
    }
  }
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"songs", songs}, {"errors", errors}});
  } else if (files.size() > 1 && !errors.empty()) {
    ctx.io().err << "lsctl: " << errors.size() << " of " << files.size()
                 << " files failed\n";
  }
  return errors.empty() ? 0 : 1;
}

}  // namespace

std::string CheckLocalFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return std::string("cannot open: ") + std::strerror(errno);
  }
  if (S_ISDIR(st.st_mode)) return "is a directory, not an audio file";
  if (!S_ISREG(st.st_mode)) return "not a regular file";
  if (::access(path.c_str(), R_OK) != 0) {
    return std::string("cannot read: ") + std::strerror(errno);
  }
  if (st.st_size == 0) return "empty file";
  return "";
}

Json SubmittedSongJson(const std::string& file, const pb::UploadReply& reply) {
  Json j = ProtoToJson(reply.song());
  j["file"] = file;
  j["duplicate"] = reply.duplicate();
  Json timings = Json::object();
  for (const auto& t : reply.timings()) timings[t.stage()] = t.seconds();
  j["timings"] = std::move(timings);
  return j;
}

void PrintSubmitted(std::ostream& out, const pb::UploadReply& reply) {
  const auto& s = reply.song();
  out << ShortId(s.id()) << "  " << s.name() << "  " << FormatDuration(s.duration_s()) << "  "
      << s.frame_count() << " frames";
  if (reply.duplicate()) out << "  (already in catalog)";
  out << "\n";
  if (reply.timings_size() > 0) {
    out << "  timings:";
    for (int i = 0; i < reply.timings_size(); ++i) {
      out << (i == 0 ? " " : ", ") << reply.timings(i).stage() << " "
          << FormatSeconds(reply.timings(i).seconds());
    }
    out << "\n";
  }
}

bool UploadFile(Context& ctx, Connection& conn, const std::string& path, pb::UploadReply* reply,
                std::string* code, std::string* error) {
  Outcome o = UploadOne(ctx, conn, path);
  *reply = o.reply;
  *code = o.code;
  *error = o.error;
  return o.ok;
}

void AddSubmitCommand(CLI::App& app, Context& ctx) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand(
      "submit", "Upload songs; the server decodes each one and renders its show");
  cmd->add_option("FILE", *files, "audio files (WAV, FLAC, OGG, Opus, MP3)")->required();
  cmd->callback([&ctx, files] { ctx.action = [&ctx, files] { return RunSubmit(ctx, *files); }; });
}

}  // namespace ls::cli
