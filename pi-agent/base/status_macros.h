#pragma once
/// Early-return helpers for absl::Status / absl::StatusOr (the agent's own copy: it
/// links no server code).

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define LS_AGENT_CONCAT_INNER(a, b) a##b
#define LS_AGENT_CONCAT(a, b) LS_AGENT_CONCAT_INNER(a, b)

/// Returns the status from the enclosing function when `expr` is not OK.
#define LS_AGENT_RETURN_IF_ERROR(expr)       \
  do {                                       \
    ::absl::Status ls_status_ = (expr);      \
    if (!ls_status_.ok()) return ls_status_; \
  } while (0)

#define LS_AGENT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(*tmp)

/// `LS_AGENT_ASSIGN_OR_RETURN(auto x, F());` assigns the value or returns the error.
#define LS_AGENT_ASSIGN_OR_RETURN(lhs, expr) \
  LS_AGENT_ASSIGN_OR_RETURN_IMPL(LS_AGENT_CONCAT(ls_statusor_, __LINE__), lhs, expr)
