#pragma once
/// Test hook for the crash-restart tests: when $LIGHTSHOW_TEST_CRASH_AT names
/// this point, the process kills itself with SIGKILL (exactly like `kill -9`:
/// no destructors, no flushing). Unset in production, where it costs one getenv.
/// Thread-safe.

namespace ls::catalog {

/// Points used: "after_blob" (song and show blobs written, no catalog row yet),
/// "before_commit" (rows inserted inside the open transaction),
/// "after_commit" (committed, reply not sent yet), "mid_upload" (the server
/// has received part of an upload), "delete_before_commit" (a song's rows
/// deleted inside the open transaction), "delete_after_commit" (rows gone,
/// blobs not removed yet).
void CrashPoint(const char* name);

}  // namespace ls::catalog
