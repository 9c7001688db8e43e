#pragma once
/// The agent's config file (e.g. /etc/lightshow/agent.conf), read through CLI11's
/// own config support: `key = value` lines, `#` starts a comment (also after a
/// value), blank lines are skipped, spaces around key and value are trimmed.
/// A key is the long name of a configurable option of the app (the option
/// definitions are the only key list); CLI11 applies each value to an option the
/// command line left unset, so flags win over the file.
/// Thread-safety: used by CLI::App::parse; as thread-safe as that App.

#include <string>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace ls::agent {

/// Adds `--config FILE` to `app` and installs this file format as its reader.
/// Parse errors (CLI::ParseError) name FILE and the reason when it cannot be
/// read, and `FILE:LINE:` plus the key for: a line without '=', an unknown or
/// repeated key, an empty value, a flag value other than true/false, yes/no,
/// on/off, 1/0 (any case), or a non-integer for an integer option. Integers
/// are decimal (a leading 0 is not octal).
CLI::Option* AddConfigOption(CLI::App& app, const std::string& help);

}  // namespace ls::agent
