#pragma once
/// JSON output: protobuf messages as JSON objects with one set of rules.

#include <ostream>

#include "google/protobuf/message.h"
#include "nlohmann/json.hpp"

namespace ls::cli {

/// JSON documents keep insertion order, so fields read in proto order.
using Json = nlohmann::ordered_json;

/// Converts a message field by field: proto (snake_case) field names, every
/// field present (defaults included, unset sub-messages as null, unset oneof
/// members left out), 64-bit integers as JSON numbers (not strings, unlike
/// canonical proto JSON), enums by name, bytes as base64.
Json ProtoToJson(const google::protobuf::Message& message);

/// Writes `doc` indented, with a trailing newline; invalid UTF-8 in strings
/// (e.g. odd file names) is replaced rather than thrown on.
void PrintJson(std::ostream& out, const Json& doc);

}  // namespace ls::cli
