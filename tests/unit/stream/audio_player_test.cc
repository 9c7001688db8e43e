// The server's own audio output: a play decodes the stored song once, in its
// own channels and rate, and the null sink keeps time in frames.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include "audio/decode_playback.h"
#include "audio/synth.h"
#include "common/clock.h"
#include "stream/audio_output.h"
#include "stream/audio_player.h"
#include "temp_dir.h"
#include "wait_for.h"

namespace ls::stream {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

struct SinkLine {
  std::string play_id;
  long long start_ns = 0, first_ns = 0, frames = 0;
  int rate = 0, channels = 0;
};

SinkLine ParseLine(const std::string& line) {
  SinkLine s;
  char id[64] = {0};
  EXPECT_EQ(std::sscanf(line.c_str(), "%63[^,],%lld,%lld,%lld,%d,%d", id, &s.start_ns, &s.first_ns,
                        &s.frames, &s.rate, &s.channels),
            6)
      << line;
  s.play_id = id;
  return s;
}

// Left and right differ: a 440 Hz tone on the left, a quieter 660 Hz on the right.
audio::Signal TwoToneStereo(double seconds, int rate) {
  const auto l = audio::Tone(440.0, seconds, rate, 0.5f);
  const auto r = audio::Tone(660.0, seconds, rate, 0.25f);
  audio::Signal s;
  s.channels = 2;
  s.sample_rate = rate;
  for (size_t i = 0; i < l.size(); ++i) {
    s.samples.push_back(l[i]);
    s.samples.push_back(r[i]);
  }
  return s;
}

// The real null sink (it keeps the time), plus a copy of what it was handed.
class RecordingOutput : public NullAudioOutput {
 public:
  explicit RecordingOutput(std::string path) : NullAudioOutput(std::move(path)) {}
  absl::Status Play(const std::string& play_id, const audio::Signal& pcm, int64_t start_ns,
                    const std::atomic<bool>& cancel) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      got_.push_back(pcm);
    }
    return NullAudioOutput::Play(play_id, pcm, start_ns, cancel);
  }
  std::vector<audio::Signal> got() {
    std::lock_guard<std::mutex> lock(mu_);
    return got_;
  }

 private:
  std::mutex mu_;
  std::vector<audio::Signal> got_;
};

TEST(AudioPlayer, HandsTheOutputTheStoredSongsStereoFramesDecodedOncePerPlay) {
  testutil::TempDir tmp;
  const std::string sink = tmp.File("audio.csv");
  const audio::Signal song = TwoToneStereo(0.2, 48000);  // not 44.1 kHz: the source rate is kept
  auto bytes = audio::EncodeAudio(song.samples, 2, 48000, audio::Format::kWavFloat);
  ASSERT_TRUE(bytes.ok()) << bytes.status();

  std::atomic<int> decodes{0};
  auto out = std::make_unique<RecordingOutput>(sink);
  RecordingOutput* rec = out.get();
  AudioPlayer player(std::move(out), [&](std::string_view b) {
    ++decodes;
    return audio::DecodeForPlayback(b);
  });
  auto load = [&]() -> absl::StatusOr<std::string> { return *bytes; };

  const int64_t start = NowUnixNs() + 20'000'000;
  player.Start("p1", load, start);
  std::vector<std::string> lines;
  ASSERT_TRUE(testutil::WaitFor([&] { return (lines = ReadLines(sink)).size() == 1; }, 5000ms));
  EXPECT_EQ(decodes.load(), 1) << "one decode per play";
  auto got = rec->got();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].channels, 2);
  EXPECT_EQ(got[0].sample_rate, 48000);
  ASSERT_EQ(got[0].frames(), song.frames());
  EXPECT_EQ(got[0].samples, song.samples) << "the stored song's interleaved frames, not a mono mix";
  int differ = 0;
  for (int64_t f = 0; f < got[0].frames(); ++f) differ += got[0].samples[2 * f] != got[0].samples[2 * f + 1];
  EXPECT_GT(differ, got[0].frames() / 2) << "left and right are kept apart";

  const SinkLine l = ParseLine(lines[0]);
  EXPECT_EQ(l.play_id, "p1");
  EXPECT_EQ(l.start_ns, start) << "same start as the show";
  // Every frame, counted once per frame (the sink wakes a hair after the start
  // and skips what is already due, as a late start would).
  EXPECT_LE(l.frames, song.frames());
  EXPECT_GE(l.frames, song.frames() - 480) << "at most 10 ms skipped";
  EXPECT_EQ(l.rate, 48000);
  EXPECT_EQ(l.channels, 2);

  // A second play decodes again (once), from the stored bytes.
  player.Start("p2", load, NowUnixNs() + 20'000'000);
  ASSERT_TRUE(testutil::WaitFor([&] { return ReadLines(sink).size() == 2; }, 5000ms));
  EXPECT_EQ(decodes.load(), 2);
}

