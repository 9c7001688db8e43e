#pragma once
/// Fetching a stored show (and its audio) with Control.ExportShow, and the
/// local checks `export` and `preview` share. Thread-compatible.

#include <string>

#include "cli/client.h"
#include "lightshow/v1/export.pb.h"

namespace ls::cli {

/// Reads the ExportShow stream: the show into `out`, the audio chunks (when
/// `with_audio`) into `audio`. DATA_LOSS when the audio does not add up to
/// the announced size.
grpc::Status FetchShow(Connection& conn, const std::string& song_id, bool with_audio, double timeout_s,
                       lightshow::v1::ShowExport* out, std::string* audio);

/// Why `path` cannot be written as an output file (its directory is missing
/// or not a directory, or it is itself a directory), or "".
std::string CheckOutputPath(const std::string& path);

/// Writes `bytes` to `path` through a temp file and a rename, so a failed
/// write never leaves half a file; the error names the path.
absl::Status WriteOutputFile(const std::string& path, const std::string& bytes);

}  // namespace ls::cli
