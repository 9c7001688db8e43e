#include "cluster.h"

#include <signal.h>

#include <stdexcept>

#include "audio/encode.h"
#include "audio/synth.h"
#include "gtest/gtest.h"

namespace ls::it {

using namespace std::chrono_literals;

Cluster::Cluster(const std::vector<std::string>& server_flags) {
  std::vector<std::string> argv = {Bin("lightshow-server"), "--listen", "127.0.0.1:0",
                                   "--metrics-listen", "127.0.0.1:0", "--data-dir", data_dir()};
  argv.insert(argv.end(), server_flags.begin(), server_flags.end());
  server_ = std::make_unique<Process>(argv, dir_.File("server.out"), dir_.File("server.err"));
  bool up = WaitFor(
      [&] {
        for (const auto& line : ReadLines(dir_.File("server.out"))) {
          if (line.rfind("listening on ", 0) == 0) address_ = line.substr(13);
          if (line.rfind("metrics on ", 0) == 0) metrics_address_ = line.substr(11);
        }
        return !address_.empty() && !metrics_address_.empty();
      },
      20s);
  if (!up) throw std::runtime_error("server did not start: " + server_log());
}

Cluster::~Cluster() {
  for (auto& a : agents_) {
    a->Signal(SIGTERM);
    a->Wait(5s);
  }
  server_->Signal(SIGTERM);
  server_->Wait(10s);
}

void Cluster::StartAgent(const std::string& id, const std::string& sim_path) {
  std::vector<std::string> argv = {Bin("lightshow-agent"), "--server", address_, "--token-file",
                                   token_file(), "--id", id, "--gpio", "sim:" + sim_path};
  agents_.push_back(std::make_unique<Process>(argv, dir_.File("agent-" + id + ".out"),
                                              dir_.File("agent-" + id + ".err")));
  bool listed = WaitFor(
      [&] {
        auto r = Lsctl({"--json", "agents"}, 10);
        return r.exit_code == 0 && AgentConnected(r.out, id);
      },
      20s);
  if (!listed) {
    throw std::runtime_error("agent " + id + " did not connect: " +
                             ReadAll(dir_.File("agent-" + id + ".err")));
  }
}

RunResult RunLsctl(const std::string& server, const std::string& token_file,
                   const std::vector<std::string>& args, int timeout_s) {
  std::vector<std::string> argv = {Bin("lsctl"), "--server", server, "--token-file", token_file};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv, std::chrono::seconds(timeout_s));
}

nlohmann::json RunLsctlJson(const std::string& server, const std::string& token_file,
                            const std::vector<std::string>& args, int* exit_code) {
  std::vector<std::string> full = {"--json"};
  full.insert(full.end(), args.begin(), args.end());
  RunResult r = RunLsctl(server, token_file, full);
  if (exit_code) *exit_code = r.exit_code;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "lsctl printed no JSON; stdout: " << r.out << " stderr: " << r.err;
  return j.is_discarded() ? nlohmann::json() : j;
}

RunResult Cluster::Lsctl(const std::vector<std::string>& args, int timeout_s) {
  return RunLsctl(address_, token_file(), args, timeout_s);
}

nlohmann::json Cluster::LsctlJson(const std::vector<std::string>& args, int* exit_code) {
  return RunLsctlJson(address_, token_file(), args, exit_code);
}

std::string WriteTune(const std::string& path, double seconds, uint32_t seed) {
  audio::Signal tune = audio::MakeTune(seconds, seed);
  auto bytes = audio::EncodeAudio(tune.samples, tune.channels, tune.sample_rate, audio::Format::kWavPcm16);
  if (!bytes.ok()) throw std::runtime_error(std::string(bytes.status().message()));
  WriteAll(path, *bytes);
  return *bytes;
}

}  // namespace ls::it
