// What a report is rendered from: plain values the caller (the server) assembles from the
// store. The report builders read nothing else: no database, no configuration, no clock, so
// the same ReportData always renders the same PDF bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Audit.h"
#include "crossgrant/core/Date.h"
#include "crossgrant/core/Findings.h"
#include "crossgrant/core/Locale.h"
#include "crossgrant/core/Progress.h"
#include "crossgrant/core/ProgrammeRules.h"
#include "crossgrant/core/Project.h"
#include "crossgrant/pdf/Document.h"

namespace crossgrant::reports {

enum class ReportKind {
  kFinancial,  ///< financial statement of a project
  kPartner,    ///< progress report of one partner for one period
  kProject,    ///< progress report of the project for one period
  kAudit,      ///< audit-trail extract of a project for a date range
};

inline constexpr ReportKind kReportKinds[] = {ReportKind::kFinancial, ReportKind::kPartner,
                                              ReportKind::kProject, ReportKind::kAudit};

/// "financial", "partner", "project", "audit".
std::string_view toString(ReportKind kind);
/// The inverse of toString; nullopt for anything else.
std::optional<ReportKind> parseReportKind(std::string_view text);

/// Which report: the choices a user makes. Checked by checkSelection().
struct ReportSelection {
  ReportKind kind = ReportKind::kFinancial;
  core::Language language = core::Language::kEn;
  std::optional<int> period;       ///< partner and project reports: required
  std::string partner;             ///< partner reports: required; others: empty
  std::optional<core::Date> from;  ///< audit extracts: first day (UTC), open when absent
  std::optional<core::Date> to;    ///< audit extracts: last day (UTC), open when absent
};

/// Throws core::InvalidInput when selection does not fit the kind or the project: a period
/// that the kind does not take or that the project does not have, a missing or unknown
/// partner, a partner given to a kind that reports on the whole project, dates given to a kind
/// other than audit or a from after to. Pointers name the field: "/period", "/partner",
/// "/from", "/to".
void checkSelection(const ReportSelection& selection, const core::Bundle& bundle);

/// The state of the audit trail's hash chain when the extract was made.
struct AuditChainStatus {
  std::int64_t checked = 0;   ///< entries checked, from the first
  bool intact = true;         ///< whether the whole chain verified
  std::int64_t brokenAt = 0;  ///< the first sequence found wrong when not intact
  std::string message;        ///< the verifier's sentence when not intact
};

struct ReportData {
  ReportSelection selection;
  core::Bundle bundle;
  core::ProgrammeRules rules;  ///< the programme's rules: cost categories in order
  /// The fingerprint of `rules` (core::describeRules) the report is computed with, printed in
  /// the identification section; "" prints none.
  std::string rulesFingerprint;
  std::vector<core::Finding> findings;  ///< every finding of `crossgrant check`, in its order
  /// Progress reports: the statements written for the period (the project's, partner "", and
  /// the partners'), in any order; those not written are absent.
  std::vector<core::PeriodStatement> statements;
  std::vector<core::AuditEntry> auditEntries;  ///< audit extracts: the entries in the range
  AuditChainStatus auditChain;                 ///< audit extracts
  std::string documentId;                      ///< printed in every footer
  pdf::Timestamp generatedAt;  ///< printed in every footer and the PDF's CreationDate
  bool draft = true;           ///< a draft says so under its title
  /// A submitted report (not a draft) ends with a page naming who submitted it and when.
  std::string submittedBy;     ///< the user name ("ilze", "os:NAME" from the command line)
  std::string submitterName;   ///< the user's display name; "" prints the name alone
  pdf::Timestamp submittedAt;  ///< UTC
};

}  // namespace crossgrant::reports
