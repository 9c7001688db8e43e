// The dashboard is proven to have data: a real lightshow-server and sim agent,
// Debian's real Prometheus scraping the server with the shipped prometheus.yml
// and alerts.yml (target and intervals rewritten for the test), a short song
// played and a tiny autoencoder trained on it and activated — then every panel
// expression in deploy/grafana/dashboards/lightshow.json is sent to
// Prometheus's /api/v1/query and must return at least one series.
#include <signal.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <memory>
#include <sstream>
#include <thread>

#include "cluster.h"
#include "gtest/gtest.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const std::string kSource = LS_SOURCE_DIR;

// Full path of a program on $PATH (the harness execs without a PATH search), or "".
std::string Which(const std::string& name) {
  std::string path = getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin";
  std::istringstream dirs(path);
  for (std::string d; std::getline(dirs, d, ':');) {
    std::string f = d + "/" + name;
    if (access(f.c_str(), X_OK) == 0) return f;
  }
  return "";
}

// The port `pid` listens on at 127.0.0.1, read back from the kernel (0 until
// it listens): its socket inodes under /proc/PID/fd matched against the LISTEN
// rows of /proc/net/tcp. A server bound to port 0 has no port to race for.
int ListeningPort(pid_t pid) {
  std::set<std::string> inodes;
  const std::string fds = "/proc/" + std::to_string(pid) + "/fd";
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(fds, ec)) {
    const std::string target = std::filesystem::read_symlink(e.path(), ec).string();
    if (!ec && target.rfind("socket:[", 0) == 0) inodes.insert(target.substr(8, target.size() - 9));
  }
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  std::getline(tcp, line);  // header
  while (std::getline(tcp, line)) {
    std::istringstream row(line);
    std::string sl, local, remote, state, queues, timer, retr, uid, timeout, inode;
    row >> sl >> local >> remote >> state >> queues >> timer >> retr >> uid >> timeout >> inode;
    if (state == "0A" && local.rfind("0100007F:", 0) == 0 && inodes.count(inode) > 0) {
      return std::stoi(local.substr(9), nullptr, 16);
    }
  }
  return 0;
}

// Replaces every `from` in `text`; returns how many there were.
int ReplaceAll(std::string* text, const std::string& from, const std::string& to) {
  int n = 0;
  for (size_t at = text->find(from); at != std::string::npos; at = text->find(from, at + to.size())) {
    text->replace(at, from.size(), to);
    ++n;
  }
  return n;
}

// Debian's prometheus on 127.0.0.1:<free port>, storage in `dir`; killed at the end.
class Prometheus {
 public:
  Prometheus(const std::string& config, const std::string& dir) {
    const std::string log = dir + "/prometheus.err";
    auto p = std::make_unique<Process>(
        std::vector<std::string>{Which("prometheus"), "--config.file=" + config,
                                 "--storage.tsdb.path=" + dir + "/tsdb", "--web.listen-address=127.0.0.1:0",
                                 "--log.level=warn"},
        dir + "/prometheus.out", log);
    int port = 0;
    WaitFor([&] { return !p->Running() || (port = ListeningPort(p->pid())) != 0; }, 20s);
    base_ = "http://127.0.0.1:" + std::to_string(port);
    if (port != 0 && WaitFor([&] { return !p->Running() || Get("/-/ready").find("Ready") != std::string::npos; }, 20s) &&
        p->Running()) {
      proc_ = std::move(p);
    } else {
      last_error_ = ReadAll(log);
    }
  }
  ~Prometheus() {
    if (!proc_) return;
    proc_->Signal(SIGTERM);
    if (proc_->Wait(5s) < 0) proc_->Signal(SIGKILL);
  }
  bool ok() const { return proc_ != nullptr; }
  const std::string& error() const { return last_error_; }

  std::string Get(const std::string& path) {
    RunResult r = Run({Which("curl"), "-sS", "--max-time", "5", base_ + path}, 10s);
    return r.exit_code == 0 ? r.out : "";
  }
  /// The result array of an instant query (null on any error, with *err set).
  json Query(const std::string& expr, std::string* err = nullptr) {
    RunResult r = Run({Which("curl"), "-sS", "--max-time", "10", "-G", "--data-urlencode", "query=" + expr,
                       base_ + "/api/v1/query"},
                      15s);
    json j = json::parse(r.out, nullptr, false);
    if (r.exit_code != 0 || j.is_discarded() || j.value("status", "") != "success") {
      if (err) *err = "curl exit " + std::to_string(r.exit_code) + ": " + r.out + r.err;
      return nullptr;
    }
    return j["data"]["result"];
  }
  /// The value of the first series of `expr`, or NaN.
  double Value(const std::string& expr) {
    json res = Query(expr);
    if (!res.is_array() || res.empty()) return std::nan("");
    return std::stod(res[0]["value"][1].get<std::string>());
  }

