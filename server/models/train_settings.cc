#include "models/train_settings.h"

#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/text_format.h"
#include "lightshow/v1/learn.pb.h"

namespace ls::models {
namespace {

absl::Status Bad(const std::string& field, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

}  // namespace

int64_t EstimateParameters(const TrainSettings& s) {
  constexpr int64_t kBins = 513;
  const int64_t in = (s.arch == "dense") ? kBins : kBins * kConvContext;
  std::vector<int64_t> dims = {in};
  for (int h : s.hidden) dims.push_back(h);
  dims.push_back(s.bottleneck);
  int64_t total = 0;
  for (size_t i = 1; i < dims.size(); ++i) {
    total += dims[i - 1] * dims[i] + dims[i];  // encoder layer
    total += dims[i] * dims[i - 1] + dims[i - 1];  // its mirror in the decoder
  }
  return total;
}

absl::Status ValidateTrainSettings(const TrainSettings& s) {
  if (s.song_ids.empty()) return Bad("songs", "no songs to train on; submit songs first");
  if (s.arch != "dense" && s.arch != "conv" && s.arch != "residual" && s.arch != "context") {
    return Bad("arch", absl::StrCat("must be context, residual, dense or conv, got '", s.arch, "'"));
  }
  if (s.epochs < 1) return Bad("epochs", absl::StrCat("must be at least 1, got ", s.epochs));
  if (s.epochs > 10000) return Bad("epochs", absl::StrCat("must be at most 10000, got ", s.epochs));
  if (s.bottleneck < 1 || s.bottleneck > 64) {
    return Bad("bottleneck", absl::StrCat("must be 1..64, got ", s.bottleneck));
  }
  if (s.batch < 1 || s.batch > 65536) {
    return Bad("batch", absl::StrCat("must be 1..65536, got ", s.batch));
  }
  if (!std::isfinite(s.sparse_l1) || s.sparse_l1 < 0) {
    return Bad("sparse", absl::StrCat("L1 weight must be >= 0, got ", s.sparse_l1));
  }
  if (!std::isfinite(s.denoise) || s.denoise < 0 || s.denoise >= 1) {
    return Bad("denoise", absl::StrCat("noise must be in [0, 1), got ", s.denoise));
  }
  if (s.hop != 1024 && s.hop != 512) return Bad("hop", absl::StrCat("must be 1024 or 512, got ", s.hop));
  if (s.hidden.size() > kMaxHiddenLayers) {
    return Bad("hidden", absl::StrCat("at most ", kMaxHiddenLayers, " layers, got ", s.hidden.size()));
  }
  for (int h : s.hidden) {
    if (h < 1 || h > 4096) return Bad("hidden", absl::StrCat("sizes must be 1..4096, got ", h));
  }
  if (const int64_t p = EstimateParameters(s); p > kMaxParameters) {
    return Bad("hidden", absl::StrCat("layers ", absl::StrJoin(s.hidden, ","), " give ", p,
                                      " parameters; at most ", kMaxParameters));
  }
  if (s.lr_decay != "cosine" && s.lr_decay != "none") {
    return Bad("lr_decay", absl::StrCat("must be cosine or none, got '", s.lr_decay, "'"));
  }
  if (s.trim_end != "auto" && s.trim_end != "none") {
    double sec = 0;
    if (!absl::SimpleAtod(s.trim_end, &sec) || !std::isfinite(sec) || sec < 0) {
      return Bad("trim_end", absl::StrCat("must be auto, none or seconds >= 0, got '", s.trim_end, "'"));
    }
  }
  return absl::OkStatus();
}

std::string SettingsToText(const TrainSettings& s) {
  lightshow::v1::TrainSettings p;
  for (const auto& id : s.song_ids) p.add_song_ids(id);
  p.set_arch(s.arch);
  p.set_bottleneck(static_cast<uint32_t>(s.bottleneck));
  for (int h : s.hidden) p.add_hidden(static_cast<uint32_t>(h));
  p.set_epochs(static_cast<uint32_t>(s.epochs));
  p.set_batch(static_cast<uint32_t>(s.batch));
  p.set_sparse_l1(s.sparse_l1);
  p.set_denoise(s.denoise);
  p.set_hop(static_cast<uint32_t>(s.hop));
  p.set_trim_end(s.trim_end);
  p.set_lr_decay(s.lr_decay);
  p.set_seed(s.seed);
  // Stored settings are complete: zero means zero, not "the default".
  p.set_has_epochs(true);
  p.set_has_batch(true);
  p.set_has_bottleneck(true);
  std::string text;
  google::protobuf::TextFormat::PrintToString(p, &text);
  return text;
}

namespace {

TrainSettings FromStored(const lightshow::v1::TrainSettings& p) {
  TrainSettings s;
  s.song_ids.assign(p.song_ids().begin(), p.song_ids().end());
  s.arch = p.arch();
  s.bottleneck = static_cast<int>(p.bottleneck());
  s.hidden.assign(p.hidden().begin(), p.hidden().end());
  s.epochs = static_cast<int>(p.epochs());
  s.batch = static_cast<int>(p.batch());
  s.sparse_l1 = p.sparse_l1();
  s.denoise = p.denoise();
  s.hop = static_cast<int>(p.hop());
  s.trim_end = p.trim_end();
  s.lr_decay = p.lr_decay().empty() ? "none" : p.lr_decay();
  s.seed = p.has_seed() ? p.seed() : 1;
  return s;
}

// The "key=value" lines settings were stored as before the text proto.
absl::StatusOr<TrainSettings> FromKeyValueLines(const std::string& text) {
  TrainSettings s;
  s.hidden.clear();
  s.lr_decay = "none";
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(line, absl::MaxSplits('=', 1));
    const std::string& k = kv.first;
    const std::string& v = kv.second;
    bool ok = true;
    if (k == "songs") {
      s.song_ids = absl::StrSplit(v, ',', absl::SkipEmpty());
    } else if (k == "arch") {
      s.arch = v;
    } else if (k == "bottleneck") {
      ok = absl::SimpleAtoi(v, &s.bottleneck);
    } else if (k == "hidden") {
      for (absl::string_view h : absl::StrSplit(v, ',', absl::SkipEmpty())) {
        int x = 0;
        ok = ok && absl::SimpleAtoi(h, &x);
        s.hidden.push_back(x);
      }
    } else if (k == "epochs") {
      ok = absl::SimpleAtoi(v, &s.epochs);
    } else if (k == "batch") {
      ok = absl::SimpleAtoi(v, &s.batch);
    } else if (k == "sparse") {
      ok = absl::SimpleAtod(v, &s.sparse_l1);
    } else if (k == "denoise") {
      ok = absl::SimpleAtod(v, &s.denoise);
    } else if (k == "hop") {
      ok = absl::SimpleAtoi(v, &s.hop);
    } else if (k == "trim_end") {
      s.trim_end = v;
    } else if (k == "lr_decay") {
      s.lr_decay = v;
    } else if (k == "seed") {
      ok = absl::SimpleAtoi(v, &s.seed);
    }
    if (!ok) return absl::InvalidArgumentError(absl::StrCat("bad settings line '", line, "'"));
  }
  return s;
}

}  // namespace

absl::StatusOr<TrainSettings> SettingsFromText(const std::string& text) {
  if (absl::StartsWith(text, "songs=")) return FromKeyValueLines(text);
  lightshow::v1::TrainSettings p;
  if (!google::protobuf::TextFormat::ParseFromString(text, &p)) {
    return absl::InvalidArgumentError("stored training settings are neither text proto nor key=value lines");
  }
  return FromStored(p);
}

}  // namespace ls::models
