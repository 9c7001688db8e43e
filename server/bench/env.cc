// The "env" block and peak RSS: enough to tell two runs' conditions apart
// (build flags, library versions, CPU, load at the start).
#include <fftw3.h>
#include <sndfile.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#include <Eigen/Core>
#include <fstream>
#include <string>
#include <thread>

#include "bench/stages.h"

#ifndef LS_BENCH_BUILD_TYPE
#define LS_BENCH_BUILD_TYPE "unknown"
#endif
#ifndef LS_BENCH_NN_MARCH
#define LS_BENCH_NN_MARCH ""
#endif

namespace ls::bench {
namespace {

std::string FirstLine(const char* path, const std::string& prefix = "") {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (prefix.empty()) return line;
    if (line.rfind(prefix, 0) == 0) {
      const size_t colon = line.find(':');
      return colon == std::string::npos ? line : line.substr(colon + 2);
    }
  }
  return "";
}

}  // namespace

double PeakRssMib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is KiB on Linux
}

Json Environment(int threads) {
  utsname u{};
  uname(&u);
  Json j;
  j["compiler"] = __VERSION__;
  j["cxx_standard"] = static_cast<long>(__cplusplus);
  j["build_type"] = LS_BENCH_BUILD_TYPE;
  j["nn_compile_options"] = LS_BENCH_NN_MARCH;
  j["eigen"] = std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) +
               "." + std::to_string(EIGEN_MINOR_VERSION);
  j["fftw"] = std::string(fftwf_version);
  j["libsndfile"] = sf_version_string();
  j["platform"] = std::string(u.sysname) + "-" + u.release + "-" + u.machine;
  j["machine"] = u.machine;
  j["cpu_model"] = FirstLine("/proc/cpuinfo", "model name");
  j["cpu_count"] = std::thread::hardware_concurrency();
  j["threads_requested"] = threads;
  j["stft_threads"] = "2 for songs of >= 512 frames when 2+ cores (ls::dsp), else 1";
  j["loadavg_at_start"] = FirstLine("/proc/loadavg");
  return j;
}

}  // namespace ls::bench