TEST(AudioPlayer, UndecodableSongPlaysNothing) {
  testutil::TempDir tmp;
  const std::string sink = tmp.File("audio.csv");
  std::atomic<int> decodes{0};
  {
    AudioPlayer player(std::make_unique<NullAudioOutput>(sink), [&](std::string_view b) {
      ++decodes;
      return audio::DecodeForPlayback(b);
    });
    player.Start("bad", [] { return absl::StatusOr<std::string>("not audio at all"); }, NowUnixNs());
    ASSERT_TRUE(testutil::WaitFor([&] { return decodes.load() == 1; }, 5000ms));
  }  // joins the worker
  EXPECT_TRUE(ReadLines(sink).empty());
}

TEST(AudioOutput, NullSinkCountsTimeInFramesWhateverTheChannels) {
  testutil::TempDir tmp;
  const std::string sink = tmp.File("audio.csv");
  NullAudioOutput out(sink);
  std::atomic<bool> cancel{false};
  constexpr int kRate = 8000;
  const audio::Signal mono = audio::ToChannels(audio::Tone(440.0, 0.25, kRate), 1, kRate);
  const audio::Signal stereo = TwoToneStereo(0.25, kRate);
  for (const audio::Signal* s : {&mono, &stereo}) {
    const int64_t start = NowUnixNs() + 10'000'000;
    ASSERT_TRUE(out.Play("on-time", *s, start, cancel).ok());
    const double took_ms = (NowUnixNs() - start) / 1e6;
    EXPECT_GE(took_ms, 245) << s->channels << " channels: 2000 frames at 8 kHz last 250 ms";
    EXPECT_LT(took_ms, 450) << s->channels << " channels";
  }
  // A late start skips by time: 100 ms late = 800 frames, whatever the channels.
  for (const audio::Signal* s : {&mono, &stereo}) {
    ASSERT_TRUE(out.Play("late", *s, NowUnixNs() - 100'000'000, cancel).ok());
  }
  auto lines = ReadLines(sink);
  ASSERT_EQ(lines.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    const SinkLine l = ParseLine(lines[i]);
    EXPECT_EQ(l.rate, kRate);
    EXPECT_EQ(l.channels, i % 2 == 0 ? 1 : 2);
    if (i < 2) {
      EXPECT_LE(l.frames, 2000) << lines[i];
      EXPECT_GE(l.frames, 2000 - 80) << lines[i];  // waking ≤ 10 ms after the start skips what is due
    } else {
      EXPECT_LE(l.frames, 1200) << lines[i];
      EXPECT_GE(l.frames, 1200 - 400) << lines[i];  // up to 50 ms of scheduling slack
    }
  }
}

