#include "common/status_macros.h"
#include "show/music_renderer.h"

namespace ls::show {

absl::StatusOr<std::vector<uint8_t>> RenderBandMusic(const dsp::Spectrogram& spec,
                                                     const analysis::MusicAnalysis& a,
                                                     int dark_start, const BandConfig& cfg) {
  LS_RETURN_IF_ERROR(ValidateBandConfig(cfg));
  if (spec.frames < 0 || spec.hop <= 0 ||
      spec.data.size() != static_cast<size_t>(spec.frames) * spec.bins) {
    return absl::InvalidArgumentError("band show: inconsistent spectrogram");
  }
  const std::vector<float> levels = BandLevels(spec, cfg);
  return RenderMusic(levels, spec.frames, kChannels, a, dark_start,
                     static_cast<double>(spec.hop) / cfg.sample_rate, RelayProfile());
}

}  // namespace ls::show
