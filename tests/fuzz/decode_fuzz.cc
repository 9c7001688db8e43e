// libFuzzer target: audio decode from bytes (WAV header check, libsndfile via
// virtual I/O, channel mix, resampling, NaN/Inf checks). Any input must give
// audio or a clean error, never a crash, a hang or a huge allocation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audio/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto audio = ls::audio::DecodeMemory(std::string_view(reinterpret_cast<const char*>(data), size));
  if (audio.ok() && audio->samples.empty()) __builtin_trap();  // success means samples
  return 0;
}
