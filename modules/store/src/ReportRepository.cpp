#include "crossgrant/store/ReportRepository.h"

#include <utility>

#include "crossgrant/core/Errors.h"
#include "crossgrant/store/ProjectRepository.h"

namespace crossgrant::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, project, kind, period, partner, language, file_name, sha256, size, "
    "submitted_at, submitted_by, rules_fingerprint, project_identity FROM submitted_reports ";

SubmittedReport fromRow(const Row& row) {
  SubmittedReport report;
  report.id = asInt(row.at(0));
  report.project = asText(row.at(1));
  report.kind = asText(row.at(2));
  if (!isNull(row.at(3))) report.period = static_cast<int>(asInt(row.at(3)));
  report.partner = asText(row.at(4));
  report.language = asText(row.at(5));
  report.fileName = asText(row.at(6));
  report.sha256 = asText(row.at(7));
  report.size = asInt(row.at(8));
  report.submittedAt = asText(row.at(9));
  report.submittedBy = asText(row.at(10));
  report.rulesFingerprint = asText(row.at(11));
  report.projectIdentity = asText(row.at(12));
  return report;
}

std::vector<SubmittedReport> fromRows(const std::vector<Row>& rows) {
  std::vector<SubmittedReport> reports;
  reports.reserve(rows.size());
  for (const Row& row : rows) reports.push_back(fromRow(row));
  return reports;
}

}  // namespace

std::int64_t insertSubmittedReport(Connection& db, const SubmittedReport& report,
                                   const std::string& pdf) {
  std::string identity = report.projectIdentity;
  if (identity.empty()) {
    const std::optional<std::string> current = projectIdentity(db, report.project);
    if (!current) throw core::NotFound("project " + report.project + " not found");
    identity = *current;
  }
  db.execute(
      "INSERT INTO submitted_reports (project, kind, period, partner, language, file_name, "
      "sha256, pdf, size, submitted_at, submitted_by, rules_fingerprint, project_identity) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {report.project, report.kind,
       report.period ? Value(std::int64_t{*report.period}) : Value(nullptr), report.partner,
       report.language, report.fileName, report.sha256, Blob{pdf},
       static_cast<std::int64_t>(pdf.size()), report.submittedAt, report.submittedBy,
       report.rulesFingerprint, identity});
  return db.lastInsertId();
}

std::vector<SubmittedReport> listSubmittedReports(Reader& db, std::string_view project) {
  return fromRows(db.query(std::string(kColumns) +
                               "WHERE project_identity = (SELECT identity FROM projects WHERE "
                               "code = ?) ORDER BY id",
                           {std::string(project)}));
}

std::vector<SubmittedReport> listProgrammeReports(Reader& db, std::string_view programme) {
  return fromRows(db.query(
      std::string(kColumns) +
          "WHERE project_identity IN (SELECT i.identity FROM project_identities i JOIN programmes "
          "g ON g.identity = i.programme_identity WHERE g.code = ?) ORDER BY id",
      {std::string(programme)}));
}

std::optional<SubmittedReport> findSubmittedReport(Reader& db, std::int64_t id) {
  const std::vector<Row> rows = db.query(std::string(kColumns) + "WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return fromRow(rows.front());
}

std::optional<std::string> submittedReportPdf(Reader& db, std::int64_t id) {
  std::vector<Row> rows = db.query("SELECT pdf FROM submitted_reports WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return asBlob(rows.front().at(0));
}

std::vector<SubmittedReport> findSubmittedReportsBySha256(Reader& db, std::string_view sha256) {
  return fromRows(
      db.query(std::string(kColumns) + "WHERE sha256 = ? ORDER BY id", {std::string(sha256)}));
}

}  // namespace crossgrant::store
