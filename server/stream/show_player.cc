#include "stream/show_player.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/clock.h"

namespace ls::stream {

using lightshow::v1::PlayReply;
using lightshow::v1::ServerMessage;
using lightshow::v1::ShowStatus;

namespace {
constexpr size_t kKeepPlaybacks = 8;
constexpr int64_t kMaxLeadNs = 60'000'000'000;    // 1 min
constexpr int64_t kMaxOffsetNs = 10'000'000'000;  // ±10 s
constexpr int64_t kOfferEveryNs = 100'000'000;

bool Terminal(ShowStatus::State s) { return s == ShowStatus::FINISHED || s == ShowStatus::STOPPED; }
}  // namespace

ShowPlayer::ShowPlayer(AgentRegistry* registry, PlayerOptions opts, FramesSentHook hook)
    : registry_(registry), opts_(opts), hook_(std::move(hook)) {
  thread_ = std::thread([this] { Run(); });
}

ShowPlayer::~ShowPlayer() {
  Shutdown();
  thread_.join();
}

void ShowPlayer::Shutdown() {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return;
  stopping_ = true;
  for (auto& pb : playbacks_) {
    if (!Terminal(pb->state)) StopLocked(*pb, ShowStatus::STOPPED, "shutdown");
    for (ShowWatcher* w : pb->watchers) w->FinishNow(grpc::Status::OK);
  }
  cv_.notify_all();
}

void ShowPlayer::SetStateHook(StateHook hook) {
  std::lock_guard<std::mutex> lock(mu_);
  state_hook_ = std::move(hook);
}

void ShowPlayer::SetAudio(AudioPlayer* audio) {
  std::lock_guard<std::mutex> lock(mu_);
  audio_ = audio;
}

absl::StatusOr<PlayReply> ShowPlayer::Play(PlayParams params) {
  if (params.lead_ns < 0 || params.lead_ns > kMaxLeadNs) {
    return absl::InvalidArgumentError(
        absl::StrCat("lead_ms must be 0..", kMaxLeadNs / 1'000'000, ", got ", params.lead_ns / 1'000'000));
  }
  if (params.offset_ns < -kMaxOffsetNs || params.offset_ns > kMaxOffsetNs) {
    return absl::InvalidArgumentError(absl::StrCat("offset_ms must be within ±", kMaxOffsetNs / 1'000'000,
                                                   ", got ", params.offset_ns / 1'000'000));
  }
  size_t bytes_per_frame = static_cast<size_t>((params.channels + 7) / 8);
  if (params.frame_period_ns <= 0 || params.masks.empty() || bytes_per_frame == 0 ||
      params.masks.size() % bytes_per_frame != 0) {
    return absl::FailedPreconditionError(absl::StrCat("show ", params.show_id, " has no frames to play"));
  }
  if (params.agent_ids.empty()) {
    if (registry_->ConnectedIds().empty()) {
      return absl::FailedPreconditionError(
          "no agents are connected: start lightshow-agent (see `lsctl agents`)");
    }
  } else {
    for (const auto& id : params.agent_ids) {
      if (registry_->Generation(id) == 0) {
        return absl::NotFoundError(absl::StrCat("agent '", id, "' is not connected"));
      }
    }
  }

  auto pb = std::make_unique<Playback>();
  pb->frame_count = static_cast<uint32_t>(params.masks.size() / bytes_per_frame);
  int64_t lead = params.lead_ns > 0 ? params.lead_ns : opts_.default_lead_ns;
  pb->start_ns = NowUnixNs() + lead;
  pb->p = std::move(params);

  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return absl::UnavailableError("server is shutting down");
  for (auto& old : playbacks_) {
    if (!Terminal(old->state)) StopLocked(*old, ShowStatus::STOPPED, "replaced by a new show");
  }
  pb->play_id = absl::StrCat("p", next_play_++, "-", pb->p.show_id.substr(0, 10));
  PlayReply reply;
  reply.set_play_id(pb->play_id);
  reply.set_show_id(pb->p.show_id);
  reply.set_song_id(pb->p.song_id);
  reply.mutable_start()->set_unix_ns(pb->start_ns);
  reply.set_frame_count(pb->frame_count);
  reply.set_frame_period_ns(pb->p.frame_period_ns);
  for (const auto& id : TargetsLocked(*pb)) reply.add_agent_ids(id);
  // The music starts at the show's start; lights follow at start + offset.
  if (audio_ != nullptr && pb->p.load_audio) audio_->Start(pb->play_id, pb->p.load_audio, pb->start_ns);
  playbacks_.push_back(std::move(pb));
  while (playbacks_.size() > kKeepPlaybacks && playbacks_.front()->watchers.empty() &&
         Terminal(playbacks_.front()->state)) {
    playbacks_.erase(playbacks_.begin());
  }
  cv_.notify_all();
  return reply;
}

int ShowPlayer::Stop(const std::string& play_id) {
  std::lock_guard<std::mutex> lock(mu_);
  int n = 0;
  for (auto& pb : playbacks_) {
    if (Terminal(pb->state)) continue;
    if (!play_id.empty() && pb->play_id != play_id) continue;
    StopLocked(*pb, ShowStatus::STOPPED, "stopped");
    ++n;
  }
  return n;
}

bool ShowPlayer::IsPlaying(const std::string& song_id) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& pb : playbacks_) {
    if (pb->p.song_id == song_id && !Terminal(pb->state)) return true;
  }
  return false;
}