 private:
  std::string base_;
  std::string last_error_;
  std::unique_ptr<Process> proc_;
};

struct PanelQuery {
  std::string panel;
  std::string expr;
};

std::vector<PanelQuery> DashboardQueries() {
  json dash = json::parse(ReadAll(kSource + "/deploy/grafana/dashboards/lightshow.json"));
  std::vector<PanelQuery> out;
  for (const auto& p : dash["panels"]) {
    if (p.value("type", "") == "row") continue;
    for (const auto& t : p["targets"]) {
      std::string expr = t.value("expr", "");
      // Grafana fills these in; 1 min spans dozens of 1 s scrapes here.
      ReplaceAll(&expr, "$__rate_interval", "1m");
      ReplaceAll(&expr, "$__interval", "1m");
      out.push_back({p.value("title", "?"), expr});
    }
  }
  return out;
}

TEST(MetricsPrometheus, EveryDashboardPanelHasDataAfterAShow) {
  ASSERT_NE(Which("prometheus"), "") << "Debian's prometheus is missing: run scripts/deps --test";
  ASSERT_NE(Which("curl"), "") << "curl is missing: run scripts/deps --test";
  auto queries = DashboardQueries();
  ASSERT_GE(queries.size(), 40u) << "dashboard lost its panels?";

  Cluster c;
  c.StartAgent("porch", c.dir().File("lights.csv"));

  // The shipped Prometheus config, pointed at this server and sped up.
  std::string cfg = ReadAll(kSource + "/deploy/prometheus/prometheus.yml");
  ASSERT_EQ(ReplaceAll(&cfg, "\"server:9464\"", "\"" + c.metrics_address() + "\""), 1) << cfg;
  ASSERT_EQ(ReplaceAll(&cfg, "scrape_interval: 5s", "scrape_interval: 1s"), 1) << cfg;
  ASSERT_EQ(ReplaceAll(&cfg, "evaluation_interval: 5s", "evaluation_interval: 1s"), 1) << cfg;
  WriteAll(c.dir().File("prometheus.yml"), cfg);
  WriteAll(c.dir().File("alerts.yml"), ReadAll(kSource + "/deploy/prometheus/alerts.yml"));

  Prometheus prom(c.dir().File("prometheus.yml"), c.dir().path());
  ASSERT_TRUE(prom.ok()) << "prometheus did not start: " << prom.error();
  ASSERT_TRUE(WaitFor([&] { return prom.Value("up{job=\"lightshow-server\"}") == 1; }, 15s))
      << "Prometheus never scraped " << c.metrics_address() << ": " << prom.Get("/api/v1/targets");

  // Ingest and play a short song while Prometheus watches.
  std::string wav = c.dir().File("tune.wav");
  WriteTune(wav, 3.0);
  auto sub = c.LsctlJson({"submit", wav});
  ASSERT_EQ(sub["songs"].size(), 1u) << sub.dump();
  const int frames = sub["songs"][0]["frame_count"].get<int>();
  auto play = c.Lsctl({"play", sub["songs"][0]["id"].get<std::string>(), "--wait"}, 60);
  ASSERT_EQ(play.exit_code, 0) << play.out << play.err;

  // The agent's last stats report (every second) has been scraped once its
  // applied-frames counter covers the whole show.
  ASSERT_TRUE(WaitFor(
      [&] {
        return prom.Value("lightshow_agent_frames_applied_total{agent=\"porch\"}") >= frames &&
               prom.Value("lightshow_show_state{state=\"finished\"}") == 1;
      },
      20s))
      << "applied: " << prom.Query("lightshow_agent_frames_applied_total").dump()
      << " state: " << prom.Query("lightshow_show_state == 1").dump();
  EXPECT_GE(prom.Value("lightshow_frames_sent_total"), frames);
  EXPECT_EQ(prom.Value("lightshow_agent_connected{agent=\"porch\"}"), 1);
  EXPECT_EQ(prom.Value("lightshow_songs_ingested_total"), 1);

  // A tiny training job on that song (one song: the job holds out its last
  // fifth in time), its model activated: the training, job and model panels.
  auto train = c.Lsctl({"--json", "train", "autoencoder", "--epochs", "3", "--follow"}, 60);
  ASSERT_EQ(train.exit_code, 0) << train.out << train.err << c.server_log();
  json job = json::parse(train.out)["job"];
  ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
  const std::string model = job.value("model_id", "");
  auto act = c.Lsctl({"activate", model});
  ASSERT_EQ(act.exit_code, 0) << act.out << act.err;
  ASSERT_TRUE(WaitFor(
      [&] {
        return prom.Value("lightshow_active_model_info{model=\"" + model + "\",arch=\"residual\"}") == 1 &&
               prom.Value("lightshow_job_duration_seconds_count{kind=\"train_autoencoder\",outcome=\"succeeded\"}") ==
                   1;
      },
      15s))
      << "active: " << prom.Query("lightshow_active_model_info").dump()
      << " durations: " << prom.Query("lightshow_job_duration_seconds_count").dump();
  // The exported figures are the job's own, and the job no longer runs.
  EXPECT_EQ(prom.Value("lightshow_training_epoch{kind=\"train_autoencoder\"}"), 3);
  EXPECT_EQ(prom.Value("lightshow_training_epochs{kind=\"train_autoencoder\"}"), 3);
  EXPECT_EQ(prom.Value("lightshow_training_running{kind=\"train_autoencoder\"}"), 0);
  const double train_loss = job.value("train_loss", -1.0), val_loss = job.value("val_loss", -1.0);
  ASSERT_GT(train_loss, 0) << job.dump();
  ASSERT_GT(val_loss, 0) << job.dump();
  EXPECT_NEAR(prom.Value("lightshow_training_loss{kind=\"train_autoencoder\",set=\"train\"}"), train_loss,
              1e-9 * train_loss);
  EXPECT_NEAR(prom.Value("lightshow_training_loss{kind=\"train_autoencoder\",set=\"validation\"}"), val_loss,
              1e-9 * val_loss);
  EXPECT_EQ(prom.Value("lightshow_jobs{kind=\"train_autoencoder\",state=\"succeeded\"}"), 1);
  EXPECT_EQ(prom.Value("lightshow_jobs{kind=\"train_autoencoder\",state=\"failed\"}"), 0);
  EXPECT_EQ(prom.Value("lightshow_models{status=\"ok\"}"), 1);  // the end detector comes later
  EXPECT_GT(prom.Value("lightshow_job_duration_seconds_sum{outcome=\"succeeded\"}"), 0);
  // An end detector trained on that song (scored on itself) and asked about
  // it: the classification panels.
  // The user marks the last second as the end (a tune has no quiet tail).
  const std::string song_id = sub["songs"][0]["id"].get<std::string>();
  WriteAll(c.dir().File("ends.csv"), "song,end_s\n" + song_id + ",2.0\n");
  auto end = c.Lsctl({"--json", "train", "end-detector", "--labels", c.dir().File("ends.csv"), "--follow"}, 60);
  ASSERT_EQ(end.exit_code, 0) << end.out << end.err << c.server_log();
  auto cls = c.LsctlJson({"classify", song_id, "--model", "end"});
  ASSERT_TRUE(cls.contains("classify")) << cls.dump();
  ASSERT_TRUE(WaitFor(
      [&] {
        return prom.Value("lightshow_classify_requests_total{model_kind=\"end_detector\",code=\"OK\"}") == 1 &&
               prom.Value("lightshow_classify_duration_seconds_count{model_kind=\"end_detector\"}") == 1;
      },
      15s))
      << prom.Query("lightshow_classify_requests_total").dump();
  std::this_thread::sleep_for(2s);  // a couple more scrapes after the end, so rates span it

  std::ostringstream missing;
  int with_data = 0;
  for (const auto& q : queries) {
    std::string err;
    json res = prom.Query(q.expr, &err);
    if (res.is_null()) {
      missing << "\n  [" << q.panel << "] " << q.expr << ": query failed: " << err;
    } else if (res.empty()) {
      missing << "\n  [" << q.panel << "] " << q.expr << ": no series";
    } else {
      ++with_data;
    }
  }
  EXPECT_EQ(missing.str(), "") << "panel queries without data:" << missing.str();
  EXPECT_EQ(with_data, static_cast<int>(queries.size()));

  // The shipped alert rules loaded and evaluate without errors.
  json rules = json::parse(prom.Get("/api/v1/rules"), nullptr, false);
  ASSERT_FALSE(rules.is_discarded());
  int n = 0;
  for (const auto& g : rules["data"]["groups"]) {
    for (const auto& r : g["rules"]) {
      ++n;
      EXPECT_EQ(r.value("health", ""), "ok") << r.dump();
    }
  }
  EXPECT_GE(n, 6);
  // Nothing is wrong in this run, so nothing may fire.
  EXPECT_TRUE(prom.Query("ALERTS{alertstate=\"firing\"}").empty()) << prom.Query("ALERTS").dump();
}

}  // namespace
}  // namespace ls::it
