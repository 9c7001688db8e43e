#pragma once
/// Process metrics of the running server, read from /proc at scrape time:
/// lightshow_process_cpu_seconds_total, _resident_memory_bytes,
/// _virtual_memory_bytes, _open_fds, _max_fds, _threads, _start_time_seconds.
/// Linux only. Thread-safe: Collect() keeps no mutable state (it only reads
/// files), so concurrent scrapes are fine.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace ls::metrics {

/// The fields of /proc/<pid>/stat we use, in the kernel's units.
struct ProcStat {
  uint64_t utime_ticks = 0;
  uint64_t stime_ticks = 0;
  uint64_t threads = 0;
  uint64_t start_ticks = 0;  ///< since boot
  uint64_t vsize_bytes = 0;
  uint64_t rss_pages = 0;
};

/// Parses one /proc/<pid>/stat line (the command name may hold spaces and ')').
absl::StatusOr<ProcStat> ParseProcStat(const std::string& line);
/// Finds "btime N" (boot time, Unix seconds) in /proc/stat.
absl::StatusOr<uint64_t> ParseBootTime(const std::string& proc_stat);

class ProcessCollector : public prometheus::Collectable {
 public:
  /// `proc_root` is "/proc" in production; tests point it at a fake tree
  /// holding self/stat, self/fd/ and stat.
  explicit ProcessCollector(std::string proc_root = "/proc");

  /// Families whose source cannot be read are left out of this scrape
  /// (rather than reported as 0, which would be a lie).
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  std::string root_;
};

}  // namespace ls::metrics
