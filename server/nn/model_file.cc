#include "nn/model_file.h"

#include <cstring>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/sha256.h"
#include "lightshow/v1/model.pb.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {
namespace {

static_assert(sizeof(float) == 4, "model files store float32");

void PutLe(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t GetLe(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}

std::string Digest(std::string_view payload) { return Sha256Raw(payload); }

void ToProto(const LayerSpec& s, lightshow::v1::NnLayer* p) {
  p->set_kind(LayerKindName(s.kind));
  p->set_units_in(s.units_in);
  p->set_units_out(s.units_out);
  p->set_channels_in(s.channels_in);
  p->set_channels_out(s.channels_out);
  p->set_length(s.length);
  p->set_kernel(s.kernel);
  p->set_stride(s.stride);
  p->set_padding(s.padding);
  p->set_size(s.size);
  p->set_return_sequences(s.return_sequences);
  p->set_rate(s.rate);
  p->set_activity_l1(s.activity_l1);
}

absl::StatusOr<LayerSpec> FromProto(const lightshow::v1::NnLayer& p, int index) {
  LayerSpec s;
  if (!ParseLayerKind(p.kind(), &s.kind)) {
    return absl::InvalidArgumentError(
        absl::StrCat("model file: layer ", index, " has unknown kind \"", p.kind(), "\""));
  }
  s.units_in = p.units_in();
  s.units_out = p.units_out();
  s.channels_in = p.channels_in();
  s.channels_out = p.channels_out();
  s.length = p.length();
  s.kernel = p.kernel();
  s.stride = p.stride();
  s.padding = p.padding();
  s.size = p.size();
  s.return_sequences = p.return_sequences();
  s.rate = p.rate();
  s.activity_l1 = p.activity_l1();
  // Every field is stored explicitly, so the spec must be complete as is.
  if (auto st = CheckLayerSpec(s); !st.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("model file: layer ", index, ": ", st.message()));
  }
  return s;
}

}  // namespace

absl::StatusOr<std::string> SerializeModel(const Sequential& model,
                                           const std::map<std::string, std::string>& metadata) {
  if (model.num_layers() == 0) return absl::InvalidArgumentError("cannot save an empty model");
  lightshow::v1::NnModel msg;
  for (int i = 0; i < model.num_layers(); ++i) {
    const Layer& layer = model.layer(i);
    ToProto(layer.spec(), msg.add_layers());
    Index offset = model.ParamOffset(i);
    for (const ParamInfo& p : layer.Params()) {
      auto* t = msg.add_tensors();
      t->set_name(absl::StrCat(i, ".", p.name));
      t->add_shape(p.rows);
      t->add_shape(p.cols);
      // float32 little-endian (x86/ARM hosts); doubles are narrowed.
      std::string data(static_cast<size_t>(p.size()) * 4, '\0');
      for (Index k = 0; k < p.size(); ++k) {
        const float f = static_cast<float>(model.params()[offset + k]);
        std::memcpy(&data[static_cast<size_t>(k) * 4], &f, 4);
      }
      t->set_data(std::move(data));
      offset += p.size();
    }
  }
  for (const auto& [k, v] : metadata) (*msg.mutable_metadata())[k] = v;
  std::string payload;
  if (!msg.SerializeToString(&payload)) return absl::InternalError("model serialisation failed");
  std::string out(kModelMagic, 4);
  PutLe(out, kModelVersion, 4);
  PutLe(out, payload.size(), 8);
  out += Digest(payload);
  out += payload;
  return out;
}

