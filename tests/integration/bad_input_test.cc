// Every bad upload through the real lsctl: a clear error naming the problem,
// a non-zero exit, the server still up and the catalog unchanged. Edge cases
// that are valid (silence, 1–8 channels, 8–192 kHz) are accepted.
#include <cmath>
#include <limits>

#include "audio/encode.h"
#include "audio/synth.h"
#include "cluster.h"
#include "gtest/gtest.h"

namespace ls::it {
namespace {

std::string Wav(const std::vector<float>& interleaved, int channels, int rate,
                audio::Format f = audio::Format::kWavPcm16) {
  auto bytes = audio::EncodeAudio(interleaved, channels, rate, f);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? *bytes : std::string();
}

struct BadCase {
  std::string name;
  std::string bytes;
  std::string code;     // gRPC status name lsctl must print ("" = a local lsctl check)
  std::string keyword;  // part of the message that names the problem
};

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = new Cluster({"--max-upload-mb", "1"}); }
  static void TearDownTestSuite() { delete cluster_; }
  static Cluster* cluster_;

  size_t SongCount() {
    auto j = cluster_->LsctlJson({"songs"});
    return j["songs"].size();
  }
};
Cluster* BadInput::cluster_ = nullptr;

TEST_F(BadInput, EachIsRejectedWithAClearErrorAndNothingStored) {
  std::vector<float> tone = audio::Tone(440, 2.0, 44100);
  std::string good = Wav(tone, 1, 44100);
  std::vector<float> nan_audio = tone;
  nan_audio[5000] = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> inf_audio = tone;
  inf_audio[7000] = std::numeric_limits<float>::infinity();
  audio::Signal big = audio::MakeTune(12.0, 2);  // ~2 MiB as 16-bit stereo WAV

  std::vector<BadCase> cases = {
      // lsctl refuses an empty file before contacting the server (no status code).
      {"empty", "", "", "empty"},
      {"not-audio", std::string(20000, 'x') + "this is a text file, not a song", "INVALID_ARGUMENT",
       "not audio"},
      {"truncated-header", good.substr(0, 30), "INVALID_ARGUMENT", "truncated WAV header"},
      {"data-claims-more", good.substr(0, good.size() * 6 / 10), "INVALID_ARGUMENT", "claims"},
      {"shorter-than-a-frame", Wav(audio::Tone(440, 0.01, 44100), 1, 44100), "INVALID_ARGUMENT",
       "too short"},
      {"nan", Wav(nan_audio, 1, 44100, audio::Format::kWavFloat), "INVALID_ARGUMENT", "NaN"},
      {"inf", Wav(inf_audio, 1, 44100, audio::Format::kWavFloat), "INVALID_ARGUMENT", "infinite"},
      {"over-limit", Wav(big.samples, big.channels, big.sample_rate), "RESOURCE_EXHAUSTED", "limit"},
  };

  size_t before = SongCount();
  for (const auto& bc : cases) {
    SCOPED_TRACE(bc.name);
    std::string path = cluster_->dir().File(bc.name + ".wav");
    WriteAll(path, bc.bytes);
    auto r = cluster_->Lsctl({"submit", path});
    EXPECT_NE(r.exit_code, 0) << r.out;
    if (!bc.code.empty()) EXPECT_NE(r.err.find(bc.code), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(bc.keyword), std::string::npos) << r.err;
    EXPECT_TRUE(cluster_->server().Running()) << cluster_->server_log();
  }
  EXPECT_EQ(SongCount(), before) << "a rejected upload must not reach the catalog";
}

TEST_F(BadInput, MissingFileIsALocalErrorNamingIt) {
  auto r = cluster_->Lsctl({"submit", cluster_->dir().File("no-such-song.wav")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no-such-song.wav"), std::string::npos) << r.err;
}

TEST_F(BadInput, SilenceIsValidAndRendersAnAllDarkShow) {
  std::string path = cluster_->dir().File("silence.wav");
  WriteAll(path, Wav(audio::Silence(3.0, 44100), 1, 44100));
  auto j = cluster_->LsctlJson({"submit", path});
  ASSERT_EQ(j["songs"].size(), 1u) << j.dump();
  std::string masks = ReadAll(cluster_->data_dir() + "/blobs/shows/" +
                              j["songs"][0]["show_id"].get<std::string>());
  ASSERT_EQ(static_cast<int>(masks.size()), j["songs"][0]["frame_count"].get<int>());
  EXPECT_EQ(masks, std::string(masks.size(), '\0'));
}

TEST_F(BadInput, ChannelCountsAndRatesAtTheEdgesAreValid) {
  struct Edge { int channels; int rate; };
  for (Edge e : {Edge{1, 8000}, Edge{8, 44100}, Edge{2, 192000}, Edge{6, 22050}}) {
    SCOPED_TRACE(std::to_string(e.channels) + " ch @ " + std::to_string(e.rate));
    audio::Signal s = audio::ToChannels(audio::Chirp(100, 3000, 1.0, e.rate), e.channels, e.rate);
    std::string path = cluster_->dir().File("edge-" + std::to_string(e.channels) + "-" +
                                            std::to_string(e.rate) + ".wav");
    WriteAll(path, Wav(s.samples, s.channels, s.sample_rate));
    auto j = cluster_->LsctlJson({"submit", path});
    ASSERT_EQ(j["songs"].size(), 1u) << j.dump();
    EXPECT_EQ(j["songs"][0]["source_channels"].get<int>(), e.channels);
    EXPECT_EQ(j["songs"][0]["source_sample_rate"].get<int>(), e.rate);
    EXPECT_NEAR(j["songs"][0]["duration_s"].get<double>(), 1.0, 0.01);
  }
}

}  // namespace
}  // namespace ls::it
