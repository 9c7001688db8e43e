#include "app/config_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace ls::agent {
namespace {

const std::set<std::string>& Keys() {
  static const auto* keys = new std::set<std::string>{
      "server", "token-file", "id", "gpio", "pins", "active-low", "offset-ms", "safe-off-ms",
      "ca", "cert", "key"};
  return *keys;
}

absl::Status ParseInt(const std::string& key, const std::string& v, int64_t* out) {
  if (!absl::SimpleAtoi(v, out)) {
    return absl::InvalidArgumentError(absl::StrCat("config: ", key, " must be an integer, got '", v, "'"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::map<std::string, std::string>> ParseAgentConfig(const std::string& text,
                                                                     const std::string& source) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    const std::string trimmed(absl::StripAsciiWhitespace(line));
    if (trimmed.empty()) continue;
    const auto eq = trimmed.find('=');
    const std::string where = absl::StrCat(source, ":", n, ": ");
    if (eq == std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(where, "expected 'key = value', got '", trimmed, "'"));
    }
    const std::string key(absl::StripAsciiWhitespace(trimmed.substr(0, eq)));
    const std::string value(absl::StripAsciiWhitespace(trimmed.substr(eq + 1)));
    if (Keys().count(key) == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, "unknown key '", key,
          "' (known: server, token-file, id, gpio, pins, active-low, offset-ms, safe-off-ms, ca, cert, "
          "key)"));
    }
    if (value.empty()) return absl::InvalidArgumentError(absl::StrCat(where, key, " has no value"));
    if (!out.emplace(key, value).second) {
      return absl::InvalidArgumentError(absl::StrCat(where, key, " is set twice"));
    }
  }
  return out;
}

absl::StatusOr<std::map<std::string, std::string>> ReadAgentConfig(const std::string& path) {
  std::ifstream f(path);
  if (!f) {
    const int err = errno;
    const std::string msg = absl::StrCat("cannot read config file ", path, ": ", std::strerror(err));
    return err == EACCES ? absl::PermissionDeniedError(msg) : absl::NotFoundError(msg);
  }
  std::stringstream buf;
  buf << f.rdbuf();
  return ParseAgentConfig(buf.str(), path);
}

absl::Status ApplyAgentConfig(const std::map<std::string, std::string>& values,
                              const std::set<std::string>& given, AgentOptions* o) {
  for (const auto& [key, v] : values) {
    if (given.count(key) != 0) continue;  // the command line wins
    if (key == "server") o->server = v;
    else if (key == "token-file") o->token_file = v;
    else if (key == "id") o->id = v;
    else if (key == "gpio") o->gpio = v;
    else if (key == "pins") o->pins = v;
    else if (key == "ca") o->ca = v;
    else if (key == "cert") o->cert = v;
    else if (key == "key") o->key = v;
    else if (key == "offset-ms") { if (auto st = ParseInt(key, v, &o->offset_ms); !st.ok()) return st; }
    else if (key == "safe-off-ms") { if (auto st = ParseInt(key, v, &o->safe_off_ms); !st.ok()) return st; }
    else if (key == "active-low") {
      const std::string b = absl::AsciiStrToLower(v);
      if (b == "true" || b == "yes" || b == "1" || b == "on") o->active_low = true;
      else if (b == "false" || b == "no" || b == "0" || b == "off") o->active_low = false;
      else return absl::InvalidArgumentError(absl::StrCat("config: active-low must be true or false, got '", v, "'"));
    }
  }
  return absl::OkStatus();
}

}  // namespace ls::agent
