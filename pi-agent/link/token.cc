#include "link/token.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

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

absl::Status CheckTokenFileMode(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    return absl::NotFoundError(
        absl::StrCat("cannot read token file '", path, "': ", std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat("token file '", path, "' is not a regular file"));
  }
  // The token grants full access to the agent link: like an ssh key, it must not
  // be readable by anyone but its owner.
  const unsigned mode = st.st_mode & 07777;
  if ((mode & 077) != 0) {
    return absl::PermissionDeniedError(absl::StrFormat(
        "token file '%s' has mode %04o, readable by %s: it must be 0600 (chmod 600 '%s')", path,
        mode, (mode & 007) != 0 ? "everyone" : "its group", path));
  }
  return absl::OkStatus();
}

}  // namespace ls::agent
