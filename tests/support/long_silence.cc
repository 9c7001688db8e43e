#include "long_silence.h"

#include <cstring>
#include <vector>

#include "audio/encode.h"

namespace ls::testutil {
namespace {

constexpr uint32_t kBlock = 65535;

uint8_t Crc8(const std::string& s, size_t from) {
  uint8_t c = 0;
  for (size_t i = from; i < s.size(); ++i) {
    c ^= static_cast<uint8_t>(s[i]);
    for (int b = 0; b < 8; ++b) c = (c & 0x80) ? uint8_t((c << 1) ^ 0x07) : uint8_t(c << 1);
  }
  return c;
}

uint16_t Crc16(const std::string& s, size_t from) {
  uint16_t c = 0;
  for (size_t i = from; i < s.size(); ++i) {
    c ^= uint16_t(static_cast<uint8_t>(s[i]) << 8);
    for (int b = 0; b < 8; ++b) c = (c & 0x8000) ? uint16_t((c << 1) ^ 0x8005) : uint16_t(c << 1);
  }
  return c;
}

void PutBe(std::string& s, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) s += static_cast<char>((v >> (8 * i)) & 0xff);
}

// FLAC's UTF-8-like coding of the frame number.
void PutUtf8(std::string& s, uint32_t v) {
  if (v < 0x80) { s += char(v); return; }
  int extra = v < 0x800 ? 1 : v < 0x10000 ? 2 : v < 0x200000 ? 3 : v < 0x4000000 ? 4 : 5;
  static const uint8_t kLead[] = {0, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc};
  s += static_cast<char>(kLead[extra] | (v >> (6 * extra)));
  for (int i = extra - 1; i >= 0; --i) s += static_cast<char>(0x80 | ((v >> (6 * i)) & 0x3f));
}

void AppendFlacFrame(std::string& s, uint32_t number, uint32_t samples) {
  const size_t start = s.size();
  s += "\xff\xf8";            // sync, fixed block size
  s += static_cast<char>(0x70);  // block size: 16 bits at header end; rate from STREAMINFO
  s += static_cast<char>(0x08);  // mono, 16-bit samples
  PutUtf8(s, number);
  PutBe(s, samples - 1, 2);
  s += static_cast<char>(Crc8(s, start));
  s += std::string(3, '\0');  // CONSTANT subframe, value 0
  PutBe(s, Crc16(s, start), 2);
}

uint32_t OggCrc(const std::string& page) {
  uint32_t c = 0;
  for (unsigned char ch : page) {
    c ^= uint32_t(ch) << 24;
    for (int b = 0; b < 8; ++b) c = (c & 0x80000000u) ? (c << 1) ^ 0x04c11db7u : (c << 1);
  }
  return c;
}

struct Page {
  std::string bytes;
  uint8_t type() const { return static_cast<uint8_t>(bytes[5]); }
  int64_t granule() const { int64_t g; std::memcpy(&g, &bytes[6], 8); return g; }
  bool ends_packet() const {
    const uint8_t n = static_cast<uint8_t>(bytes[26]);
    return n > 0 && static_cast<uint8_t>(bytes[26 + n]) != 255;
  }
};

std::vector<Page> SplitPages(const std::string& s) {
  std::vector<Page> out;
  size_t i = 0;
  while (i + 27 <= s.size() && s.compare(i, 4, "OggS") == 0) {
    const uint8_t n = static_cast<uint8_t>(s[i + 26]);
    size_t len = 27 + n;
    for (int k = 0; k < n; ++k) len += static_cast<uint8_t>(s[i + 27 + k]);
    out.push_back({s.substr(i, len)});
    i += len;
  }
  return out;
}

// Rewrites a page's granule, sequence number and CRC (little-endian fields).
std::string Restamp(std::string page, int64_t granule, uint32_t seq) {
  std::memcpy(&page[6], &granule, 8);
  std::memcpy(&page[18], &seq, 4);
  std::memset(&page[22], 0, 4);
  const uint32_t crc = OggCrc(page);
  std::memcpy(&page[22], &crc, 4);
  return page;
}

}  // namespace

std::string LongSilenceFlac(double seconds, int rate, bool header_length) {
  const uint64_t total = static_cast<uint64_t>(seconds * rate);
  std::string s = "fLaC";
  s += static_cast<char>(0x80);  // last metadata block, STREAMINFO
  PutBe(s, 34, 3);
  PutBe(s, kBlock, 2);
  PutBe(s, kBlock, 2);
  PutBe(s, 0, 3);
  PutBe(s, 0, 3);
  const uint64_t packed = (uint64_t(rate) << 44) | (uint64_t(0) << 41) | (uint64_t(15) << 36) |
                          (header_length ? total & 0xfffffffffull : 0);
  PutBe(s, packed, 8);
  s += std::string(16, '\0');  // no MD5
  uint32_t number = 0;
  for (uint64_t done = 0; done < total; done += kBlock) {
    AppendFlacFrame(s, number++, static_cast<uint32_t>(std::min<uint64_t>(kBlock, total - done)));
  }
  return s;
}

std::string LongSilenceOgg(double seconds) {
  constexpr int kRate = 8000;
  auto encoded = audio::EncodeAudio(std::vector<float>(kRate * 40, 0.0f), 1, kRate,
                                    audio::Format::kOggVorbis);
  if (!encoded.ok()) return "";
  std::vector<Page> pages = SplitPages(*encoded);
  // Audio pages follow the header pages (granule 0); repeat the ones strictly
  // between the first audio page and the last (EOS) page, each holding whole packets.
  size_t first_audio = 0;
  while (first_audio < pages.size() && pages[first_audio].granule() <= 0) ++first_audio;
  const size_t a = first_audio + 1, b = pages.size() - 1;
  if (b <= a || b >= pages.size() || !pages[a - 1].ends_packet()) return "";
  for (size_t i = a; i < b; ++i) {
    if (pages[i].type() != 0 || !pages[i].ends_packet()) return "";
  }
  const int64_t delta = pages[b - 1].granule() - pages[a - 1].granule();
  const int64_t copies = static_cast<int64_t>(seconds * kRate / double(delta)) + 1;
  std::string out;
  uint32_t seq = 0;
  for (size_t i = 0; i < b; ++i) out += Restamp(pages[i].bytes, pages[i].granule(), seq++);
  for (int64_t k = 1; k <= copies; ++k) {
    for (size_t i = a; i < b; ++i) out += Restamp(pages[i].bytes, pages[i].granule() + k * delta, seq++);
  }
  out += Restamp(pages[b].bytes, pages[b].granule() + copies * delta, seq++);
  return out;
}

}  // namespace ls::testutil
