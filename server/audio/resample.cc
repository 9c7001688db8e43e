#include <samplerate.h>

#include <cmath>

#include "absl/strings/str_cat.h"
#include "audio/decode.h"

namespace ls::audio {

absl::StatusOr<std::vector<float>> Resample(const std::vector<float>& in, int from_rate,
                                            int to_rate) {
  if (from_rate <= 0 || to_rate <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("resample rates must be positive, got ", from_rate, " -> ", to_rate, " Hz"));
  }
  if (from_rate == to_rate || in.empty()) return in;
  const double ratio = static_cast<double>(to_rate) / from_rate;
  // Room for the converter's rounding; trimmed to what it produced below.
  std::vector<float> out(static_cast<size_t>(std::ceil(in.size() * ratio)) + 16);
  SRC_DATA d{};
  d.data_in = in.data();
  d.input_frames = static_cast<long>(in.size());
  d.data_out = out.data();
  d.output_frames = static_cast<long>(out.size());
  d.src_ratio = ratio;
  d.end_of_input = 1;
  int err = src_simple(&d, SRC_SINC_MEDIUM_QUALITY, 1);
  if (err != 0) {
    return absl::InternalError(absl::StrCat("resampling ", from_rate, " -> ", to_rate,
                                            " Hz failed: ", src_strerror(err)));
  }
  out.resize(static_cast<size_t>(d.output_frames_gen));
  return out;
}

}  // namespace ls::audio
