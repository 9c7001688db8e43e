#include "cli/json.h"

#include <string>

#include "absl/strings/escaping.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"

namespace ls::cli {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

Json Scalar(const Message& m, const Reflection& r, const FieldDescriptor& f) {
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: return r.GetInt32(m, &f);
    case FieldDescriptor::CPPTYPE_INT64: return r.GetInt64(m, &f);
    case FieldDescriptor::CPPTYPE_UINT32: return r.GetUInt32(m, &f);
    case FieldDescriptor::CPPTYPE_UINT64: return r.GetUInt64(m, &f);
    case FieldDescriptor::CPPTYPE_DOUBLE: return r.GetDouble(m, &f);
    case FieldDescriptor::CPPTYPE_FLOAT: return r.GetFloat(m, &f);
    case FieldDescriptor::CPPTYPE_BOOL: return r.GetBool(m, &f);
    case FieldDescriptor::CPPTYPE_ENUM: return r.GetEnum(m, &f)->name();
    case FieldDescriptor::CPPTYPE_STRING:
      if (f.type() == FieldDescriptor::TYPE_BYTES) return absl::Base64Escape(r.GetString(m, &f));
      return r.GetString(m, &f);
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (!r.HasField(m, &f)) return nullptr;
      return ProtoToJson(r.GetMessage(m, &f));
  }
  return nullptr;
}

Json Element(const Message& m, const Reflection& r, const FieldDescriptor& f, int i) {
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: return r.GetRepeatedInt32(m, &f, i);
    case FieldDescriptor::CPPTYPE_INT64: return r.GetRepeatedInt64(m, &f, i);
    case FieldDescriptor::CPPTYPE_UINT32: return r.GetRepeatedUInt32(m, &f, i);
    case FieldDescriptor::CPPTYPE_UINT64: return r.GetRepeatedUInt64(m, &f, i);
    case FieldDescriptor::CPPTYPE_DOUBLE: return r.GetRepeatedDouble(m, &f, i);
    case FieldDescriptor::CPPTYPE_FLOAT: return r.GetRepeatedFloat(m, &f, i);
    case FieldDescriptor::CPPTYPE_BOOL: return r.GetRepeatedBool(m, &f, i);
    case FieldDescriptor::CPPTYPE_ENUM: return r.GetRepeatedEnum(m, &f, i)->name();
    case FieldDescriptor::CPPTYPE_STRING:
      if (f.type() == FieldDescriptor::TYPE_BYTES) {
        return absl::Base64Escape(r.GetRepeatedString(m, &f, i));
      }
      return r.GetRepeatedString(m, &f, i);
    case FieldDescriptor::CPPTYPE_MESSAGE: return ProtoToJson(r.GetRepeatedMessage(m, &f, i));
  }
  return nullptr;
}

}  // namespace

Json ProtoToJson(const Message& message) {
  Json out = Json::object();
  const auto* desc = message.GetDescriptor();
  const Reflection* r = message.GetReflection();
  for (int i = 0; i < desc->field_count(); ++i) {
    const FieldDescriptor* f = desc->field(i);
    // Only the member of a oneof that is set; the others are not "defaults".
    if (f->real_containing_oneof() != nullptr && !r->HasField(message, f)) continue;
    if (f->is_map()) continue;  // no maps in the protocol; keep the walker simple
    if (f->is_repeated()) {
      Json arr = Json::array();
      const int n = r->FieldSize(message, f);
      for (int k = 0; k < n; ++k) arr.push_back(Element(message, *r, *f, k));
      out[f->name()] = std::move(arr);
    } else {
      out[f->name()] = Scalar(message, *r, *f);
    }
  }
  return out;
}

void PrintJson(std::ostream& out, const Json& doc) {
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace ls::cli
