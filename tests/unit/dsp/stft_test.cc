// STFT against a direct double-precision DFT, frame counting and features.
//
// Accuracy bound: FFTW in single precision has a relative error of about
// ε·log2(N) ≈ 1e-6 of the spectrum's scale; the test allows 1e-4 of the
// frame's peak magnitude, which still catches a wrong window (periodic vs
// symmetric Hann differs by ~1e-3 of the peak) or a wrong bin order.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <iostream>
#include <random>
#include <thread>

#include "dsp/stft.h"

namespace ls::dsp {
namespace {

std::vector<float> Random(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> x(n);
  for (float& v : x) v = u(rng);
  return x;
}

// |DFT(hann · x[start .. start+1024))| in double, straight from the definition.
std::vector<double> DirectMagnitude(const std::vector<float>& x, size_t start) {
  std::vector<double> mag(kBins);
  for (int k = 0; k < kBins; ++k) {
    double re = 0, im = 0;
    for (int n = 0; n < kFrameSize; ++n) {
      double w = 0.5 - 0.5 * std::cos(2 * M_PI * n / kFrameSize);
      double a = -2 * M_PI * double(k) * n / kFrameSize;
      re += w * x[start + n] * std::cos(a);
      im += w * x[start + n] * std::sin(a);
    }
    mag[k] = std::hypot(re, im);
  }
  return mag;
}

TEST(StftTest, FrameCount) {
  EXPECT_EQ(FrameCount(0, 1024), 0);
  EXPECT_EQ(FrameCount(1023, 1024), 0);
  EXPECT_EQ(FrameCount(1024, 1024), 1);
  EXPECT_EQ(FrameCount(2047, 1024), 1);
  EXPECT_EQ(FrameCount(2048, 1024), 2);
  EXPECT_EQ(FrameCount(2048, 512), 3);
  EXPECT_EQ(FrameCount(44100, 1024), 1 + (44100 - 1024) / 1024);
  EXPECT_EQ(FrameCount(44100, 512), 1 + (44100 - 1024) / 512);
  EXPECT_EQ(FrameCount(5000, 0), 0);
}

class StftHopTest : public ::testing::TestWithParam<int> {};

TEST_P(StftHopTest, MatchesDirectDftOnRandomFrames) {
  const int hop = GetParam();
  std::vector<float> x = Random(20000, 11);
  auto spec = SharedStft().Magnitude(x.data(), x.size(), hop);
  ASSERT_TRUE(spec.ok()) << spec.status();
  ASSERT_EQ(spec->frames, FrameCount(x.size(), hop));
  ASSERT_EQ(spec->bins, kBins);
  ASSERT_EQ(spec->hop, hop);
  ASSERT_EQ(spec->data.size(), size_t(spec->frames) * kBins);
  for (int f : {0, 1, spec->frames / 2, spec->frames - 1}) {
    std::vector<double> ref = DirectMagnitude(x, size_t(f) * hop);
    double peak = *std::max_element(ref.begin(), ref.end()), worst = 0;
    for (int k = 0; k < kBins; ++k) worst = std::max(worst, std::fabs(spec->row(f)[k] - ref[k]));
    EXPECT_LE(worst / peak, 1e-4) << "frame " << f;
  }
}

INSTANTIATE_TEST_SUITE_P(Hops, StftHopTest, ::testing::Values(1024, 512, 300));

TEST(StftTest, ToneLandsInItsBin) {
  // Bin 100 centre = 100·44100/1024 Hz.
  std::vector<float> x(4096);
  for (size_t i = 0; i < x.size(); ++i) x[i] = std::sin(2 * M_PI * 100.0 * i / kFrameSize);
  auto spec = SharedStft().Magnitude(x.data(), x.size(), 1024);
  ASSERT_TRUE(spec.ok());
  const float* r = spec->row(1);
  EXPECT_EQ(std::max_element(r, r + kBins) - r, 100);
  EXPECT_NEAR(r[100], kFrameSize / 4.0, 1e-2);  // amplitude·N/4 for periodic Hann
  EXPECT_NEAR(r[99], kFrameSize / 8.0, 1e-2);   // Hann main lobe: half on neighbours
}

TEST(StftTest, LongInputUsesBothHalvesCorrectly) {
  // Above the parallel threshold; both halves must match a single-frame call.
  std::vector<float> x = Random(1024 * 5000, 3);
  auto spec = SharedStft().Magnitude(x.data(), x.size(), 1024);
  ASSERT_TRUE(spec.ok());
  for (int f : {0, 2499, 2500, 4999}) {
    auto one = SharedStft().Magnitude(x.data() + size_t(f) * 1024, 1024, 1024);
    ASSERT_TRUE(one.ok());
    for (int k = 0; k < kBins; ++k) ASSERT_EQ(spec->row(f)[k], one->row(0)[k]) << f << "," << k;
  }
}

TEST(StftTest, ConcurrentCallsAgree) {
  std::vector<float> x = Random(100000, 5);
  auto ref = SharedStft().Magnitude(x.data(), x.size(), 512);
  ASSERT_TRUE(ref.ok());
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Stft own;  // planning concurrently with other calls must be safe too
      auto a = own.Magnitude(x.data(), x.size(), 512);
      auto b = SharedStft().Magnitude(x.data(), x.size(), 512);
      same[t] = a.ok() && b.ok() && b->data == ref->data;
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_TRUE(same[t]) << "thread " << t;
}

TEST(StftTest, RejectsBadArguments) {
  std::vector<float> x(2048, 0.0f);
  EXPECT_EQ(SharedStft().Magnitude(x.data(), x.size(), 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SharedStft().Magnitude(x.data(), x.size(), -5).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto short_audio = SharedStft().Magnitude(x.data(), 1000, 512);
  EXPECT_EQ(short_audio.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(short_audio.status().message().find("shorter than one frame"), std::string::npos);
}

TEST(StftTest, SilenceGivesZeros) {
  std::vector<float> x(10000, 0.0f);
  auto spec = SharedStft().Magnitude(x.data(), x.size(), 512);
  ASSERT_TRUE(spec.ok());
  Log1pMinMax(*spec);
  for (float v : spec->data) ASSERT_EQ(v, 0.0f);
}

TEST(StftTest, Log1pMinMaxSpansZeroToOne) {
  std::vector<float> x = Random(8192, 9);
  auto spec = SharedStft().Magnitude(x.data(), x.size(), 1024);
  ASSERT_TRUE(spec.ok());
  const float a = spec->data[7], b = spec->data[900];
  Log1pMinMax(*spec);
  auto [lo, hi] = std::minmax_element(spec->data.begin(), spec->data.end());
  EXPECT_EQ(*lo, 0.0f);
  EXPECT_NEAR(*hi, 1.0f, 1e-6);
  // Monotone: the order of any two values is kept.
  EXPECT_EQ(a < b, spec->data[7] < spec->data[900]);
}

TEST(StftTest, FeaturesEqualMagnitudeThenLog1pMinMax) {
  for (size_t n : {size_t(5000), size_t(1024 * 3000)}) {  // one thread and two
    std::vector<float> x = Random(n, 21);
    for (size_t i = 0; i < n; i += 7) x[i] *= 0.01f;  // a spread of magnitudes
    auto fused = SharedStft().Features(x.data(), x.size(), 512);
    auto spec = SharedStft().Magnitude(x.data(), x.size(), 512);
    ASSERT_TRUE(fused.ok() && spec.ok());
    Log1pMinMax(*spec);
    ASSERT_EQ(fused->data.size(), spec->data.size());
    float worst = 0;
    for (size_t i = 0; i < spec->data.size(); ++i) {
      worst = std::max(worst, std::fabs(fused->data[i] - spec->data[i]));
    }
    EXPECT_LE(worst, 1e-6f) << n;
  }
  std::vector<float> silence(4096, 0.0f);
  auto quiet = SharedStft().Features(silence.data(), silence.size(), 1024);
  ASSERT_TRUE(quiet.ok());
  for (float v : quiet->data) ASSERT_EQ(v, 0.0f);
  EXPECT_FALSE(SharedStft().Features(silence.data(), 100, 1024).ok());
}

TEST(StftTest, Log1pIsAccurate) {
  // The vectorized log1p against std::log1p in double over many magnitudes.
  Spectrogram s;
  s.frames = 1;
  s.data.resize(kBins);
  for (int k = 0; k < kBins; ++k) s.data[k] = k == 0 ? 0.0f : std::pow(10.0f, -7.0f + 10.0f * k / kBins);
  std::vector<double> want(kBins);
  for (int k = 0; k < kBins; ++k) want[k] = std::log1p(double(s.data[k]));
  Log1pMinMax(s);
  const double lo = want[0], hi = want[kBins - 1];
  for (int k = 0; k < kBins; ++k) {
    double got = lo + s.data[k] * (hi - lo);
    ASSERT_NEAR(got, want[k], 2e-6 * std::max(1.0, want[k])) << "value " << std::pow(10.0, -7.0 + 10.0 * k / kBins);
  }
}

// Not a benchmark (lightshow-bench is); logs the cost per frame. CPU time
// (all threads) is reported beside wall time because wall time on a busy
// machine says little.
TEST(StftTest, ReportsTimePerFrame) {
  struct Times {
    double wall, cpu;
  };
  auto measure = [](const std::function<void()>& fn) {
    timespec c0, c1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    auto w0 = std::chrono::steady_clock::now();
    fn();
    auto w1 = std::chrono::steady_clock::now();
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    return Times{std::chrono::duration<double>(w1 - w0).count(),
                 double(c1.tv_sec - c0.tv_sec) + 1e-9 * double(c1.tv_nsec - c0.tv_nsec)};
  };
  std::vector<float> x = Random(44100 * 180, 1);  // a 3-minute song
  for (int hop : {1024, 512}) {
    const int frames = FrameCount(x.size(), hop);
    Times mag{1e9, 1e9}, feat{1e9, 1e9};
    for (int rep = 0; rep < 5; ++rep) {
      Times m = measure([&] { ASSERT_TRUE(SharedStft().Magnitude(x.data(), x.size(), hop).ok()); });
      Times f = measure([&] { ASSERT_TRUE(SharedStft().Features(x.data(), x.size(), hop).ok()); });
      mag = {std::min(mag.wall, m.wall), std::min(mag.cpu, m.cpu)};
      feat = {std::min(feat.wall, f.wall), std::min(feat.cpu, f.cpu)};
    }
    std::cout << "hop " << hop << " (" << frames << " frames), ns/frame wall/cpu: Magnitude "
              << mag.wall * 1e9 / frames << "/" << mag.cpu * 1e9 / frames << ", Features "
              << feat.wall * 1e9 / frames << "/" << feat.cpu * 1e9 / frames << "\n";
  }
}

}  // namespace
}  // namespace ls::dsp
