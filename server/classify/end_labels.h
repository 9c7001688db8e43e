#pragma once
/// End-of-song labels. A frame index `frames` means "no end".
/// Thread-safety: pure functions.

#include "classify/song_frames.h"

namespace ls::classify {

/// The original notebook's rule: the last `seconds` of every song are the end.
int LastSecondsEnd(int frames, double seconds = 10.0);

/// The measured rule used to score detectors on real tracks: the end starts
/// at the first frame after which the 1 s smoothed loudness stays more than
/// `db_below_median` under the song's median frame loudness, provided that
/// tail lasts at least `min_seconds`. A song that stops at full level has no
/// end.
int MeasuredEnd(const SongFrames& f, double db_below_median = 20.0, double min_seconds = 0.5);

/// Per-frame 0/1 labels for an end starting at `end_frame`.
std::vector<int> EndMask(int frames, int end_frame);

}  // namespace ls::classify