ShowPlayer::Playback* ShowPlayer::FindLocked(const std::string& play_id) {
  if (playbacks_.empty()) return nullptr;
  if (play_id.empty()) return playbacks_.back().get();
  for (auto& pb : playbacks_) {
    if (pb->play_id == play_id) return pb.get();
  }
  return nullptr;
}

absl::StatusOr<ShowStatus> ShowPlayer::Status(const std::string& play_id) {
  std::lock_guard<std::mutex> lock(mu_);
  Playback* pb = FindLocked(play_id);
  if (pb == nullptr) {
    return absl::NotFoundError(play_id.empty() ? "nothing has been played yet"
                                               : absl::StrCat("no playback '", play_id, "'"));
  }
  return StatusLocked(*pb, NowUnixNs());
}

grpc::ServerWriteReactor<ShowStatus>* ShowPlayer::Watch(const std::string& play_id) {
  std::lock_guard<std::mutex> lock(mu_);
  Playback* pb = FindLocked(play_id);
  auto* w = new ShowWatcher([this](ShowWatcher* self) {
    std::lock_guard<std::mutex> l(mu_);
    for (auto& p : playbacks_) p->watchers.erase(self);
  });
  if (pb == nullptr) {
    w->FinishNow(grpc::Status(grpc::StatusCode::NOT_FOUND,
                              play_id.empty() ? "nothing has been played yet"
                                              : absl::StrCat("no playback '", play_id, "'")));
    return w;
  }
  pb->watchers.insert(w);
  w->Offer(StatusLocked(*pb, NowUnixNs()));
  return w;
}

std::vector<std::string> ShowPlayer::TargetsLocked(const Playback& pb) const {
  return pb.p.agent_ids.empty() ? registry_->ConnectedIds() : pb.p.agent_ids;
}

ShowStatus ShowPlayer::StatusLocked(const Playback& pb, int64_t now) const {
  ShowStatus s;
  s.set_play_id(pb.play_id);
  s.set_song_id(pb.p.song_id);
  s.set_song_name(pb.p.song_name);
  s.set_state(pb.state);
  s.set_frame_count(pb.frame_count);
  s.set_channels(static_cast<uint32_t>(pb.p.channels));
  s.mutable_start()->set_unix_ns(pb.start_ns);
  s.set_frames_sent(pb.frames_sent);
  int64_t t = now - pb.start_ns - pb.p.offset_ns;
  int64_t frame = t < 0 ? 0 : t / pb.p.frame_period_ns;
  frame = std::min<int64_t>(frame, static_cast<int64_t>(pb.frame_count) - 1);
  s.set_frame(static_cast<uint32_t>(frame));
  if (pb.state == ShowStatus::PLAYING || pb.state == ShowStatus::SCHEDULED) {
    size_t bpf = static_cast<size_t>((pb.p.channels + 7) / 8);
    uint32_t mask = 0;
    for (size_t b = 0; b < bpf && b < 4; ++b) {
      mask |= static_cast<uint32_t>(static_cast<uint8_t>(pb.p.masks[static_cast<size_t>(frame) * bpf + b]))
              << (8 * b);
    }
    if (t >= 0) s.set_mask(mask);
  }
  for (const auto& [id, c] : pb.cursors) s.add_agent_ids(id);
  return s;
}

