// lsctl export (FSEQ v2) end to end: every step/compression option read back
// by an independent reader and compared frame by frame with the stored show;
// bad input refused with clear errors and nothing written.
#include <cmath>
#include <filesystem>

#include "cluster.h"
#include "fseq_reader.h"
#include "gtest/gtest.h"
#include "harness.h"

namespace ls::it {
namespace {

namespace fs = std::filesystem;

int64_t JsonInt(const nlohmann::json& j) {
  return j.is_string() ? std::stoll(j.get<std::string>()) : j.get<int64_t>();
}

struct StoredShow {
  std::string song_id;
  std::string masks;  // one byte per frame (8 channels)
  int64_t period_ns = 0;
};

StoredShow Submit(Cluster& c, double seconds, const std::string& name = "tune.wav", uint32_t seed = 7) {
  std::string wav = c.dir().File(name);
  WriteTune(wav, seconds, seed);
  auto sub = c.LsctlJson({"submit", wav});
  StoredShow s;
  s.song_id = sub["songs"][0]["id"].get<std::string>();
  auto song = c.LsctlJson({"song", s.song_id});
  s.period_ns = JsonInt(song["show"]["frame_period_ns"]);
  s.masks = ReadAll(c.data_dir() + "/blobs/shows/" + song["show"]["id"].get<std::string>());
  return s;
}

// The expected FSEQ frame k, computed here in seconds: a channel is on when
// the show lights it for at least half of [k·step, (k+1)·step).
std::string ExpectedFrame(const StoredShow& s, int step_ms, uint32_t k) {
  const double period = s.period_ns * 1e-9, step = step_ms * 1e-3;
  const double a = k * step, b = a + step;
  std::string out(8, '\0');
  for (int ch = 0; ch < 8; ++ch) {
    double lit = 0;
    for (size_t i = 0; i < s.masks.size(); ++i) {
      double fa = i * period, fb = fa + period;
      if (fb <= a || fa >= b) continue;
      if ((static_cast<uint8_t>(s.masks[i]) >> ch) & 1) lit += std::min(b, fb) - std::max(a, fa);
    }
    if (lit >= step / 2 - 1e-9) out[ch] = '\xff';
  }
  return out;
}

TEST(Export, EveryStepAndCompressionReadsBackFrameForFrame) {
  Cluster c;
  StoredShow s = Submit(c, 6.0);
  ASSERT_GT(s.masks.size(), 200u);
  ASSERT_GT(s.period_ns, 0);
  int files = 0;
  for (int step : {20, 25, 50, 10, 255}) {
    for (std::string comp : {"zstd", "zlib", "none"}) {
      std::string file = c.dir().File("out-" + std::to_string(step) + "-" + comp + ".fseq");
      auto j = c.LsctlJson({"export", s.song_id.substr(0, 10), "--fseq", file, "--step-ms", std::to_string(step),
                            "--compression", comp, "--media", "tune.wav"});
      FseqFile f;
      std::string err;
      ASSERT_TRUE(ReadFseq(ReadAll(file), &f, &err)) << file << ": " << err;
      SCOPED_TRACE(file);
      EXPECT_EQ(f.major, 2);
      EXPECT_EQ(f.minor, 0);
      EXPECT_EQ(f.data_offset % 4, 0);
      EXPECT_EQ(f.header_length, f.data_offset);
      EXPECT_EQ(f.channels, 8u);
      EXPECT_EQ(f.step_ms, step);
      EXPECT_EQ(f.sparse_ranges, 0);
      EXPECT_EQ(f.compression, comp == "zstd" ? 1 : comp == "zlib" ? 2 : 0);
      if (comp != "none") {
        EXPECT_GE(f.block_count, 1);
      }
      if (comp != "none" && f.frame_count > 10) {
        EXPECT_EQ(f.blocks.at(1).first, 10u);  // a small first block
      }
      EXPECT_EQ(f.headers["mf"], "tune.wav");
      EXPECT_NE(f.headers["sp"].find("Lightshow"), std::string::npos);
      const double show_s = s.masks.size() * s.period_ns * 1e-9;
      EXPECT_EQ(f.frame_count, static_cast<uint32_t>(std::ceil(show_s / (step * 1e-3) - 1e-9)));
      EXPECT_EQ(j["frames"].get<uint32_t>(), f.frame_count);
      int lit = 0, mismatches = 0;
      for (uint32_t k = 0; k < f.frame_count; ++k) {
        for (char v : f.frames[k]) {
          ASSERT_TRUE(v == '\0' || v == '\xff') << "channel value " << int(static_cast<uint8_t>(v));
          lit += v != '\0';
        }
        if (f.frames[k] != ExpectedFrame(s, step, k) && ++mismatches <= 3) ADD_FAILURE() << "frame " << k << " differs";
      }
      EXPECT_EQ(mismatches, 0);
      EXPECT_GT(lit, 0) << "an all-dark file proves nothing";
      ++files;
    }
  }
  EXPECT_EQ(files, 15);
}

TEST(Export, BadInputIsRefusedAndWritesNothing) {
  Cluster c;
  StoredShow s = Submit(c, 3.0);
  std::string file = c.dir().File("x.fseq");
  for (const char* step : {"9", "256", "0"}) {
    auto r = c.Lsctl({"export", s.song_id, "--fseq", file, "--step-ms", step});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find(std::string("step time must be 10..255 ms, got ") + step), std::string::npos) << r.err;
  }
  auto missing_dir = c.Lsctl({"export", s.song_id, "--fseq", c.dir().File("no/such/dir/x.fseq")});
  EXPECT_NE(missing_dir.exit_code, 0);
  EXPECT_NE(missing_dir.err.find("does not exist"), std::string::npos) << missing_dir.err;
  EXPECT_NE(missing_dir.err.find("no/such/dir"), std::string::npos) << missing_dir.err;
  auto unknown = c.Lsctl({"export", "abcdef123456", "--fseq", file});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("no song with id 'abcdef123456'"), std::string::npos) << unknown.err;
  auto comp = c.Lsctl({"export", s.song_id, "--fseq", file, "--compression", "lz4"});
  EXPECT_NE(comp.exit_code, 0);
  EXPECT_NE(comp.err.find("zstd, zlib or none, got 'lz4'"), std::string::npos) << comp.err;
  EXPECT_FALSE(fs::exists(file));
}

