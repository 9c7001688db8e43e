// libFuzzer target: the RIFF/WAVE header pre-check on its own (fast, so it
// explores the chunk walking far deeper than the full decode target).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audio/wav_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)ls::audio::CheckWavHeader(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