absl::StatusOr<ModelFile> ParseModel(std::string_view bytes) {
  if (bytes.size() < 4 || std::memcmp(bytes.data(), kModelMagic, 4) != 0) {
    return absl::InvalidArgumentError("not a model file: bad magic (expected \"LSNN\")");
  }
  if (bytes.size() < kModelHeaderSize) {
    return absl::InvalidArgumentError(absl::StrCat(
        "model file truncated: ", bytes.size(), " bytes, the header alone is ", kModelHeaderSize));
  }
  const uint32_t version = static_cast<uint32_t>(GetLe(bytes.data() + 4, 4));
  if (version != kModelVersion) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unsupported model file version ", version, " (this build reads version ", kModelVersion, ")"));
  }
  const uint64_t size = GetLe(bytes.data() + 8, 8);
  const std::string_view payload = bytes.substr(kModelHeaderSize);
  if (payload.size() != size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "model file truncated or padded: payload is ", payload.size(), " bytes, header says ", size));
  }
  if (Digest(payload) != bytes.substr(16, 32)) {
    return absl::DataLossError("model file damaged: payload SHA-256 does not match the header");
  }
  lightshow::v1::NnModel msg;
  if (!msg.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return absl::InvalidArgumentError("model file payload is not a valid NnModel message");
  }
  if (msg.layers_size() == 0) return absl::InvalidArgumentError("model file has no layers");
  ModelFile file;
  for (int i = 0; i < msg.layers_size(); ++i) {
    auto spec = FromProto(msg.layers(i), i);
    if (!spec.ok()) return spec.status();
    if (auto st = file.model.Add(*spec); !st.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("model file: ", st.message()));
    }
  }
  // Expected tensors: name -> (offset, rows, cols).
  struct Slot {
    Index offset, rows, cols;
  };
  std::map<std::string, Slot> slots;
  for (int i = 0; i < file.model.num_layers(); ++i) {
    Index offset = file.model.ParamOffset(i);
    for (const ParamInfo& p : file.model.layer(i).Params()) {
      slots[absl::StrCat(i, ".", p.name)] = {offset, p.rows, p.cols};
      offset += p.size();
    }
  }
  std::set<std::string> seen;
  for (const auto& t : msg.tensors()) {
    auto it = slots.find(t.name());
    if (it == slots.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("model file: unknown tensor \"", t.name(), "\" for this architecture"));
    }
    if (!seen.insert(t.name()).second) {
      return absl::InvalidArgumentError(absl::StrCat("model file: duplicate tensor \"", t.name(), "\""));
    }
    const Slot& s = it->second;
    if (t.shape_size() != 2 || t.shape(0) != s.rows || t.shape(1) != s.cols) {
      std::string got;
      for (int k = 0; k < t.shape_size(); ++k) absl::StrAppend(&got, k ? "x" : "", t.shape(k));
      return absl::InvalidArgumentError(absl::StrCat("model file: tensor \"", t.name(), "\" has shape ",
                                                     got.empty() ? "[]" : got, ", expected ",
                                                     s.rows, "x", s.cols));
    }
    if (t.data().size() != static_cast<size_t>(s.rows * s.cols) * 4) {
      return absl::InvalidArgumentError(absl::StrCat("model file: tensor \"", t.name(), "\" has ",
                                                     t.data().size(), " data bytes, expected ",
                                                     s.rows * s.cols * 4));
    }
    for (Index k = 0; k < s.rows * s.cols; ++k) {
      float f;
      std::memcpy(&f, t.data().data() + k * 4, 4);
      file.model.params()[s.offset + k] = static_cast<Scalar>(f);
    }
  }
  for (const auto& [name, slot] : slots) {
    if (!seen.count(name)) {
      return absl::InvalidArgumentError(absl::StrCat("model file: missing tensor \"", name, "\""));
    }
  }
  for (const auto& [k, v] : msg.metadata()) file.metadata[k] = v;
  return file;
}

absl::Status SaveModel(const std::string& path, const Sequential& model,
                       const std::map<std::string, std::string>& metadata) {
  auto bytes = SerializeModel(model, metadata);
  if (!bytes.ok()) return bytes.status();
  return WriteFileAtomic(path, *bytes);
}

absl::StatusOr<ModelFile> LoadModel(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  auto file = ParseModel(*bytes);
  if (!file.ok()) {
    return absl::Status(file.status().code(), absl::StrCat(path, ": ", file.status().message()));
  }
  return file;
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
