// Catalog: agent → channel group assignments (table agent_groups).
#include "catalog/catalog.h"
#include "db/sqlite_db.h"
#include "common/status_macros.h"

namespace ls::catalog {

using db::SqlRow;
using db::SqlValue;

absl::Status Catalog::SetAgentGroup(const std::string& agent_id, uint32_t group) {
  if (agent_id.empty()) return absl::InvalidArgumentError("agent id is empty");
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Run("INSERT OR REPLACE INTO agent_groups (agent_id, channel_group) VALUES (?, ?)",
                  {SqlValue::Text(agent_id), SqlValue::Int(group)});
}

absl::StatusOr<std::map<std::string, uint32_t>> Catalog::AgentGroups() {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, uint32_t> out;
  LS_RETURN_IF_ERROR(db_->Query("SELECT agent_id, channel_group FROM agent_groups", {},
                                [&](const SqlRow& r) { out[r.Text(0)] = static_cast<uint32_t>(r.Int(1)); }));
  return out;
}

}  // namespace ls::catalog