void ShowPlayer::StopLocked(Playback& pb, ShowStatus::State state, const std::string& reason) {
  pb.state = state;
  if (audio_ != nullptr && state != ShowStatus::FINISHED) audio_->Stop(pb.play_id);
  ServerMessage stop;
  stop.mutable_stop()->set_show_id(pb.play_id);
  stop.mutable_stop()->set_reason(reason);
  for (const auto& [id, c] : pb.cursors) registry_->Send(id, stop);
  auto status = StatusLocked(pb, NowUnixNs());
  for (ShowWatcher* w : pb.watchers) w->Offer(status);
}

void ShowPlayer::SendFrames(Playback& pb, const std::string& agent, AgentCursor& c, int64_t now) {
  size_t bpf = static_cast<size_t>((pb.p.channels + 7) / 8);
  const uint32_t group = c.group;
  int64_t base = pb.start_ns + pb.p.offset_ns;
  while (c.next < pb.frame_count) {
    ServerMessage msg;
    auto* batch = msg.mutable_frames();
    batch->set_show_id(pb.play_id);
    while (c.next < pb.frame_count && batch->frames_size() < opts_.max_batch) {
      int64_t present = base + static_cast<int64_t>(c.next) * pb.p.frame_period_ns;
      if (present > now + opts_.lookahead_ns) break;
      auto* f = batch->add_frames();
      f->set_index(c.next);
      f->mutable_present()->set_unix_ns(present);
      // Agents beyond the show's width mirror nothing: they stay dark.
      f->set_mask(group < bpf ? static_cast<uint8_t>(pb.p.masks[c.next * bpf + group]) : 0);
      ++c.next;
    }
    if (batch->frames_size() == 0) return;
    batch->set_last(c.next == pb.frame_count);
    uint64_t n = static_cast<uint64_t>(batch->frames_size());
    if (!registry_->Send(agent, msg)) return;
    pb.frames_sent += n;
    if (hook_) hook_(n);
  }
}

void ShowPlayer::Tick(Playback& pb, int64_t now) {
  int64_t end = pb.start_ns + pb.p.offset_ns +
                static_cast<int64_t>(pb.frame_count + 1) * pb.p.frame_period_ns;
  // Agents with their own positive offset play later: don't cut their last frames.
  int64_t agent_lag = 0;
  for (const auto& [id, c] : pb.cursors) agent_lag = std::max(agent_lag, registry_->AgentOffsetNs(id));
  if (now >= end + agent_lag) {
    StopLocked(pb, ShowStatus::FINISHED, "finished");
    return;
  }
  if (now >= pb.start_ns) pb.state = ShowStatus::PLAYING;
  for (const auto& id : TargetsLocked(pb)) {
    uint64_t gen = registry_->Generation(id);
    if (gen == 0) continue;
    AgentCursor& c = pb.cursors[id];
    if (c.generation != gen) {  // first contact or a reconnect: (re)start at the frame due now
      c.generation = gen;
      c.group = registry_->Group(id).value_or(0);  // a reassignment applies from here on
      int64_t since = now - pb.start_ns - pb.p.offset_ns;
      c.next = since <= 0 ? 0 : static_cast<uint32_t>(std::min<int64_t>(
                                    since / pb.p.frame_period_ns + 1, pb.frame_count));
      ServerMessage start;
      auto* s = start.mutable_start();
      s->set_show_id(pb.play_id);
      s->set_song_id(pb.p.song_id);
      s->mutable_start()->set_unix_ns(pb.start_ns + pb.p.offset_ns);
      s->set_frame_period_ns(pb.p.frame_period_ns);
      s->set_frame_count(pb.frame_count);
      s->set_group(c.group);
      if (!registry_->Send(id, start)) continue;
    }
    SendFrames(pb, id, c, now);
  }
}

void ShowPlayer::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    int64_t now = NowUnixNs();
    bool offer = now - last_offer_ns_ >= kOfferEveryNs;
    if (offer) last_offer_ns_ = now;
    for (auto& pb : playbacks_) {
      if (Terminal(pb->state)) continue;
      Tick(*pb, now);
      if (offer && !Terminal(pb->state)) {
        auto status = StatusLocked(*pb, now);
        for (ShowWatcher* w : pb->watchers) w->Offer(status);
      }
    }
    if (offer && state_hook_ && !playbacks_.empty()) state_hook_(StatusLocked(*playbacks_.back(), now));
    cv_.wait_for(lock, std::chrono::nanoseconds(opts_.tick_ns));
  }
}

}  // namespace ls::stream