// A playlist to a directory: one file per song named after its media file,
// each read back frame for frame; a song deleted from the catalog is skipped
// and reported; bad input names the problem.
TEST(Export, PlaylistWritesOneFilePerSongNamedAfterItsMedia) {
  Cluster c;
  StoredShow carol = Submit(c, 4.0, "carol.wav", 3);
  StoredShow bells = Submit(c, 3.0, "bells.wav", 5);
  StoredShow gone = Submit(c, 2.0, "gone.wav", 9);
  ASSERT_EQ(c.Lsctl({"playlist", "create", "evening", carol.song_id, bells.song_id, gone.song_id, "--intro",
                     bells.song_id})
                .exit_code,
            0);
  ASSERT_EQ(c.Lsctl({"rm", gone.song_id}).exit_code, 0);
  const std::string out = c.dir().File("fpp");
  fs::create_directory(out);
  auto j = c.LsctlJson({"export", "--playlist", "evening", "--dir", out, "--step-ms", "50"});
  ASSERT_EQ(j["files"].size(), 2u) << j.dump() << " (the intro is the same song as position 2: one file)";
  ASSERT_EQ(j["skipped"].size(), 1u) << j.dump();
  EXPECT_EQ(j["skipped"][0]["song_id"], gone.song_id);
  for (const auto& [stem, s] : {std::pair<std::string, StoredShow*>{"carol", &carol}, {"bells", &bells}}) {
    const std::string file = out + "/" + stem + ".fseq";
    FseqFile f;
    std::string err;
    ASSERT_TRUE(ReadFseq(ReadAll(file), &f, &err)) << file << ": " << err;
    EXPECT_EQ(f.headers["mf"], stem + ".wav") << "FPP pairs the sequence with its media by name";
    EXPECT_EQ(f.step_ms, 50);
    int mismatches = 0;
    for (uint32_t k = 0; k < f.frame_count; ++k) {
      if (f.frames[k] != ExpectedFrame(*s, 50, k) && ++mismatches <= 3) ADD_FAILURE() << file << " frame " << k;
    }
    EXPECT_EQ(mismatches, 0);
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 2) << "nothing else written";

  auto no_dir = c.Lsctl({"export", "--playlist", "evening", "--dir", c.dir().File("missing")});
  EXPECT_NE(no_dir.exit_code, 0);
  EXPECT_NE(no_dir.err.find("output directory"), std::string::npos) << no_dir.err;
  auto unknown = c.Lsctl({"export", "--playlist", "nosuch", "--dir", out});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("nosuch"), std::string::npos) << unknown.err;
  auto both = c.Lsctl({"export", carol.song_id, "--playlist", "evening", "--dir", out});
  EXPECT_NE(both.exit_code, 0);
  EXPECT_NE(both.err.find("either SONG --fseq FILE or --playlist NAME --dir DIR"), std::string::npos) << both.err;
}

}  // namespace
}  // namespace ls::it
