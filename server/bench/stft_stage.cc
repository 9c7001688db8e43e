// b. stft — the peer's stft_stage(): for hop 1024 and 512, every song is
// framed (1024 samples, incomplete tail dropped), Hann-windowed, |rfft|'d,
// log1p'd and min-max normalised over the song. "pipeline_scipy" is the whole
// stage, the peer's key with the same definition; here it is the product's
// fused FFTW path (dsp::Stft::Features). The split path (Magnitude, then
// Log1pMinMax) is timed too and checked against it, as the peer checks
// numpy's FFT against scipy's.
#include <algorithm>
#include <cmath>

#include "bench/stages.h"
#include "bench/stats.h"

namespace ls::bench {
namespace {

double MeanOf(const std::vector<float>& v) {
  double s = 0.0;
  for (float f : v) s += f;
  return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

}  // namespace

absl::StatusOr<Json> StftStage(const std::vector<Song>& songs, int repeats, Features* features) {
  const dsp::Stft& stft = dsp::SharedStft();  // plans once, outside the timings
  Json results;
  for (int hop : {1024, 512}) {
    std::vector<double> t_split_mag, t_split_norm, t_pipe;
    std::vector<dsp::Spectrogram> feats;  // hop 1024 only: the later stages' input
    std::vector<int64_t> frames;
    std::vector<double> mean_per_song;
    double max_diff = 0.0;
    for (int r = 0; r < repeats; ++r) {
      double mag_s = 0.0, norm_s = 0.0, pipe_s = 0.0;
      feats.clear();
      frames.clear();
      mean_per_song.clear();
      for (const Song& s : songs) {
        double t0 = Now();
        absl::StatusOr<dsp::Spectrogram> split = stft.Magnitude(s.x.data(), s.x.size(), hop);
        if (!split.ok()) return split.status();
        double t1 = Now();
        dsp::Log1pMinMax(*split);
        double t2 = Now();
        mag_s += t1 - t0;
        norm_s += t2 - t1;
        t0 = Now();
        absl::StatusOr<dsp::Spectrogram> fused = stft.Features(s.x.data(), s.x.size(), hop);
        if (!fused.ok()) return fused.status();
        pipe_s += Now() - t0;
        for (size_t i = 0; i < fused->data.size(); ++i) {
          max_diff = std::max(max_diff, std::fabs(double(fused->data[i]) - split->data[i]));
        }
        frames.push_back(fused->frames);
        mean_per_song.push_back(MeanOf(fused->data));
        // Only hop 1024 feeds later stages; not keeping hop 512 keeps the peak low.
        if (hop == 1024) feats.push_back(std::move(*fused));
      }
      t_split_mag.push_back(mag_s);
      t_split_norm.push_back(norm_s);
      t_pipe.push_back(pipe_s);
    }
    int64_t n_frames = 0;
    Json per_song = Json::array(), means = Json::array();
    for (size_t i = 0; i < frames.size(); ++i) {
      n_frames += frames[i];
      per_song.push_back(frames[i]);
      means.push_back(mean_per_song[i]);
    }
    Json res;
    res["n_frames"] = n_frames;
    res["frames_per_song"] = per_song;
    res["mean_feature_per_song"] = means;
    res["max_abs_diff_fused_vs_split"] = max_diff;
    auto timed = [&](const char* key, const std::vector<double>& t) {
      Json st = Stats(t);
      st["ns_per_frame_median"] = st["median_s"].get<double>() * 1e9 / double(n_frames);
      res[key] = std::move(st);
    };
    timed("window_rfft_abs", t_split_mag);  // frame + window + FFTW r2c + |.|
    timed("log1p_norm", t_split_norm);
    timed("pipeline_scipy", t_pipe);
    res["pipeline_impl"] = "fftw3f r2c, fused window/abs/log1p (dsp::Stft::Features)";
    results["hop" + std::to_string(hop)] = std::move(res);
    if (hop == 1024) (*features)[hop] = std::move(feats);
  }
  return results;
}

}  // namespace ls::bench
