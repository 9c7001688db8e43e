// lightshow-tune OUT.wav [--seconds 24] [--seed N]: writes the demo tune.
#include <iostream>

#include "CLI/CLI.hpp"
#include "audio/synth.h"
#include "common/files.h"

int main(int argc, char** argv) {
  CLI::App app{"Writes a synthesized demo tune (stereo 16-bit WAV, 44.1 kHz)"};
  std::string out;
  double seconds = 24.0;
  uint32_t seed = 1;
  app.add_option("OUT", out, "output WAV path")->required();
  app.add_option("--seconds", seconds, "length in seconds")->check(CLI::Range(4.0, 600.0));
  app.add_option("--seed", seed, "melody seed");
  CLI11_PARSE(app, argc, argv);

  ls::audio::Signal tune = ls::audio::MakeTune(seconds, seed);
  auto wav = ls::audio::EncodeAudio(tune.samples, tune.channels, tune.sample_rate,
                                    ls::audio::Format::kWavPcm16);
  absl::Status st = wav.ok() ? ls::WriteFileAtomic(out, *wav) : wav.status();
  if (!st.ok()) {
    std::cerr << "lightshow-tune: " << st << "\n";
    return 1;
  }
  std::cout << out << ": " << seconds << " s, seed " << seed << "\n";
  return 0;
}
