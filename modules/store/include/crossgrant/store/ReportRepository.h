// Submitted reports in the store: each PDF exactly as it was submitted, with its SHA-256 and
// who submitted it when. Rows are only ever inserted: nothing in crossgrant updates or deletes
// a submitted report, so GET of its PDF always returns the bytes that were submitted. Every
// function works on the connection it is given, inside the caller's unit of work; the readers
// take a Reader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/store/Database.h"

namespace crossgrant::store {

/// A submitted report without its PDF bytes.
struct SubmittedReport {
  std::int64_t id = 0;  ///< assigned on insert
  std::string project;  ///< the project's code when it was submitted
  /// The identity of that project (ProjectRepository.h): what the report belongs to, while its
  /// code may later name another project.
  std::string projectIdentity;
  std::string kind;  ///< "financial", "partner", "project", "audit"
  std::optional<int> period;
  std::string partner;      ///< "" for reports on the whole project
  std::string language;     ///< "en", "lv", "lt"
  std::string fileName;     ///< the download's file name, e.g. "LLI-317-financial-en-3.pdf"
  std::string sha256;       ///< lower-case hex SHA-256 of the PDF
  std::int64_t size = 0;    ///< bytes of the PDF
  std::string submittedAt;  ///< UTC, "2026-11-25T11:40:00Z"
  std::string submittedBy;  ///< user name, "os:NAME" from the command line
  /// The fingerprint of the programme rules the report was computed with (the
  /// core::RulesDescription of its programme's plugin); "" for reports submitted before the
  /// store recorded it.
  std::string rulesFingerprint;

  bool operator==(const SubmittedReport&) const = default;
};

/// Stores a report and its PDF; report.id is ignored, size and sha256 are taken as given
/// (the caller computed them from pdf), and an empty projectIdentity is that of the project
/// with the report's code (NotFound if there is none). Returns the new id.
std::int64_t insertSubmittedReport(Connection& db, const SubmittedReport& report,
                                   const std::string& pdf);

/// The reports of the project that has this code now, oldest first: none of a deleted project
/// that had the code before.
std::vector<SubmittedReport> listSubmittedReports(Reader& db, std::string_view project);
/// The reports of every project of the programme that has this code now, those deleted
/// included, oldest first.
std::vector<SubmittedReport> listProgrammeReports(Reader& db, std::string_view programme);
std::optional<SubmittedReport> findSubmittedReport(Reader& db, std::int64_t id);
/// The PDF bytes exactly as stored, or nullopt for an unknown id.
std::optional<std::string> submittedReportPdf(Reader& db, std::int64_t id);
/// The reports whose PDF has this SHA-256, oldest first (the same bytes may be submitted twice).
std::vector<SubmittedReport> findSubmittedReportsBySha256(Reader& db, std::string_view sha256);

}  // namespace crossgrant::store
