#include "agent_test_util.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace ls::agent::testing {

std::string TempPath(const std::string& name) {
  // One fresh directory per process: pids repeat across test runs (containers reuse them),
  // and the sim outputs append, so a path built from the pid alone could hold an old run's rows.
  static const std::string dir = [] {
    std::string tmpl = ::testing::TempDir() + "ls_agent_XXXXXX";
    if (mkdtemp(tmpl.data()) == nullptr) std::abort();
    return tmpl + "/";
  }();
  static std::atomic<int> counter{0};
  return dir + std::to_string(counter++) + "_" + name;
}

std::vector<CsvRow> ReadCsv(const std::string& path, std::string* header) {
  std::vector<CsvRow> rows;
  std::ifstream in(path);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {
      if (header) *header = line;
      first = false;
      continue;
    }
    CsvRow r;
    char mask[8] = {0};
    long long f, s, a;
    if (std::sscanf(line.c_str(), "%lld,%lld,%lld,%7s", &f, &s, &a, mask) != 4) {
      ADD_FAILURE() << "bad CSV line: '" << line << "'";
      continue;
    }
    r.frame = f;
    r.scheduled_ns = s;
    r.applied_ns = a;
    r.mask_text = mask;
    r.mask = static_cast<unsigned>(std::stoul(mask, nullptr, 16));
    rows.push_back(r);
  }
  return rows;
}

std::vector<CsvRow> FrameRows(const std::vector<CsvRow>& rows) {
  std::vector<CsvRow> out;
  for (const auto& r : rows) {
    if (r.frame >= 0) out.push_back(r);
  }
  return out;
}

bool WaitFor(const std::function<bool()>& pred, int timeout_ms) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

void WriteFile(const std::string& path, const std::string& text) {
  {
    std::ofstream out(path, std::ios::trunc);
    out << text;
  }
  ::chmod(path.c_str(), 0600);  // the agent refuses token files others can read
}

}  // namespace ls::agent::testing
