#include "show/learned_renderer.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace ls::show {
namespace {

float Quantile(std::vector<float> v, double q) {
  if (v.empty()) return 0.f;
  size_t k = static_cast<size_t>(std::clamp(q, 0.0, 1.0) * (v.size() - 1));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

}  // namespace

RenderProfile RelayProfile() { return RenderProfile{}; }

RenderProfile SsrProfile() {
  RenderProfile p;
  p.name = "ssr";
  p.on_quantile = 0.52;
  p.off_quantile = 0.48;
  p.min_dwell_ms = 30.0;
  return p;
}

absl::StatusOr<RenderProfile> ProfileByName(const std::string& name) {
  if (name == "relay") return RelayProfile();
  if (name == "ssr") return SsrProfile();
  return absl::InvalidArgumentError(
      absl::StrCat("render profile must be relay or ssr, got '", name, "'"));
}

int DwellFrames(const RenderProfile& p, double frame_period_s) {
  if (frame_period_s <= 0) return 1;
  return std::max(1, static_cast<int>(std::ceil(p.min_dwell_ms / 1000.0 / frame_period_s - 1e-9)));
}

absl::StatusOr<std::vector<uint8_t>> RenderCodes(const std::vector<float>& codes, int frames,
                                                 int channels, int dark_start,
                                                 double frame_period_s,
                                                 const RenderProfile& profile) {
  if (channels < 1 || channels > 8) {
    return absl::InvalidArgumentError(absl::StrCat("channels must be 1..8, got ", channels));
  }
  if (frames < 0 || codes.size() != static_cast<size_t>(frames) * channels) {
    return absl::InvalidArgumentError(absl::StrCat("codes hold ", codes.size(), " values, expected ",
                                                   frames, " frames × ", channels));
  }
  if (profile.off_quantile > profile.on_quantile) {
    return absl::InvalidArgumentError("off_quantile must not exceed on_quantile");
  }
  dark_start = std::clamp(dark_start, 0, frames);
  const int dwell = DwellFrames(profile, frame_period_s);
  std::vector<uint8_t> masks(frames, 0);
  for (int c = 0; c < channels; ++c) {
    // Thresholds from the lit part only: the quiet end must not shift them.
    std::vector<float> v(dark_start);
    for (int i = 0; i < dark_start; ++i) v[i] = codes[static_cast<size_t>(i) * channels + c];
    const float on = Quantile(v, profile.on_quantile);
    const float off = Quantile(v, profile.off_quantile);
    bool state = false;
    int held = dwell;  // free to switch at the first frame
    for (int i = 0; i < frames; ++i) {
      const float x = codes[static_cast<size_t>(i) * channels + c];
      bool want = state;
      if (i >= dark_start) {
        want = false;
      } else if (!state && x > on) {
        want = true;
      } else if (state && x < off) {
        want = false;
      } else if (on == off) {
        want = x > on;  // a flat channel: plain threshold
      }
      if (want != state && held >= dwell) {
        state = want;
        held = 0;
      }
      ++held;
      if (state) masks[i] |= static_cast<uint8_t>(1u << c);
    }
  }
  return masks;
}

}  // namespace ls::show
