#pragma once
/// What the decoder accepts (shared by the WAV pre-check and the decoder).

namespace ls::audio {

inline constexpr int kMinChannels = 1;
inline constexpr int kMaxChannels = 8;
inline constexpr int kMinRate = 8000;
inline constexpr int kMaxRate = 192000;

}  // namespace ls::audio
