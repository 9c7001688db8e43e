#include "stream_rig.h"

#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "cluster.h"
#include "gtest/gtest.h"

namespace ls::it {

using namespace std::chrono_literals;

long long I64(const nlohmann::json& v) {
  if (v.is_string()) return std::stoll(v.get<std::string>());
  return v.is_number() ? v.get<long long>() : 0;
}

std::vector<SimRow> ReadSim(const std::string& path) {
  std::vector<SimRow> out;
  const std::string text = ReadAll(path);
  size_t pos = text.find('\n');  // skip the header
  while (pos != std::string::npos && pos + 1 < text.size()) {
    size_t end = text.find('\n', pos + 1);
    if (end == std::string::npos) break;  // still being written
    SimRow r;
    char mask[8] = {0};
    if (std::sscanf(text.c_str() + pos + 1, "%ld,%lld,%lld,%7[0-9a-fA-F]", &r.frame, &r.scheduled_ns,
                    &r.applied_ns, mask) == 4) {
      r.mask = static_cast<int>(std::strtol(mask, nullptr, 16));
      out.push_back(r);
    }
    pos = end;
  }
  return out;
}

bool ShowEnded(const std::vector<SimRow>& rows, int frames) {
  if (rows.empty() || rows.back().frame != -1) return false;
  return std::any_of(rows.begin(), rows.end(), [&](const SimRow& r) { return r.frame >= frames - 4; });
}

void ExpectEveryFrameAccounted(StreamRig& rig, const std::string& agent, const std::vector<SimRow>& applied,
                               int frames, const std::vector<std::string>& lsctl_flags) {
  for (size_t i = 0; i < applied.size(); ++i) {
    EXPECT_TRUE(applied[i].frame >= 0 && applied[i].frame < frames) << agent << " frame " << applied[i].frame;
    if (i > 0) {
      EXPECT_GT(applied[i].frame, applied[i - 1].frame) << agent << ": order at row " << i;
    }
  }
  const long long missing = frames - static_cast<long long>(applied.size());
  EXPECT_LE(missing, std::max(3, frames / 10)) << agent << " skipped too many frames";
  if (missing <= 0) return;
  long long dropped = 0;
  EXPECT_TRUE(WaitFor(
      [&] {
        dropped = I64(rig.Agents(lsctl_flags)[agent]["frames_dropped"]);
        return dropped >= missing;
      },
      5s))
      << agent << ": " << missing << " frames missing but only " << dropped << " counted as dropped";
}

StreamRig::StreamRig(std::vector<std::string> server_flags) : flags_(std::move(server_flags)) {
  StartServer("127.0.0.1:0");
}

StreamRig::~StreamRig() {
  for (auto& [id, a] : agents_) {
    a->Signal(SIGCONT);
    a->Signal(SIGTERM);
    a->Wait(5s);
  }
  if (server_ && server_->Running()) {
    server_->Signal(SIGTERM);
    server_->Wait(10s);
  }
}

std::string StreamRig::server_log() const {
  std::string all;
  for (int i = 1; i <= starts_; ++i) all += ReadAll(dir_.File("server-" + std::to_string(i) + ".err"));
  return all;
}

void StreamRig::StartServer(const std::string& listen) {
  ++starts_;
  const std::string out = dir_.File("server-" + std::to_string(starts_) + ".out");
  std::vector<std::string> argv = {Bin("lightshow-server"), "--listen", listen, "--metrics-listen",
                                   "127.0.0.1:0", "--data-dir", data_dir()};
  argv.insert(argv.end(), flags_.begin(), flags_.end());
  server_ = std::make_unique<Process>(argv, out, dir_.File("server-" + std::to_string(starts_) + ".err"));
  std::string addr;
  bool up = WaitFor(
      [&] {
        for (const auto& line : ReadLines(out)) {
          if (line.rfind("listening on ", 0) == 0) addr = line.substr(13);
        }
        return !addr.empty() || !server_->Running();
      },
      20s);
  if (!up || addr.empty()) throw std::runtime_error("server did not start: " + server_log());
  address_ = addr;
}

void StreamRig::RestartServer() { StartServer(address_); }

void StreamRig::KillServer(int sig) {
  server_->Signal(sig);
  server_->Wait(15s);
}

Process& StreamRig::StartAgent(const std::string& id, const std::vector<std::string>& flags, bool wait) {
  std::vector<std::string> argv = {Bin("lightshow-agent"), "--server", address_, "--token-file",
                                   token_file(), "--id", id, "--gpio", "sim:" + SimPath(id)};
  argv.insert(argv.end(), flags.begin(), flags.end());
  auto& p = agents_[id];
  p = std::make_unique<Process>(argv, dir_.File(id + ".out"), dir_.File(id + ".err"));
  if (wait && !WaitConnected(id, true, 20s)) {
    throw std::runtime_error("agent " + id + " did not connect: " + AgentLog(id));
  }
  return *p;
}

std::map<std::string, nlohmann::json> StreamRig::Agents(const std::vector<std::string>& lsctl_flags) {
  std::map<std::string, nlohmann::json> out;
  std::vector<std::string> args = {"--json", "agents"};
  args.insert(args.end(), lsctl_flags.begin(), lsctl_flags.end());
  auto r = Lsctl(args, 10);
  if (r.exit_code != 0) return out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (j.is_discarded()) return out;
  for (const auto& a : j["agents"]) out[a.value("id", "")] = a;
  return out;
}

bool StreamRig::WaitConnected(const std::string& id, bool connected, std::chrono::milliseconds timeout) {
  return WaitFor(
      [&] {
        auto agents = Agents();
        auto it = agents.find(id);
        bool is = it != agents.end() && it->second.value("connected", false);
        return is == connected && (connected || it != agents.end());
      },
      timeout);
}

RunResult StreamRig::Lsctl(const std::vector<std::string>& args, int timeout_s) {
  return RunLsctl(address_, token_file(), args, timeout_s);
}

nlohmann::json StreamRig::LsctlJson(const std::vector<std::string>& args, int* exit_code) {
  return RunLsctlJson(address_, token_file(), args, exit_code);
}

nlohmann::json StreamRig::SubmitTune(double seconds, uint32_t seed) {
  const std::string wav = dir_.File("tune-" + std::to_string(seed) + ".wav");
  WriteTune(wav, seconds, seed);
  auto sub = LsctlJson({"submit", wav});
  if (!sub.contains("songs") || sub["songs"].size() != 1) throw std::runtime_error("submit failed: " + sub.dump());
  return sub["songs"][0];
}

std::string StreamRig::ShowMasks(const std::string& show_id) const {
  return ReadAll(data_dir() + "/blobs/shows/" + show_id);
}

}  // namespace ls::it
