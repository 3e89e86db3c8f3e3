// The audit trail as the command line and the HTTP API show it: one JSON object per entry
// and the reading of a period given as dates. Both print and accept the same thing.
#pragma once

#include <optional>
#include <string>

#include "crossgrant/core/Audit.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/store/AuditLog.h"

namespace crossgrant::server {

/// {"sequence", "at", "user", "role", "client", "action", "object_type", "object_key",
/// "project", "before", "after", "previous_hash", "hash"}: before and after are the object's
/// JSON (null when none; a string if the stored text is not JSON), the rest as stored.
core::Json auditEntryJson(const core::AuditEntry& entry);

/// Restricts filter to the days from (inclusive) to to (inclusive), each "YYYY-MM-DD" in UTC
/// and either absent. Throws core::InvalidInput at fromName / toName for anything else or a
/// from after to.
void setAuditPeriod(store::AuditFilter& filter, const std::optional<std::string>& from,
                    const std::optional<std::string>& to, const std::string& fromName,
                    const std::string& toName);

}  // namespace crossgrant::server
