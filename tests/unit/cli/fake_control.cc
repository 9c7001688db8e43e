#include "fake_control.h"

#include <chrono>
#include <stdexcept>
#include <thread>

#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace ls::cli::testing {

namespace pb = lightshow::v1;

namespace {

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Fake content id: a 64-hex string derived from the bytes (not a real SHA-256).
std::string FakeId(const std::string& data) {
  const size_t h = std::hash<std::string>{}(data);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016zx", h);
  std::string id;
  for (int i = 0; i < 4; ++i) id += buf;
  return id;
}

constexpr int64_t kPeriodNs = 10'000'000;  // 10 ms frames keep --wait tests short

}  // namespace

pb::Song FakeControl::SampleSong() {
  pb::Song s;
  s.set_id("3f2a9c1b7e4d0000111122223333444455556666777788889999aaaabbbbcccc");
  s.set_name("jingle.wav");
  s.set_format("WAV");
  s.set_size_bytes(5292044);
  s.set_source_sample_rate(44100);
  s.set_source_channels(2);
  s.set_duration_s(30.0);
  s.set_frame_count(1291);
  s.set_hop(1024);
  s.set_created_unix_ms(1732521600000);
  s.set_show_id("show-1");
  return s;
}

grpc::Status FakeControl::Check(grpc::ServerContext* ctx, const std::string& method) {
  CallRecord rec;
  rec.method = method;
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  if (it != md.end()) rec.authorization = std::string(it->second.data(), it->second.size());
  if (ctx->deadline() != std::chrono::system_clock::time_point::max()) {
    rec.deadline_s =
        std::chrono::duration<double>(ctx->deadline() - std::chrono::system_clock::now()).count();
  }
  const bool ok = rec.authorization == "Bearer " + token_;
  {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back(rec);
  }
  if (!ok) return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "missing or wrong bearer token");
  return grpc::Status::OK;
}

grpc::Status FakeControl::Upload(grpc::ServerContext* ctx,
                                 grpc::ServerReader<pb::UploadChunk>* reader,
                                 pb::UploadReply* reply) {
  if (auto st = Check(ctx, "Upload"); !st.ok()) return st;
  UploadRecord rec;
  pb::UploadChunk chunk;
  bool first = true;
  while (reader->Read(&chunk)) {
    if (chunk.has_header()) {
      rec.header_first = first;
      rec.name = chunk.header().name();
      rec.size_bytes = chunk.header().size_bytes();
      if (rec.name.find("huge") != std::string::npos) {
        // Rejects on the header alone, without draining the stream.
        std::lock_guard<std::mutex> lock(mu_);
        uploads_.push_back(rec);
        return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                            "upload of " + std::to_string(rec.size_bytes) +
                                " bytes is over the limit of 1048576");
      }
    } else {
      rec.chunk_sizes.push_back(chunk.data().size());
      rec.data += chunk.data();
    }
    first = false;
  }
  bool duplicate = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    uploads_.push_back(rec);
    duplicate = !stored_.insert(rec.data).second;
  }
  if (!rec.header_first) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "the first message must be the header");
  }
  if (rec.name.find("bad") != std::string::npos) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "not an audio file: " + rec.name);
  }
  pb::Song* s = reply->mutable_song();
  *s = SampleSong();
  s->set_id(FakeId(rec.data));
  s->set_name(rec.name);
  s->set_size_bytes(rec.data.size());
  s->set_duration_s(187.44);
  s->set_frame_count(8072);
  reply->set_duplicate(duplicate);
  for (const char* stage : {"upload", "decode", "stft", "render", "store"}) {
    auto* t = reply->add_timings();
    t->set_stage(stage);
    t->set_seconds(0.0125);
  }
  return grpc::Status::OK;
}

grpc::Status FakeControl::ListSongs(grpc::ServerContext* ctx, const pb::ListSongsRequest*,
                                    pb::ListSongsReply* reply) {
  if (auto st = Check(ctx, "ListSongs"); !st.ok()) return st;
  *reply->add_songs() = SampleSong();
  pb::Song other = SampleSong();
  other.set_id("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
  other.set_name("Stille Nacht.flac");
  other.set_format("FLAC");
  other.set_source_sample_rate(48000);
  other.set_duration_s(185.04);
  *reply->add_songs() = other;
  return grpc::Status::OK;
}

grpc::Status FakeControl::GetSong(grpc::ServerContext* ctx, const pb::GetSongRequest* req,
                                  pb::GetSongReply* reply) {
  if (auto st = Check(ctx, "GetSong"); !st.ok()) return st;
  const pb::Song song = SampleSong();
  if (song.id().rfind(req->id(), 0) != 0) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "no song with id " + req->id());
  }
  *reply->mutable_song() = song;
  pb::ShowInfo* show = reply->mutable_show();
  show->set_id("show-1");
  show->set_song_id(song.id());
  show->set_renderer("bands");
  show->set_channels(8);
  show->set_frame_count(song.frame_count());
  show->set_frame_period_ns(kPeriodNs);
  return grpc::Status::OK;
}

