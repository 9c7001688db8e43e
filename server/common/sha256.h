#pragma once
/// SHA-256 (OpenSSL) as lowercase hex; incremental so uploads hash as they stream.

#include <memory>
#include <string>
#include <string_view>

namespace ls {

/// Not thread-safe; one hasher per upload.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  /// Returns the 32 raw digest bytes. Call once (this or HexDigest).
  std::string Digest();
  /// Returns the 64-character lowercase hex digest. Call once.
  std::string HexDigest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string Sha256Hex(std::string_view bytes);
/// The 32 raw bytes of the digest.
std::string Sha256Raw(std::string_view bytes);

}  // namespace ls
