#include "metrics/process_collector.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace ls::metrics {
namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

prometheus::MetricFamily One(const std::string& name, const std::string& help,
                             prometheus::MetricType type, double value) {
  prometheus::MetricFamily f;
  f.name = name;
  f.help = help;
  f.type = type;
  prometheus::ClientMetric m;
  if (type == prometheus::MetricType::Counter) {
    m.counter.value = value;
  } else {
    m.gauge.value = value;
  }
  f.metric.push_back(m);
  return f;
}

// Entries of DIR except "." and "..", or -1 when it cannot be opened.
long CountEntries(const std::string& dir) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return -1;
  long n = 0;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") ++n;
  }
  closedir(d);
  return n;
}

}  // namespace

absl::StatusOr<ProcStat> ParseProcStat(const std::string& line) {
  // "pid (comm) state ppid ..."; comm may contain anything, so split after the last ')'.
  auto close = line.rfind(')');
  if (close == std::string::npos) return absl::InvalidArgumentError("proc stat: no ')' after the command name");
  std::istringstream in(line.substr(close + 1));
  std::vector<std::string> f;  // f[0] is field 3 (state)
  for (std::string t; in >> t;) f.push_back(t);
  if (f.size() < 22) {
    return absl::InvalidArgumentError(absl::StrCat("proc stat: ", f.size() + 2, " fields, need at least 24"));
  }
  ProcStat s;
  try {
    s.utime_ticks = std::stoull(f[11]);   // field 14
    s.stime_ticks = std::stoull(f[12]);   // field 15
    s.threads = std::stoull(f[17]);       // field 20
    s.start_ticks = std::stoull(f[19]);   // field 22
    s.vsize_bytes = std::stoull(f[20]);   // field 23
    s.rss_pages = std::stoull(f[21]);     // field 24
  } catch (const std::exception&) {
    return absl::InvalidArgumentError("proc stat: a numeric field is not a number");
  }
  return s;
}

absl::StatusOr<uint64_t> ParseBootTime(const std::string& proc_stat) {
  std::istringstream in(proc_stat);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("btime ", 0) == 0) {
      try {
        return std::stoull(line.substr(6));
      } catch (const std::exception&) {
        break;
      }
    }
  }
  return absl::InvalidArgumentError("/proc/stat: no valid 'btime' line");
}

ProcessCollector::ProcessCollector(std::string proc_root) : root_(std::move(proc_root)) {}

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  using prometheus::MetricType;
  std::vector<prometheus::MetricFamily> out;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));

  std::string text;
  absl::StatusOr<ProcStat> st = absl::NotFoundError("unread");
  if (ReadFile(root_ + "/self/stat", &text)) st = ParseProcStat(text);
  if (st.ok()) {
    out.push_back(One("lightshow_process_cpu_seconds_total", "User and system CPU time of the server process",
                      MetricType::Counter, static_cast<double>(st->utime_ticks + st->stime_ticks) / ticks));
    out.push_back(One("lightshow_process_resident_memory_bytes", "Resident memory of the server process",
                      MetricType::Gauge, static_cast<double>(st->rss_pages) * page));
    out.push_back(One("lightshow_process_virtual_memory_bytes", "Virtual memory size of the server process",
                      MetricType::Gauge, static_cast<double>(st->vsize_bytes)));
    out.push_back(One("lightshow_process_threads", "Threads in the server process", MetricType::Gauge,
                      static_cast<double>(st->threads)));
    std::string proc_stat;
    if (ReadFile(root_ + "/stat", &proc_stat)) {
      auto boot = ParseBootTime(proc_stat);
      if (boot.ok()) {
        out.push_back(One("lightshow_process_start_time_seconds",
                          "Start time of the server process, seconds since the Unix epoch", MetricType::Gauge,
                          static_cast<double>(*boot) + static_cast<double>(st->start_ticks) / ticks));
      }
    }
  }
  // Counted like other exporters do: the directory handle used to count is included.
  long fds = CountEntries(root_ + "/self/fd");
  if (fds >= 0) {
    out.push_back(One("lightshow_process_open_fds", "Open file descriptors of the server process",
                      MetricType::Gauge, static_cast<double>(fds)));
  }
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) {
    out.push_back(One("lightshow_process_max_fds", "Limit on open file descriptors (soft RLIMIT_NOFILE)",
                      MetricType::Gauge, static_cast<double>(lim.rlim_cur)));
  }
  return out;
}

}  // namespace ls::metrics
