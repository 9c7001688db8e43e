#include "link/token.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace ls::agent {

absl::StatusOr<std::string> ReadToken(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("--token-file is empty");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read token file '", path, "': ", std::strerror(errno)));
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat("error reading token file '", path, "'"));
  }
  std::string token(absl::StripAsciiWhitespace(buf.str()));
  if (token.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("token file '", path, "' is empty"));
  }
  if (token.size() > 4096) {
    return absl::InvalidArgumentError(absl::StrCat("token file '", path, "' is too large"));
  }
  for (unsigned char c : token) {
    if (c <= 0x20 || c >= 0x7f) {
      return absl::InvalidArgumentError(
          absl::StrCat("token in '", path, "' contains whitespace or non-ASCII characters"));
    }
  }
  return token;
}

}  // namespace ls::agent
