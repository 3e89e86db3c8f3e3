// The progress statements of a project's periods (migration 12, core/Progress.h), kept by the
// project's identity: one per period and partner ("" for the project's), with its version and
// who changed it last, when.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Progress.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

struct StoredStatement {
  core::PeriodStatement statement;
  std::int64_t version = 0;
  std::string changedBy;
  std::string changedAt;  ///< UTC, "2026-12-02T10:00:00.000Z"
};

/// The project's statements, by period and then partner ("" first); of one period when given.
std::vector<StoredStatement> listStatements(Reader& db, std::string_view projectIdentity,
                                            std::optional<int> period = std::nullopt);
std::optional<StoredStatement> findStatement(Reader& db, std::string_view projectIdentity,
                                             int period, std::string_view partner);
/// Whether the statement is stored at version, locking it for the unit (as lockPartner).
bool lockStatement(Connection& db, std::string_view projectIdentity, int period,
                   std::string_view partner, std::int64_t version);
/// Stores the statement whole: a new one at version 1, a stored one with its texts replaced
/// and its version counted up. Returns the version stored.
std::int64_t saveStatement(Connection& db, std::string_view projectIdentity,
                           const core::PeriodStatement& statement, std::string_view changedBy,
                           std::string_view changedAt);
/// Deletes every statement of the project (when the project is deleted).
void deleteProjectStatements(Connection& db, std::string_view projectIdentity);

}  // namespace crossgrant::store
