#pragma once
/// Simulated outputs: one CSV line per change, for tests and demos without a Pi.
///
/// File format (appended; the header only when the file is new or empty):
///   frame,scheduled_ns,applied_ns,mask
///   12,1764057600123456789,1764057600123501234,a5
///   -1,1764057601000000000,1764057601000012345,00
/// `mask` is 2 lowercase hex digits (bit i = channel i on); times are CLOCK_REALTIME ns;
/// off outside a frame is frame -1, mask 00. Every line is flushed at once so readers
/// can tail the file.
/// Thread-safety: not thread-safe (see Outputs).

#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gpio/outputs.h"

namespace ls::agent {

class SimOutputs final : public Outputs {
 public:
  /// Opens (creates) `path` for appending and writes the header if it is empty.
  static absl::StatusOr<std::unique_ptr<SimOutputs>> Open(const std::string& path);
  ~SimOutputs() override;
  SimOutputs(const SimOutputs&) = delete;
  SimOutputs& operator=(const SimOutputs&) = delete;

  absl::Status Set(uint8_t mask, const FrameStamp& stamp) override;
  absl::Status AllOff(int64_t scheduled_ns) override;

  /// Formats one CSV line (with '\n'); exposed for tests.
  static std::string FormatLine(int64_t frame, int64_t scheduled_ns, int64_t applied_ns,
                                uint8_t mask);

 private:
  SimOutputs(std::FILE* file, std::string path) : file_(file), path_(std::move(path)) {}
  absl::Status WriteLine(int64_t frame, int64_t scheduled_ns, uint8_t mask);

  std::FILE* file_;
  std::string path_;
};

}  // namespace ls::agent
