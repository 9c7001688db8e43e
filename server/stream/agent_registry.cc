#include "stream/agent_registry.h"

#include "common/clock.h"
#include "stream/agent_session.h"

namespace ls::stream {

void AgentRegistry::SetListener(Listener l) {
  std::lock_guard<std::mutex> lock(mu_);
  listener_ = std::move(l);
}

void AgentRegistry::SetStatsListener(StatsListener l) {
  std::lock_guard<std::mutex> lock(mu_);
  stats_listener_ = std::move(l);
}

uint32_t AgentRegistry::Attach(AgentSession* session, const lightshow::v1::Hello& hello,
                               const std::string& peer) {
  Listener listener;
  uint32_t group = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Entry& e = agents_[hello.agent_id()];
    if (e.session != nullptr && e.session != session) e.session->Close("replaced by a newer connection");
    e.session = session;
    e.generation = next_generation_++;
    auto& info = e.info;
    info.set_id(hello.agent_id());
    info.set_channels(hello.channels());
    info.set_peer(peer);
    info.set_connected(true);
    info.set_connected_unix_ms(NowUnixMs());
    info.set_version(hello.version());
    info.set_offset_ms(hello.offset_ms());
    auto assigned = groups_.find(hello.agent_id());
    info.set_group(assigned == groups_.end() ? 0 : assigned->second);
    group = info.group();
    listener = listener_;
  }
  if (listener) listener(hello.agent_id(), true);
  return group;
}

void AgentRegistry::Detach(const std::string& id, AgentSession* session) {
  Listener listener;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = agents_.find(id);
    if (it == agents_.end() || it->second.session != session) return;
    it->second.session = nullptr;
    it->second.generation = 0;
    it->second.info.set_connected(false);
    listener = listener_;
  }
  if (listener) listener(id, false);
}

bool AgentRegistry::Send(const std::string& id, const lightshow::v1::ServerMessage& msg) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = agents_.find(id);
  if (it == agents_.end() || it->second.session == nullptr) return false;
  return it->second.session->Send(msg);
}

uint64_t AgentRegistry::Generation(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = agents_.find(id);
  return it == agents_.end() ? 0 : it->second.generation;
}

std::optional<uint32_t> AgentRegistry::Group(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto g = groups_.find(id); g != groups_.end()) return g->second;
  auto it = agents_.find(id);
  if (it == agents_.end()) return std::nullopt;
  return it->second.info.group();
}

int64_t AgentRegistry::AgentOffsetNs(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = agents_.find(id);
  return it == agents_.end() ? 0 : it->second.info.offset_ms() * 1'000'000;
}

lightshow::v1::AgentInfo AgentRegistry::Assign(const std::string& id, uint32_t group) {
  std::lock_guard<std::mutex> lock(mu_);
  groups_[id] = group;
  auto it = agents_.find(id);
  if (it == agents_.end()) {
    lightshow::v1::AgentInfo info;
    info.set_id(id);
    info.set_group(group);
    return info;
  }
  it->second.info.set_group(group);
  return it->second.info;
}

void AgentRegistry::UpdateStats(const std::string& id, const lightshow::v1::AgentStats& s) {
  StatsListener listener;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = agents_.find(id);
    if (it == agents_.end()) return;
    auto& info = it->second.info;
    info.set_frames_applied(s.frames_applied());
    info.set_frames_late(s.frames_late());
    info.set_frames_dropped(s.frames_dropped());
    info.set_clock_offset_ns(s.clock_offset_ns());
    info.set_rtt_ns(s.rtt_ns());
    listener = stats_listener_;
  }
  if (listener) listener(id, s);
}

std::vector<std::string> AgentRegistry::ConnectedIds() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  for (const auto& [id, e] : agents_) {
    if (e.session != nullptr) out.push_back(id);
  }
  return out;
}

std::vector<lightshow::v1::AgentInfo> AgentRegistry::List() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<lightshow::v1::AgentInfo> out;
  for (const auto& [id, e] : agents_) out.push_back(e.info);
  return out;
}

size_t AgentRegistry::ConnectedCount() const { return ConnectedIds().size(); }

void AgentRegistry::CloseAll() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [id, e] : agents_) {
    if (e.session != nullptr) e.session->Close("server shutting down");
  }
}

size_t AgentRegistry::CloseByToken(const std::string& token_name) {
  std::lock_guard<std::mutex> lock(mu_);
  size_t closed = 0;
  for (auto& [id, e] : agents_) {
    if (e.session != nullptr && e.session->token_name() == token_name) {
      e.session->Close("token '" + token_name + "' was revoked", grpc::StatusCode::UNAUTHENTICATED);
      ++closed;
    }
  }
  return closed;
}

}  // namespace ls::stream
