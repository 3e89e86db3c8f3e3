// The audit trail as the command line and the HTTP API show it: one JSON object per entry
// and the reading of a period given as dates. Both print and accept the same thing.
#pragma once

#include <optional>
#include <string>

#include "crossgrant/core/Access.h"
#include "crossgrant/core/Audit.h"
#include "crossgrant/core/Date.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/store/AuditLog.h"

namespace crossgrant::server {

/// Appends the audit entry of one change inside the change's transaction: who did it (actor),
/// what (action on objectType objectKey, within project — "" for none) and the object's JSON
/// before and after (nullopt where there is none).
void recordChange(store::Connection& db, const core::Actor& actor, std::string action,
                  std::string objectType, std::string objectKey, std::string project,
                  const std::optional<core::Json>& before, const std::optional<core::Json>& after);

/// {"sequence", "at", "user", "role", "client", "action", "object_type", "object_key",
/// "project", "before", "after", "previous_hash", "hash"}: before and after are the object's
/// JSON (null when none; a string if the stored text is not JSON), the rest as stored.
core::Json auditEntryJson(const core::AuditEntry& entry);

/// A bound that every audit time of day sorts before ("YYYY-MM-DDT24"): times run T00 to
/// T23, so this works for the last day there is too, where the next day would not.
std::string endOfDay(const core::Date& day);

/// Restricts filter to the days from (inclusive) to to (inclusive), each "YYYY-MM-DD" in UTC
/// and either absent. Throws core::InvalidInput at fromName / toName for anything else or a
/// from after to.
void setAuditPeriod(store::AuditFilter& filter, const std::optional<std::string>& from,
                    const std::optional<std::string>& to, const std::string& fromName,
                    const std::string& toName);

}  // namespace crossgrant::server
