// lightshow-bench FILE… [--json] [--threads N] [--out F]: the peer benchmark's
// stages on the same files (see server/bench/bench.h).
#include <cstdio>
#include <string>

#include "bench/bench.h"

int main(int argc, char** argv) {
  std::string help;
  auto opts = ls::bench::ParseBenchArgs(argc, argv, &help);
  if (!opts.ok()) {
    std::fprintf(stderr, "lightshow-bench: %s\n", std::string(opts.status().message()).c_str());
    return 2;
  }
  if (!help.empty()) {
    std::printf("%s", help.c_str());
    return 0;
  }
  auto result = ls::bench::RunBench(*opts);
  if (!result.ok()) {
    std::fprintf(stderr, "lightshow-bench: %s\n", std::string(result.status().message()).c_str());
    return 1;
  }
  if (opts->json) {
    std::printf("%s\n", result->dump(1).c_str());
  } else {
    std::printf("%s\n", ls::bench::Summary(*result).c_str());
  }
  return 0;
}
