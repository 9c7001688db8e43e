#pragma once
/// The shows the evaluator grades, as a table of named makers: each turns
/// one song (samples, spectrogram, the learned model's code) into masks.
/// Adding a renderer to the comparison = adding one row in show_makers.cc.
/// Thread-safety: ShowMakers() is immutable; makers are pure.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "dsp/stft.h"

namespace ls::judge {

/// One held-out song as the renderers see it.
struct SongInput {
  std::string id;
  const std::vector<float>* samples = nullptr;  ///< mono
  int sample_rate = 44100;
  const dsp::Spectrogram* spec = nullptr;      ///< ingest features: hop 1024, log1p + min-max
  /// The learned model's code per frame of `spec` (frames × code_size), or
  /// null when there is no model.
  const std::vector<float>* codes = nullptr;
  int code_size = 0;
};

struct ShowOutput {
  std::vector<uint8_t> masks;  ///< one per frame, bit i = channel i
  double frame_period_s = 0;
};

struct ShowMaker {
  std::string name;
  std::string what;  ///< one line for the report
  std::function<absl::StatusOr<ShowOutput>(const SongInput&)> make;
};

/// band, learned (as before the music renderer), band-music, learned-music, lspi.
const std::vector<ShowMaker>& ShowMakers();

}  // namespace ls::judge
