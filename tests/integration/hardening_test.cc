// Hardening through the real server: tiny files that decode to hours are
// refused without the server's memory growing, a second server on one data
// dir exits naming the dir and the holder, concurrent duplicate uploads all
// land intact, and the data dir is private.
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <regex>
#include <thread>

#include "cluster.h"
#include "common/sha256.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "lightshow/v1/control.grpc.pb.h"
#include "long_silence.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;
namespace v1 = lightshow::v1;

std::string Token(Cluster& c) {
  std::string t = ReadAll(c.token_file());
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  return t;
}

// One upload over the real API, in 256 KiB chunks as lsctl sends them.
grpc::Status Upload(Cluster& c, const std::string& name, const std::string& bytes,
                    v1::UploadReply* reply) {
  auto stub = v1::Control::NewStub(grpc::CreateChannel(c.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + Token(c));
  ctx.set_deadline(std::chrono::system_clock::now() + 60s);
  auto writer = stub->Upload(&ctx, reply);
  v1::UploadChunk h;
  h.mutable_header()->set_name(name);
  h.mutable_header()->set_size_bytes(bytes.size());
  writer->Write(h);
  for (size_t off = 0; off < bytes.size(); off += 256 << 10) {
    v1::UploadChunk d;
    d.set_data(bytes.substr(off, 256 << 10));
    if (!writer->Write(d)) break;
  }
  writer->WritesDone();
  return writer->Finish();
}

// A field of /proc/PID/status in KiB (VmHWM: the peak resident set).
long ProcStatusKb(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

TEST(Hardening, TinyFilesOfTenHoursAreRefusedAndMemoryStaysBounded) {
  Cluster c;  // default --max-song-minutes 20
  const std::string flac = testutil::LongSilenceFlac(10 * 3600.0);
  const std::string flac_unknown = testutil::LongSilenceFlac(10 * 3600.0, 8000, false);
  const std::string ogg = testutil::LongSilenceOgg(10 * 3600.0);
  ASSERT_FALSE(ogg.empty());
  const long rss_before = ProcStatusKb(c.server().pid(), "VmHWM");
  for (const auto& [name, bytes] : {std::pair{"ten-hours.flac", &flac},
                                    std::pair{"ten-hours-no-length.flac", &flac_unknown},
                                    std::pair{"ten-hours.ogg", &ogg}}) {
    SCOPED_TRACE(name);
    v1::UploadReply reply;
    grpc::Status st = Upload(c, name, *bytes, &reply);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << st.error_message();
    EXPECT_NE(st.error_message().find("--max-song-minutes"), std::string::npos) << st.error_message();
    ASSERT_TRUE(c.server().Running()) << c.server_log();
  }
  // Decoding up to the 20-minute bound at 8 kHz needs ~40 MB of floats; ten
  // hours would need gigabytes.
  const long rss_after = ProcStatusKb(c.server().pid(), "VmHWM");
  RecordProperty("server_peak_rss_kb_before", std::to_string(rss_before));
  RecordProperty("server_peak_rss_kb_after", std::to_string(rss_after));
  EXPECT_LT(rss_after, rss_before + 200 * 1024) << "peak RSS " << rss_before << " → " << rss_after << " KiB";

  // Still serving: a normal song goes in.
  std::string path = c.dir().File("song.wav");
  WriteTune(path, 3.0);
  auto r = c.Lsctl({"submit", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(c.server().Running());
}

TEST(Hardening, SecondServerOnOneDataDirExitsNamingDirAndHolder) {
  Cluster c;
  std::string path = c.dir().File("song.wav");
  const std::string bytes = WriteTune(path, 3.0);
  ASSERT_EQ(c.Lsctl({"submit", path}).exit_code, 0);

  Process second({Bin("lightshow-server"), "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0",
                  "--data-dir", c.data_dir()},
                 c.dir().File("second.out"), c.dir().File("second.err"));
  const int code = second.Wait(20s);
  const std::string err = ReadAll(c.dir().File("second.err"));
  EXPECT_NE(code, 0) << err;
  EXPECT_NE(code, -1) << "the second server is still running: " << err;
  EXPECT_NE(err.find(c.data_dir()), std::string::npos) << err;
  EXPECT_NE(err.find("pid " + std::to_string(c.server().pid())), std::string::npos) << err;

  // The first one is untouched: its song and its blob are still there.
  auto songs = c.LsctlJson({"songs"});
  EXPECT_NE(songs.dump().find(Sha256Hex(bytes)), std::string::npos) << songs.dump();
  struct stat st{};
  EXPECT_EQ(::stat((c.data_dir() + "/blobs/songs/" + Sha256Hex(bytes)).c_str(), &st), 0);
}

TEST(Hardening, ConcurrentDuplicateUploadsAreAllAcknowledgedAndIntact) {
  Cluster c({"--max-concurrent-uploads", "8", "--workers", "4"});
  std::string path = c.dir().File("song.wav");
  const std::string bytes = WriteTune(path, 20.0);
  const std::string id = Sha256Hex(bytes);
  constexpr int kClients = 8;
  std::atomic<int> acknowledged{0};
  std::vector<std::string> errors(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      v1::UploadReply reply;
      grpc::Status st = Upload(c, "same.wav", bytes, &reply);
      if (st.ok() && reply.song().id() == id) ++acknowledged;
      else errors[i] = st.error_message();
    });
  }
  for (auto& t : clients) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(acknowledged.load(), kClients);
  auto blob = ReadAll(c.data_dir() + "/blobs/songs/" + id);
  EXPECT_EQ(blob.size(), bytes.size());
  EXPECT_EQ(Sha256Hex(blob), id);
  // One song, playable from its stored bytes (the report decodes them).
  auto r = c.Lsctl({"report", id});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// Flags that would be unsafe or wrap around are refused before anything starts.
TEST(Hardening, UnsafeOrOverflowingServerFlagsAreRefused) {
  TempDir dir("hardening");
  struct FlagCase {
    std::vector<std::string> flags;
    std::vector<std::string> message_has;
  };
  const std::vector<FlagCase> cases = {
      {{"--listen", "0.0.0.0:0"}, {"0.0.0.0:0", "TLS", "scripts/make-certs", "--insecure"}},
      {{"--max-upload-mb", "17592186044417"}, {"--max-upload-mb", "17592186044417"}},  // 2^44+1: << 20 wraps
      {{"--max-song-minutes", "0"}, {"--max-song-minutes", "0"}},
  };
  for (const auto& fc : cases) {
    std::vector<std::string> argv = {Bin("lightshow-server"), "--metrics-listen", "127.0.0.1:0",
                                     "--data-dir", dir.File("data")};
    if (fc.flags[0] != "--listen") argv.insert(argv.end(), {"--listen", "127.0.0.1:0"});
    argv.insert(argv.end(), fc.flags.begin(), fc.flags.end());
    RunResult r = ::ls::it::Run(argv, 20s);
    SCOPED_TRACE(fc.flags[0] + " " + fc.flags[1]);
    EXPECT_NE(r.exit_code, 0) << r.out;
    EXPECT_NE(r.exit_code, -1) << "still running";
    for (const auto& part : fc.message_has) {
      EXPECT_NE((r.err + r.out).find(part), std::string::npos) << "no '" << part << "' in: " << r.err;
    }
  }
}

// Every server log line is timestamped and levelled; a client's upload name
// cannot forge a line or put terminal escapes in the log.
TEST(Hardening, LogLinesAreTimestampedAndClientTextEscaped) {
  Cluster c;
  v1::UploadReply reply;
  grpc::Status st = Upload(c, "evil\n2026-01-01T00:00:00.000Z ERROR forged\x1b[2J", std::string(5000, 'z'), &reply);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << st.error_message();
  std::string log;
  ASSERT_TRUE(WaitFor([&] {
    log = c.server_log();
    return log.find("rejected") != std::string::npos;
  }, 10s)) << log;
  EXPECT_NE(log.find("evil\\n2026-01-01T00:00:00.000Z ERROR forged\\x1b[2J"), std::string::npos) << log;
  const std::regex line(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO |WARN |ERROR) .+)");
  for (const auto& l : ReadLines(c.dir().File("server.err"))) {
    EXPECT_TRUE(std::regex_match(l, line)) << "not a log line: " << l;
    EXPECT_EQ(l.rfind("2026-01-01T00:00:00.000Z", 0), std::string::npos) << "forged line: " << l;
  }
}

TEST(Hardening, NewDataDirIsOwnerOnly) {
  Cluster c;
  struct stat st{};
  ASSERT_EQ(::stat(c.data_dir().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

}  // namespace
}  // namespace ls::it
