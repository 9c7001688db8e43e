#include "nn/model_file.h"

#include <cstring>
#include <filesystem>

#include <gtest/gtest.h>

#include "common/sha256.h"
#include "lightshow/v1/model.pb.h"
#include "nn/tasks.h"

namespace ls::nn {
namespace {

Sequential SmallModel() {
  Sequential m(9);
  EXPECT_TRUE(m.Add(spec::Conv1D(1, 3, 5, 1, 2, 32)).ok());
  EXPECT_TRUE(m.Add(spec::Relu()).ok());
  EXPECT_TRUE(m.Add(spec::MaxPool1D(4)).ok());
  EXPECT_TRUE(m.Add(spec::Gru(0, 4, true)).ok());
  EXPECT_TRUE(m.Add(spec::Flatten()).ok());
  LayerSpec d = spec::Dense(0, 3);
  d.activity_l1 = 0.25f;
  EXPECT_TRUE(m.Add(d).ok());
  EXPECT_TRUE(m.Add(spec::Softmax(2.0f)).ok());
  return m;
}

// Re-frames an edited payload with a valid header.
std::string Frame(const lightshow::v1::NnModel& msg, uint32_t version = kModelVersion) {
  std::string payload = msg.SerializeAsString();
  std::string out(kModelMagic, 4);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((version >> (8 * i)) & 0xff));
  const uint64_t size = payload.size();
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
  const std::string hex = Sha256Hex(payload);
  for (int i = 0; i < 32; ++i) out.push_back(static_cast<char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16)));
  return out + payload;
}

lightshow::v1::NnModel Payload(const std::string& bytes) {
  lightshow::v1::NnModel msg;
  EXPECT_TRUE(msg.ParseFromString(bytes.substr(kModelHeaderSize)));
  return msg;
}

TEST(ModelFile, RoundTripIsBitExact) {
  Sequential m = SmallModel();
  // Values that text formats would round: subnormals, negative zero, extremes.
  m.params()[0] = 1e-40f;
  m.params()[1] = -0.0f;
  m.params()[2] = 3.4028235e38f;
  auto bytes = SerializeModel(m, {{"task", "test"}});
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto file = ParseModel(*bytes);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_EQ(file->model.NumParams(), m.NumParams());
  EXPECT_EQ(std::memcmp(file->model.params().data(), m.params().data(),
                        sizeof(float) * m.NumParams()), 0);
  EXPECT_EQ(file->metadata.at("task"), "test");
  EXPECT_EQ(file->model.layer(5).spec().activity_l1, 0.25f);
  EXPECT_EQ(file->model.layer(6).spec().rate, 2.0f);
  auto again = SerializeModel(file->model, file->metadata);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *bytes);
  // Same outputs.
  Matrix x = Matrix::Random(32, 3), a, b;
  m.Predict(x, a);
  file->model.Predict(x, b);
  EXPECT_TRUE(a == b);
}

TEST(ModelFile, SaveAndLoadThroughAFile) {
  auto ae = BuildDenseAutoencoder(DenseAeSpec{}, 3);
  ASSERT_TRUE(ae.ok());
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / "nn_model_file_test.lsnn").string();
  ASSERT_TRUE(SaveModel(path, ae->model, {{"code_layer", "4"}}).ok());
  auto file = LoadModel(path);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_TRUE(file->model.params() == ae->model.params());
  std::filesystem::remove(path);
  EXPECT_FALSE(LoadModel(path).ok());
}

TEST(ModelFile, RejectsMalformedFiles) {
  Sequential m = SmallModel();
  const std::string good = *SerializeModel(m);
  auto expect_error = [](const std::string& bytes, const std::string& needle) {
    auto r = ParseModel(bytes);
    ASSERT_FALSE(r.ok()) << "accepted: " << needle;
    EXPECT_NE(std::string(r.status().message()).find(needle), std::string::npos)
        << r.status().message();
  };
  std::string bad = good;
  bad[0] = 'X';
  expect_error(bad, "bad magic");
  expect_error("", "bad magic");
  {
    std::string v = good;
    v[4] = 2;
    expect_error(v, "version 2");
  }
  expect_error(good.substr(0, 20), "truncated");
  expect_error(good.substr(0, good.size() - 1), "truncated");
  {
    std::string damaged = good;
    damaged[good.size() - 3] ^= 0x40;
    auto r = ParseModel(damaged);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
  }
  {
    auto msg = Payload(good);
    msg.mutable_tensors(0)->set_name("0.weights");
    expect_error(Frame(msg), "unknown tensor \"0.weights\"");
  }
  {
    auto msg = Payload(good);
    msg.mutable_tensors(0)->set_shape(1, 99);
    expect_error(Frame(msg), "has shape 3x99, expected 3x5");
  }
  {
    auto msg = Payload(good);
    msg.mutable_tensors()->RemoveLast();
    expect_error(Frame(msg), "missing tensor");
  }
  {
    auto msg = Payload(good);
    *msg.add_tensors() = msg.tensors(0);
    expect_error(Frame(msg), "duplicate tensor");
  }
  {
    auto msg = Payload(good);
    msg.mutable_tensors(0)->mutable_data()->pop_back();
    expect_error(Frame(msg), "data bytes");
  }
  {
    auto msg = Payload(good);
    msg.mutable_layers(0)->set_kind("conv3d");
    expect_error(Frame(msg), "unknown kind");
  }
  {
    auto msg = Payload(good);
    msg.mutable_layers(5)->set_units_in(7);  // no longer fits the GRU output
    expect_error(Frame(msg), "expects input");
  }
  {
    auto msg = Payload(good);
    msg.mutable_layers(0)->set_kernel(0);
    expect_error(Frame(msg), "kernel must be");
  }
  expect_error(Frame(Payload(good), 7), "version 7");
}

}  // namespace
}  // namespace ls::nn
