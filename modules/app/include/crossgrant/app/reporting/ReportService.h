// The PDF reports as the CLI and the HTTP API share them: drafts rendered on demand, and
// submission, which freezes a report. A submitted report's PDF is rendered once, stored with
// its SHA-256 in the same transaction as its audit entry ("submit"), and never rendered again:
// every download returns the stored bytes and appends an audit entry ("download"). verify()
// says whether given bytes are exactly a submitted report.
//
// A submitted report's PDF ends with a "Submission" page (who, when, document ID, rules
// fingerprint) and carries, in an incremental update after the pages, the SHA-256 of the pages'
// revision (reports/Provenance.h); what is stored and hashed here is the whole file.
//
// Drafts and submitted reports are computed with the programme rules configured here and print
// their fingerprint (core::describeRules of the programme's plugin), which a submitted report
// also stores (store::SubmittedReport::rulesFingerprint).
//
// Rendering runs outside any database transaction, so several reports render at once without
// holding the database. The translations are read from Settings::labelsDirectory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Access.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/reports/Provenance.h"
#include "crossgrant/reports/ReportData.h"
#include "crossgrant/store/ReportRepository.h"

namespace crossgrant::app {

class Context;

struct RenderedReport {
  std::string pdf;
  std::string fileName;  ///< e.g. "LLI-317-project-p2-lv-draft.pdf"
};

struct DownloadedReport {
  store::SubmittedReport report;
  std::string pdf;  ///< exactly the stored bytes
};

class ReportService {
 public:
  /// actor: who submissions and downloads are recorded as in the audit trail.
  ReportService(Context& context, core::Actor actor);

  /// A draft of the project's report, rendered now and not stored. Throws core::NotFound for
  /// a missing project, core::InvalidInput for a selection that does not fit (ReportData.h).
  RenderedReport draft(std::string_view project, const reports::ReportSelection& selection);
  /// Renders the report once and stores it, with its audit entry; returns it with its id.
  store::SubmittedReport submit(std::string_view project,
                                const reports::ReportSelection& selection);

  /// The submitted reports of a project, oldest first: those of the project that has the code
  /// now, none of a deleted one that had it before.
  std::vector<store::SubmittedReport> list(std::string_view project);
  /// The submitted reports of every project of a programme, deleted projects' included, oldest
  /// first. core::NotFound for a missing programme.
  std::vector<store::SubmittedReport> listOfProgramme(std::string_view programme);
  /// The stored PDF; appends a "download" audit entry. core::NotFound for an unknown id.
  DownloadedReport download(std::int64_t id);
  /// The first submitted report whose PDF is exactly bytes, or nullopt.
  std::optional<store::SubmittedReport> verify(std::string_view bytes);

 private:
  reports::ReportData assemble(std::string_view project, const reports::ReportSelection& selection,
                               bool draft, std::int64_t nowMillis);

  Context& context_;
  core::Actor actor_;
};

/// "identical to submitted report 3 (LLI-317, partner, period 2, PP6, lt, submitted at
/// 2026-11-25T11:40:00Z by ilze, rules 5f0c...)" (the rules fingerprint when recorded).
std::string describeSubmitted(const store::SubmittedReport& report);

/// The whole-file check's answer for bytes that are no submitted report: "not a submitted
/// report: no report submitted here has exactly these bytes (SHA-256 X)", and when the content
/// check (reports/Provenance.h) of the same bytes matches, that revision 1 is intact.
std::string describeNotSubmitted(std::string_view bytes, const reports::ContentCheck& content);

}  // namespace crossgrant::app
