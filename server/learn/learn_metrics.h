#pragma once
/// Summarises the job and model tables for the metrics endpoint (pure): jobs
/// counted by kind and state, the newest training job's progress per kind,
/// the active model (none when it is broken: the bands render), models
/// counted by status. Job ids never leave this
/// function: they would be unbounded labels.

#include <string>
#include <vector>

#include "jobs/job_store.h"
#include "metrics/learn_snapshot.h"
#include "models/model_store.h"

namespace ls::learn {

/// `kinds`: the registered job kinds (each gets every state, 0 included, so
/// panels and alerts see a series before the first job); kinds found only in
/// the table are added. `jobs` newest first (JobStore::List order).
metrics::LearnSnapshot SummarizeLearn(const std::vector<std::string>& kinds,
                                      const std::vector<jobs::JobRecord>& jobs,
                                      const std::vector<models::ModelRecord>& models);

}  // namespace ls::learn
