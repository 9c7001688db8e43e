// lightshow-tune OUT.wav [--carol] [--seconds S] [--seed N]: writes a demo song,
// the carol or a seeded tune.
#include <iostream>

#include "CLI/CLI.hpp"
#include "audio/carol.h"
#include "audio/synth.h"
#include "common/files.h"

int main(int argc, char** argv) {
  CLI::App app{"Writes a synthesized demo song (stereo 16-bit WAV, 44.1 kHz)"};
  std::string out;
  double seconds = 24.0;
  uint32_t seed = 1;
  bool carol = false;
  app.add_option("OUT", out, "output WAV path")->required();
  auto* secs = app.add_option("--seconds", seconds, "length in seconds (the carol: cut it there)")
                   ->check(CLI::Range(4.0, 600.0));
  auto* seed_opt = app.add_option("--seed", seed, "melody seed of a tune");
  app.add_flag("--carol", carol,
               "the carol instead of a tune: Jingle Bells (Pierpont, 1857), quiet verse and loud "
               "chorus, about 60 s")
      ->excludes(seed_opt);
  CLI11_PARSE(app, argc, argv);

  ls::audio::Signal song = carol ? ls::audio::MakeCarol(secs->count() > 0 ? seconds : 0.0)
                                 : ls::audio::MakeTune(seconds, seed);
  auto wav = ls::audio::EncodeAudio(song.samples, song.channels, song.sample_rate,
                                    ls::audio::Format::kWavPcm16);
  absl::Status st = wav.ok() ? ls::WriteFileAtomic(out, *wav) : wav.status();
  if (!st.ok()) {
    std::cerr << "lightshow-tune: " << st << "\n";
    return 1;
  }
  const double written = double(song.frames()) / song.sample_rate;
  if (carol) {
    std::cout << out << ": " << written << " s, Jingle Bells (Pierpont, 1857)\n";
  } else {
    std::cout << out << ": " << seconds << " s, seed " << seed << "\n";
  }
  return 0;
}
