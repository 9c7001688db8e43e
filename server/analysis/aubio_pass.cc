#include "analysis/aubio_pass.h"

#include <aubio/aubio.h>

#include <algorithm>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"

namespace ls::analysis {
namespace {

struct TempoDeleter {
  void operator()(aubio_tempo_t* t) const { del_aubio_tempo(t); }
};
struct OnsetDeleter {
  void operator()(aubio_onset_t* o) const { del_aubio_onset(o); }
};
struct FvecDeleter {
  void operator()(fvec_t* v) const { del_fvec(v); }
};

}  // namespace

absl::StatusOr<AubioResult> RunAubio(const float* samples, size_t n, int sample_rate, int window,
                                     int hop) {
  if (window <= 0 || hop <= 0 || hop > window) {
    return absl::InvalidArgumentError(absl::StrCat("aubio window/hop must satisfy 0 < hop <= window, got ",
                                                   window, "/", hop));
  }
  std::unique_ptr<aubio_tempo_t, TempoDeleter> tempo(
      new_aubio_tempo("default", window, hop, static_cast<uint_t>(sample_rate)));
  std::unique_ptr<aubio_onset_t, OnsetDeleter> onset(
      new_aubio_onset("default", window, hop, static_cast<uint_t>(sample_rate)));
  std::unique_ptr<fvec_t, FvecDeleter> in(new_fvec(hop)), beat(new_fvec(2)), hit(new_fvec(1));
  if (!tempo || !onset || !in || !beat || !hit) {
    return absl::InternalError(absl::StrCat("aubio refused window ", window, ", hop ", hop,
                                            " at ", sample_rate, " Hz"));
  }
  // Onsets closer than 50 ms are one event for a light.
  aubio_onset_set_minioi_ms(onset.get(), 50);
  // Silence is handled by the caller, from the loudness envelope.
  aubio_tempo_set_silence(tempo.get(), -200.f);
  AubioResult r;
  // The beat tracker and the onset detector are independent: one core each.
  std::thread beats([&] {
    std::unique_ptr<fvec_t, FvecDeleter> block(new_fvec(hop));
    for (size_t pos = 0; pos < n; pos += static_cast<size_t>(hop)) {
      const size_t take = std::min(n - pos, static_cast<size_t>(hop));
      std::copy_n(samples + pos, take, block->data);
      std::fill(block->data + take, block->data + hop, 0.f);
      // A beat is reported through its position, not the output flag: aubio
      // 0.4.9 writes the beat's fractional hop offset there, which is 0 for a
      // beat that falls exactly on a hop, and such beats would be lost.
      const uint_t before = aubio_tempo_get_last(tempo.get());
      aubio_tempo_do(tempo.get(), block.get(), beat.get());
      const uint_t last = aubio_tempo_get_last(tempo.get());
      if (last != before) {
        r.beats_s.push_back(double(last) / sample_rate);
        r.confidences.push_back(aubio_tempo_get_confidence(tempo.get()));
      }
    }
  });
  for (size_t pos = 0; pos < n; pos += static_cast<size_t>(hop)) {
    const size_t take = std::min(n - pos, static_cast<size_t>(hop));
    std::copy_n(samples + pos, take, in->data);
    std::fill(in->data + take, in->data + hop, 0.f);
    aubio_onset_do(onset.get(), in.get(), hit.get());
    if (hit->data[0] != 0) {
      r.onsets.push_back(Onset{aubio_onset_get_last_s(onset.get()),
                               aubio_onset_get_descriptor(onset.get())});
    }
  }
  beats.join();
  return r;
}

}  // namespace ls::analysis
