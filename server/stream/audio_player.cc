#include "stream/audio_player.h"

#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace ls::stream {

AudioPlayer::~AudioPlayer() {
  std::vector<std::unique_ptr<Job>> jobs;
  {
    std::lock_guard<std::mutex> lock(mu_);
    jobs.swap(jobs_);
  }
  for (auto& j : jobs) {
    j->cancel = true;
    j->thread.join();
  }
}

void AudioPlayer::Start(const std::string& play_id, Loader load, int64_t start_ns) {
  std::lock_guard<std::mutex> lock(mu_);
  // One output, one playback: the previous one stops (it joins later, not here).
  for (auto& j : jobs_) j->cancel = true;
  // Keep at most a few cancelled workers around; they finish within a chunk.
  while (jobs_.size() > 4) {
    jobs_.front()->thread.join();
    jobs_.erase(jobs_.begin());
  }
  auto job = std::make_unique<Job>();
  job->play_id = play_id;
  Job* raw = job.get();
  job->thread = std::thread([this, raw, load = std::move(load), start_ns] { Work(raw, load, start_ns); });
  jobs_.push_back(std::move(job));
}

void AudioPlayer::Stop(const std::string& play_id) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& j : jobs_) {
    if (play_id.empty() || j->play_id == play_id) j->cancel = true;
  }
}

void AudioPlayer::Work(Job* job, Loader load, int64_t start_ns) {
  auto bytes = load();
  if (!bytes.ok()) {
    LogError(absl::StrCat("audio ", job->play_id, ": ", bytes.status().message()));
    return;
  }
  if (job->cancel.load()) return;
  // One decode per play, straight from the stored bytes: the analysis path's
  // mono 44.1 kHz copy is for the lights, not for listening.
  auto pcm = decode_(*bytes);
  bytes->clear();
  bytes->shrink_to_fit();  // the song's file and its frames need not both stay in memory
  if (!pcm.ok()) {
    LogError(absl::StrCat("audio ", job->play_id, ": ", pcm.status().message()));
    return;
  }
  if (job->cancel.load()) return;
  auto st = out_->Play(job->play_id, *pcm, start_ns, job->cancel);
  if (!st.ok()) LogError(absl::StrCat("audio ", job->play_id, ": ", st.message()));
}

}  // namespace ls::stream
