#include "crossgrant/store/ReportRepository.h"

#include <utility>

namespace crossgrant::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, project, kind, period, partner, language, file_name, sha256, size, "
    "submitted_at, submitted_by, rules_fingerprint FROM submitted_reports ";

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
  db.execute(
      "INSERT INTO submitted_reports (project, kind, period, partner, language, file_name, "
      "sha256, pdf, size, submitted_at, submitted_by, rules_fingerprint) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {report.project, report.kind,
       report.period ? Value(std::int64_t{*report.period}) : Value(nullptr), report.partner,
       report.language, report.fileName, report.sha256, Blob{pdf},
       static_cast<std::int64_t>(pdf.size()), report.submittedAt, report.submittedBy,
       report.rulesFingerprint});
  return db.lastInsertId();
}

std::vector<SubmittedReport> listSubmittedReports(Reader& db, std::string_view project) {
  return fromRows(
      db.query(std::string(kColumns) + "WHERE project = ? ORDER BY id", {std::string(project)}));
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
