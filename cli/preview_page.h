#pragma once
/// The self-contained preview page of `lsctl preview`: one HTML file with the
/// song's audio (a base64 data URI), the show's masks, beats and section
/// marks, eight lamps that follow `audio.currentTime` on every animation
/// frame, play/pause/seek and a timeline of the eight lanes. No network: no
/// CDN, fonts or scripts from elsewhere, so it works from file://.
/// Pure functions, thread-safe.
///
/// Test hook (also handy for sharing a moment): `FILE.html#t=SECONDS` seeks
/// there on load; `#probe=T1,T2,…` seeks to each time in turn and writes
/// `t=… cur=… lamps=…` lines (lamps as 8 digits, channel 0 first) into the
/// element `#probe`, then sets `data-probe="done"` on <body>.

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::cli {

struct PreviewInput {
  std::string title;              ///< the song's name
  std::string song_id;
  std::string show_id;
  std::string masks;              ///< one byte per frame: lamps 0–7 (channel group 0)
  double frame_period_s = 1024.0 / 44100.0;
  std::string audio;              ///< encoded audio bytes
  std::string audio_mime = "audio/ogg";
  std::vector<std::string> colors;  ///< 8 CSS colours, lamp 0 first
  std::vector<double> beats;      ///< seconds
  std::vector<double> sections;   ///< seconds where a section starts
};

/// The default lamp colours (red, green, blue, yellow, magenta, cyan, orange, white).
std::vector<std::string> DefaultLampColors();

/// `--colors` "red,#0f0,…": up to 8 CSS colours (#rgb, #rrggbb or a colour
/// name of letters), lamp 0 first; lamps not given keep their default.
/// INVALID_ARGUMENT naming the bad entry or the count.
absl::StatusOr<std::vector<std::string>> ParseLampColors(const std::string& text);

/// The page.
std::string PreviewHtml(const PreviewInput& in);

}  // namespace ls::cli