grpc::Status FakeControl::Play(grpc::ServerContext* ctx, const pb::PlayRequest* req,
                               pb::PlayReply* reply) {
  if (auto st = Check(ctx, "Play"); !st.ok()) return st;
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_play_ = *req;
  }
  if (req->song_id() == "missing") {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "no song with id missing");
  }
  reply->set_play_id(req->song_id() == "broken" ? "broken" : "play-7");
  reply->set_show_id("show-1");
  reply->set_song_id(SampleSong().id());
  reply->mutable_start()->set_unix_ns(NowNs() + 20'000'000);
  reply->set_frame_count(5);
  reply->set_frame_period_ns(kPeriodNs);
  if (req->agent_ids().empty()) {
    reply->add_agent_ids("porch");
    reply->add_agent_ids("tree");
  } else {
    *reply->mutable_agent_ids() = req->agent_ids();
  }
  return grpc::Status::OK;
}

grpc::Status FakeControl::Stop(grpc::ServerContext* ctx, const pb::StopRequest* req,
                               pb::StopReply* reply) {
  if (auto st = Check(ctx, "Stop"); !st.ok()) return st;
  std::lock_guard<std::mutex> lock(mu_);
  last_stop_ = req->play_id();
  reply->set_stopped(req->play_id().empty() ? 2 : 1);
  return grpc::Status::OK;
}

grpc::Status FakeControl::WatchShow(grpc::ServerContext* ctx, const pb::WatchShowRequest* req,
                                    grpc::ServerWriter<pb::ShowStatus>* writer) {
  if (auto st = Check(ctx, "WatchShow"); !st.ok()) return st;
  pb::ShowStatus s;
  s.set_play_id(req->play_id().empty() ? "play-7" : req->play_id());
  s.set_song_id(SampleSong().id());
  s.set_song_name("jingle.wav");
  s.set_frame_count(5);
  s.set_channels(8);
  s.add_agent_ids("porch");
  s.add_agent_ids("tree");
  s.set_state(pb::ShowStatus::SCHEDULED);
  writer->Write(s);
  for (uint32_t f = 0; f < 5; ++f) {
    if (req->play_id() == "broken" && f == 2) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "show state lost");
    }
    s.set_state(pb::ShowStatus::PLAYING);
    s.set_frame(f);
    s.set_mask(0x81u << (f % 2));  // something that changes
    s.set_frames_sent(f + 1);
    writer->Write(s);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  s.set_state(pb::ShowStatus::FINISHED);
  s.set_mask(0);
  writer->Write(s);
  return grpc::Status::OK;
}

grpc::Status FakeControl::ListAgents(grpc::ServerContext* ctx, const pb::ListAgentsRequest*,
                                     pb::ListAgentsReply* reply) {
  if (auto st = Check(ctx, "ListAgents"); !st.ok()) return st;
  pb::AgentInfo* a = reply->add_agents();
  a->set_id("porch");
  a->set_channels(8);
  a->set_group(0);
  a->set_peer("ipv4:192.168.1.20:51234");
  a->set_connected(true);
  a->set_clock_offset_ns(-1'250'000);
  a->set_rtt_ns(2'400'000);
  a->set_frames_applied(8072);
  a->set_frames_late(3);
  a->set_frames_dropped(1);
  a->set_version("0.1.0");
  a->set_offset_ms(-40);
  pb::AgentInfo* b = reply->add_agents();
  b->set_id("tree");
  b->set_channels(8);
  b->set_group(1);
  b->set_connected(false);
  return grpc::Status::OK;
}

std::vector<CallRecord> FakeControl::calls() const {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_;
}

std::vector<UploadRecord> FakeControl::uploads() const {
  std::lock_guard<std::mutex> lock(mu_);
  return uploads_;
}

pb::PlayRequest FakeControl::last_play() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_play_;
}

std::string FakeControl::last_stop() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_stop_;
}

FakeServer::FakeServer(const std::string& token) : service_(token) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
  builder.RegisterService(&service_);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) throw std::runtime_error("fake server did not start");
}

FakeServer::~FakeServer() {
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
}

}  // namespace ls::cli::testing
