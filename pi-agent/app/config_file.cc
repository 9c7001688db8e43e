#include "app/config_file.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace ls::agent {
namespace {

// Options a file may set: configurable ones with a long name (CLI11 already
// marks --help, --version and --config otherwise).
std::vector<const CLI::Option*> Settable(const CLI::App& app) {
  return app.get_options(
      [](const CLI::Option* op) { return op->get_configurable() && !op->get_lnames().empty(); });
}

// `v` as CLI11 should read it for `op`. Flags and integers are checked here,
// not in CLI11's conversion, so the error can name the line.
absl::StatusOr<std::string> Canonical(const CLI::Option& op, const std::string& v) {
  if (op.get_expected_min() == 0) {  // a flag
    const std::string b = absl::AsciiStrToLower(v);
    if (b == "true" || b == "yes" || b == "on" || b == "1") return std::string("true");
    if (b == "false" || b == "no" || b == "off" || b == "0") return std::string("false");
    return absl::InvalidArgumentError(
        absl::StrCat(" must be true or false (or yes/no, on/off, 1/0), got '", v, "'"));
  }
  if (op.get_type_name().rfind("INT", 0) == 0) {
    int64_t n = 0;
    // Decimal, as before: CLI11 itself would read "010" as octal 8.
    if (absl::SimpleAtoi(v, &n)) return std::to_string(n);
    return absl::InvalidArgumentError(absl::StrCat(" must be an integer, got '", v, "'"));
  }
  return v;
}

// CLI11's reader for the agent's `key = value` file (its TOML/INI readers would
// split "pins = 17,18,…" into a list and give no line numbers).
class AgentConfigFormat : public CLI::ConfigBase {
 public:
  explicit AgentConfigFormat(const CLI::App* app) : app_(app) {}

  std::vector<CLI::ConfigItem> from_config(std::istream& in) const override {
    const std::string source = Source();
    std::vector<CLI::ConfigItem> items;
    std::set<std::string> seen;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      const auto fail = [&](const std::string& what) {
        return CLI::ConfigError(absl::StrCat(source, ":", n, ": ", what));
      };
      if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
      const std::string trimmed(absl::StripAsciiWhitespace(line));
      if (trimmed.empty()) continue;
      const auto eq = trimmed.find('=');
      if (eq == std::string::npos) throw fail(absl::StrCat("expected 'key = value', got '", trimmed, "'"));
      CLI::ConfigItem item;
      item.name = std::string(absl::StripAsciiWhitespace(trimmed.substr(0, eq)));
      const std::string value(absl::StripAsciiWhitespace(trimmed.substr(eq + 1)));
      const CLI::Option* op = Find(item.name);
      if (op == nullptr) {
        throw fail(absl::StrCat("unknown key '", item.name, "' (known: ", KnownKeys(), ")"));
      }
      if (value.empty()) throw fail(absl::StrCat(item.name, " has no value"));
      if (!seen.insert(item.name).second) throw fail(absl::StrCat(item.name, " is set twice"));
      auto canonical = Canonical(*op, value);
      if (!canonical.ok()) throw fail(absl::StrCat(item.name, canonical.status().message()));
      item.inputs = {*std::move(canonical)};
      items.push_back(std::move(item));
    }
    return items;
  }

 private:
  // CLI11 hands over only the stream; the file is the value of --config.
  std::string Source() const {
    const CLI::Option* config = app_->get_config_ptr();
    return config != nullptr && !config->results().empty() ? config->results().front() : "config";
  }

  const CLI::Option* Find(const std::string& key) const {
    for (const CLI::Option* op : Settable(*app_)) {
      const auto& names = op->get_lnames();
      if (std::find(names.begin(), names.end(), key) != names.end()) return op;
    }
    return nullptr;
  }

  std::string KnownKeys() const {
    std::vector<std::string> keys;
    for (const CLI::Option* op : Settable(*app_)) keys.push_back(op->get_lnames().front());
    return absl::StrJoin(keys, ", ");
  }

  const CLI::App* app_;  // owns this formatter
};

}  // namespace

CLI::Option* AddConfigOption(CLI::App& app, const std::string& help) {
  app.config_formatter(std::make_shared<AgentConfigFormat>(&app));
  return app.set_config("--config", "", help)
      ->type_name("FILE")
      ->check([](const std::string& path) {
        // CLI11 alone would only say "was not readable (missing?)": say why.
        std::ifstream f(path);
        const int err = !f ? errno : std::filesystem::is_directory(path) ? EISDIR : 0;
        return err == 0 ? std::string()
                        : absl::StrCat("cannot read config file ", path, ": ", std::strerror(err));
      });
}

}  // namespace ls::agent
