#include "fake_agent_link_server.h"

#include <gtest/gtest.h>

#include <chrono>

#include "base/clock.h"

namespace ls::agent::testing {

using lightshow::v1::AgentMessage;
using lightshow::v1::ServerMessage;

class FakeAgentLinkServer::Service final : public lightshow::v1::AgentLink::Service {
 public:
  explicit Service(FakeAgentLinkServer* owner) : owner_(owner) {}
  grpc::Status Connect(grpc::ServerContext* ctx, Stream* stream) override {
    return owner_->Handle(ctx, stream);
  }

 private:
  FakeAgentLinkServer* owner_;
};

FakeAgentLinkServer::FakeAgentLinkServer(std::string token, int port)
    : token_(std::move(token)), service_(std::make_unique<Service>(this)) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:" + std::to_string(port),
                           grpc::InsecureServerCredentials(), &port_);
  builder.RegisterService(service_.get());
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    ADD_FAILURE() << "fake server could not listen on port " << port;
  }
}

FakeAgentLinkServer::~FakeAgentLinkServer() { Shutdown(); }

void FakeAgentLinkServer::Shutdown() {
  if (!server_) return;
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(50));
  server_->Wait();
  server_.reset();
}

bool FakeAgentLinkServer::Send(const ServerMessage& msg) {
  std::lock_guard<std::mutex> lk(mu_);
  return stream_ != nullptr && stream_->Write(msg);
}

bool FakeAgentLinkServer::connected() const {
  std::lock_guard<std::mutex> lk(mu_);
  return stream_ != nullptr;
}

lightshow::v1::Hello FakeAgentLinkServer::last_hello() const {
  std::lock_guard<std::mutex> lk(mu_);
  return last_hello_;
}

lightshow::v1::AgentStats FakeAgentLinkServer::last_stats() const {
  std::lock_guard<std::mutex> lk(mu_);
  return last_stats_;
}

grpc::Status FakeAgentLinkServer::Handle(grpc::ServerContext* ctx, Stream* stream) {
  ++attempts_;
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end() || std::string(it->second.data(), it->second.size()) != "Bearer " + token_) {
    ++rejected_;
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "bad or missing bearer token");
  }
  AgentMessage in;
  if (!stream->Read(&in) || !in.has_hello()) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "first message must be hello");
  }
  {
    std::lock_guard<std::mutex> lk(mu_);
    last_hello_ = in.hello();
    ServerMessage welcome;
    welcome.mutable_welcome()->set_group(0);
    welcome.mutable_welcome()->set_server_version("fake");
    welcome.mutable_welcome()->set_heartbeat_interval_ms(1000);
    stream->Write(welcome);
    stream_ = stream;
  }
  ++hellos_;
  while (stream->Read(&in)) {
    const int64_t t2 = NowRealtimeNs();
    if (in.has_ping() && answer_pings_) {
      ServerMessage pong;
      pong.mutable_pong()->set_seq(in.ping().seq());
      pong.mutable_pong()->set_t1_ns(in.ping().t1_ns());
      pong.mutable_pong()->set_t2_ns(t2);
      std::lock_guard<std::mutex> lk(mu_);
      pong.mutable_pong()->set_t3_ns(NowRealtimeNs());
      stream->Write(pong);
      ++pongs_;
    } else if (in.has_stats()) {
      std::lock_guard<std::mutex> lk(mu_);
      last_stats_ = in.stats();
      ++stats_count_;
    } else if (in.has_heartbeat()) {
      ++heartbeats_;
    }
  }
  std::lock_guard<std::mutex> lk(mu_);
  if (stream_ == stream) stream_ = nullptr;
  return grpc::Status::OK;
}

ServerMessage MakeStart(const std::string& show_id, int64_t start_ns, int64_t period_ns,
                        uint32_t count) {
  ServerMessage m;
  auto* s = m.mutable_start();
  s->set_show_id(show_id);
  s->set_song_id("song-" + show_id);
  s->mutable_start()->set_unix_ns(start_ns);
  s->set_frame_period_ns(period_ns);
  s->set_frame_count(count);
  return m;
}

uint32_t TestMask(uint32_t i) { return (i * 37u + 0xa5u) & 0xffu; }

ServerMessage MakeFrames(const std::string& show_id, uint32_t first, uint32_t count,
                         int64_t start_ns, int64_t period_ns, bool last) {
  ServerMessage m;
  auto* b = m.mutable_frames();
  b->set_show_id(show_id);
  for (uint32_t i = first; i < first + count; ++i) {
    auto* f = b->add_frames();
    f->set_index(i);
    f->mutable_present()->set_unix_ns(start_ns + static_cast<int64_t>(i) * period_ns);
    f->set_mask(TestMask(i));
  }
  b->set_last(last);
  return m;
}

ServerMessage MakeStop(const std::string& show_id, const std::string& reason) {
  ServerMessage m;
  m.mutable_stop()->set_show_id(show_id);
  m.mutable_stop()->set_reason(reason);
  return m;
}

}  // namespace ls::agent::testing
