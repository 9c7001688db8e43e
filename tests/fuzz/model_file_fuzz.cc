// libFuzzer target: model-file parsing (LSNN header, SHA-256, NnModel proto,
// layer specs, tensor names and shapes). The header's checksum would stop
// almost every mutation at the door, so the input is taken as the payload and
// a valid header is put in front of it; inputs starting with "LSNN" are also
// parsed as whole files.
#include <openssl/sha.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "nn/model_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (in.size() >= 4 && in.substr(0, 4) == "LSNN") (void)ls::nn::ParseModel(in);

  std::string file(ls::nn::kModelMagic, 4);
  uint32_t version = ls::nn::kModelVersion;
  uint64_t payload = size;
  file.append(reinterpret_cast<const char*>(&version), 4);  // little-endian host
  file.append(reinterpret_cast<const char*>(&payload), 8);
  unsigned char digest[32];
  SHA256(data, size, digest);
  file.append(reinterpret_cast<const char*>(digest), 32);
  file.append(in);
  (void)ls::nn::ParseModel(file);
  return 0;
}