TEST(AudioOutput, RefusesWhatIsNotWholeFrames) {
  NullAudioOutput out("");
  std::atomic<bool> cancel{false};
  audio::Signal s;
  s.samples = {0.1f, 0.2f, 0.3f};
  s.channels = 2;
  s.sample_rate = 8000;
  EXPECT_EQ(out.Play("x", s, NowUnixNs(), cancel).code(), absl::StatusCode::kInvalidArgument);
  s.channels = 0;
  EXPECT_EQ(out.Play("x", s, NowUnixNs(), cancel).code(), absl::StatusCode::kInvalidArgument);
  s.channels = 1;
  s.sample_rate = 0;
  EXPECT_EQ(out.Play("x", s, NowUnixNs(), cancel).code(), absl::StatusCode::kInvalidArgument);
}

double Rms(const audio::Signal& s, int channel) {
  double sum = 0;
  for (int64_t f = 0; f < s.frames(); ++f) {
    const double v = s.samples[static_cast<size_t>(f * s.channels + channel)];
    sum += v * v;
  }
  return s.frames() > 0 ? std::sqrt(sum / s.frames()) : 0.0;
}

TEST(AudioPlayerDecode, MonoStaysMonoAtItsOwnRate) {
  const auto tone = audio::Tone(440.0, 0.2, 22050);
  auto bytes = audio::EncodeAudio(tone, 1, 22050, audio::Format::kWavFloat);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto pcm = audio::DecodeForPlayback(*bytes);
  ASSERT_TRUE(pcm.ok()) << pcm.status();
  EXPECT_EQ(pcm->channels, 1);
  EXPECT_EQ(pcm->sample_rate, 22050);
  EXPECT_EQ(pcm->samples, tone);
}

TEST(AudioPlayerDecode, StereoKeepsItsSidesThroughFlac) {
  const auto tone = audio::Tone(440.0, 0.3, 44100, 0.5f);
  std::vector<float> lr;
  for (float v : tone) lr.insert(lr.end(), {v, 0.0f});  // right is silent
  auto bytes = audio::EncodeAudio(lr, 2, 44100, audio::Format::kFlac);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto pcm = audio::DecodeForPlayback(*bytes);
  ASSERT_TRUE(pcm.ok()) << pcm.status();
  ASSERT_EQ(pcm->channels, 2);
  EXPECT_EQ(pcm->frames(), static_cast<int64_t>(tone.size()));
  EXPECT_NEAR(Rms(*pcm, 0), 0.5 / std::sqrt(2.0), 0.01);
  EXPECT_LT(Rms(*pcm, 1), 1e-3);
}

TEST(AudioPlayerDecode, SixChannelsAreDownmixedToStereo) {
  constexpr int kCh = 6, kRate = 48000;
  const auto tone = audio::Tone(440.0, 0.1, kRate, 0.5f);
  auto six = [&](int channel) {
    std::vector<float> x(tone.size() * kCh, 0.0f);
    for (size_t i = 0; i < tone.size(); ++i) x[i * kCh + channel] = tone[i];
    return x;
  };
  // Channel 0 (front left) only → the left side only.
  auto bytes = audio::EncodeAudio(six(0), kCh, kRate, audio::Format::kWavFloat);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto pcm = audio::DecodeForPlayback(*bytes);
  ASSERT_TRUE(pcm.ok()) << pcm.status();
  ASSERT_EQ(pcm->channels, 2);
  EXPECT_EQ(pcm->sample_rate, kRate);
  EXPECT_EQ(pcm->frames(), static_cast<int64_t>(tone.size()));
  EXPECT_GT(Rms(*pcm, 0), 0.05);
  EXPECT_EQ(Rms(*pcm, 1), 0.0);
  // Channel 2 (centre) only → both sides alike.
  bytes = audio::EncodeAudio(six(2), kCh, kRate, audio::Format::kWavFloat);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  pcm = audio::DecodeForPlayback(*bytes);
  ASSERT_TRUE(pcm.ok()) << pcm.status();
  EXPECT_GT(Rms(*pcm, 0), 0.05);
  EXPECT_NEAR(Rms(*pcm, 0), Rms(*pcm, 1), 1e-6);
}

}  // namespace
}  // namespace ls::stream
