#pragma once
/// Where the quiet end of a song starts: those frames go dark and are left
/// out of training. An interface, so the end-of-song classifier can replace
/// the energy rule. Implementations are immutable and thread-safe.

#include <cstddef>
#include <vector>

namespace ls::show {

class EndDetector {
 public:
  virtual ~EndDetector() = default;
  /// First frame of the dark end (= frames when there is none). Frame i
  /// covers samples [i*hop, i*hop + 1024).
  virtual int DarkStart(const float* samples, size_t n, int hop, int frames) const = 0;
};

/// Energy rule: the trailing run of frames whose RMS is `db_below_median`
/// or more under the song's median frame RMS, if it lasts ≥ `min_seconds`.
class EnergyEndDetector : public EndDetector {
 public:
  explicit EnergyEndDetector(double db_below_median = 30.0, double min_seconds = 0.5,
                             int sample_rate = 44100)
      : db_(db_below_median), min_s_(min_seconds), rate_(sample_rate) {}
  int DarkStart(const float* samples, size_t n, int hop, int frames) const override;

 private:
  double db_, min_s_;
  int rate_;
};

/// A fixed tail: the last `seconds` of the song (--trim-end SECONDS).
class FixedEndDetector : public EndDetector {
 public:
  explicit FixedEndDetector(double seconds, int sample_rate = 44100)
      : seconds_(seconds), rate_(sample_rate) {}
  int DarkStart(const float* samples, size_t n, int hop, int frames) const override;

 private:
  double seconds_;
  int rate_;
};

/// Per-frame RMS in dB (20·log10, floored at -120 dB), frames × 1024 samples.
std::vector<float> FrameLoudnessDb(const float* samples, size_t n, int hop, int frames);

}  // namespace ls::show
