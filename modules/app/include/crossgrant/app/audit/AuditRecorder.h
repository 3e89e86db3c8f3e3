// Appends the audit entry of one change inside the change's own write unit, and the JSON
// objects are recorded as: the same shape the API shows them in, so that an entry's
// before/after can be compared with what a client read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crossgrant/app/Versioned.h"
#include "crossgrant/core/Access.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/Project.h"
#include "crossgrant/store/Database.h"
#include "crossgrant/store/ReportRepository.h"
#include "crossgrant/store/UserRepository.h"

namespace crossgrant::app {

/// Appends the entry of one change, chained under key (Context::auditKey): who did it (actor),
/// what (action on objectType objectKey, within project — a code, "" for none) and the
/// object's JSON before and after (nullopt where there is none). The entry belongs to
/// projectIdentity, by default the identity of the project with that code now
/// (store::appendAudit): give it for what belongs to a project that may be gone, such as a
/// submitted report.
void recordChange(store::Connection& db, const core::AuditKey& key, const core::Actor& actor,
                  std::string action, std::string objectType, std::string objectKey,
                  std::string project, const std::optional<core::Json>& before,
                  const std::optional<core::Json>& after, std::string projectIdentity = {});

/// The bundle's object plus "version" last; a project also carries "programme" (its
/// programme's code) first.
core::Json programmeRecord(const Versioned<core::Programme>& programme);
core::Json projectRecord(const Versioned<core::Project>& project);
core::Json partnerRecord(const Versioned<core::Partner>& partner);
/// {"role"} plus the scope fields the grant uses.
core::Json grantRecord(const core::Grant& grant);
/// {"name", "display_name", "disabled", "created_at", "changed_at", "version", "roles"}; never
/// the password hash.
core::Json userRecord(const store::UserRecord& user, const std::vector<core::Grant>& grants);
/// A session: id, user, times (UTC text), client, user agent; never a token.
core::Json sessionRecord(const store::SessionRecord& session);
/// {"id", "project", "kind", "period" (null when none), "partner" (null when none),
/// "language", "file_name", "sha256", "size", "submitted_at", "submitted_by", "rules" (the
/// fingerprint of the programme rules it was computed with; null when not recorded),
/// "links": {"pdf": "/api/v1/reports/ID/pdf"}}.
core::Json submittedReportRecord(const store::SubmittedReport& report);

}  // namespace crossgrant::app
