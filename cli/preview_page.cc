#include "cli/preview_page.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

namespace ls::cli {

extern const char kPreviewTemplate[];

namespace {

bool IsHexColor(const std::string& s) {
  if (s.size() != 4 && s.size() != 7) return false;
  if (s[0] != '#') return false;
  for (size_t i = 1; i < s.size(); ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool IsColorName(const std::string& s) {
  if (s.empty() || s.size() > 24) return false;
  for (char c : s) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string EscapeHtml(const std::string& s) {
  return absl::StrReplaceAll(s, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

}  // namespace

std::vector<std::string> DefaultLampColors() {
  return {"#ff3030", "#30e030", "#3070ff", "#ffd020", "#ff40ff", "#30e0e0", "#ff8a20", "#f4f4f4"};
}

absl::StatusOr<std::vector<std::string>> ParseLampColors(const std::string& text) {
  std::vector<std::string> colors = DefaultLampColors();
  if (text.empty()) return colors;
  std::vector<std::string> given = absl::StrSplit(text, ',');
  if (given.size() > 8) {
    return absl::InvalidArgumentError(absl::StrCat("--colors: at most 8 colours (one per lamp), got ", given.size()));
  }
  for (size_t i = 0; i < given.size(); ++i) {
    std::string c(absl::StripAsciiWhitespace(given[i]));
    if (!IsHexColor(c) && !IsColorName(c)) {
      return absl::InvalidArgumentError(absl::StrCat("--colors: lamp ", i, " colour '", given[i],
                                                     "' is not #rgb, #rrggbb or a colour name"));
    }
    colors[i] = c;
  }
  return colors;
}

std::string PreviewHtml(const PreviewInput& in) {
  nlohmann::json data = {{"title", in.title},
                         {"song_id", in.song_id},
                         {"show_id", in.show_id},
                         {"frame_period_s", in.frame_period_s},
                         {"frames", in.masks.size()},
                         {"masks", absl::Base64Escape(in.masks)},
                         {"colors", in.colors.size() == 8 ? in.colors : DefaultLampColors()},
                         {"beats", in.beats},
                         {"sections", in.sections}};
  // "</" inside a <script> would end it early (a song named "</script>").
  std::string json = absl::StrReplaceAll(data.dump(), {{"</", "<\\/"}});
  std::string audio = absl::StrCat("data:", in.audio_mime, ";base64,", absl::Base64Escape(in.audio));
  return absl::StrReplaceAll(kPreviewTemplate,
                             {{"@@TITLE@@", EscapeHtml(in.title)}, {"@@DATA@@", json}, {"@@AUDIO@@", audio}});
}

}  // namespace ls::cli
