#include "crossgrant/app/reporting/ReportService.h"

#include <set>
#include <utility>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/app/identity/SecureRandom.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Date.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Findings.h"
#include "crossgrant/core/Labels.h"
#include "crossgrant/core/RulesFingerprint.h"
#include "crossgrant/reports/Provenance.h"
#include "crossgrant/reports/ReportBuilder.h"
#include "crossgrant/store/AuditLog.h"
#include "crossgrant/store/ProgressRepository.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/UserRepository.h"

namespace crossgrant::app {
namespace {

using store::Connection;

pdf::Timestamp timestampOf(std::int64_t millis) {
  const core::UtcTime time = core::UtcTime::fromMillis(millis);
  return {time.date, time.hour, time.minute, time.second};
}

/// Letters, digits, '-' and '.' only, so that the name is safe in a header and a file system.
std::string safeName(std::string text) {
  for (char& c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.';
    if (!ok) c = '_';
  }
  return text;
}

/// "LLI-317-partner-p2-PP6-lt": what a report is, for file names and document IDs.
std::string reportStem(std::string_view project, const reports::ReportSelection& selection) {
  std::string stem = std::string(project) + "-" + std::string(reports::toString(selection.kind));
  if (selection.period) stem += "-p" + std::to_string(*selection.period);
  if (!selection.partner.empty()) stem += "-" + selection.partner;
  if (selection.from || selection.to)
    stem += "-" + (selection.from ? selection.from->toString() : std::string("start")) + "-" +
            (selection.to ? selection.to->toString() : std::string("end"));
  return safeName(stem + "-" + std::string(core::toString(selection.language)));
}

std::string hexOf(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (const char c : bytes) {
    hex += kDigits[(static_cast<unsigned char>(c) >> 4) & 0xF];
    hex += kDigits[static_cast<unsigned char>(c) & 0xF];
  }
  return hex;
}

}  // namespace

ReportService::ReportService(Context& context, core::Actor actor)
    : context_(context), actor_(std::move(actor)) {}

reports::ReportData ReportService::assemble(std::string_view project,
                                            const reports::ReportSelection& selection, bool draft,
                                            std::int64_t nowMillis) {
  reports::ReportData data;
  data.selection = selection;
  data.draft = draft;
  data.generatedAt = timestampOf(nowMillis);
  context_.database().read([&](store::Reader& db) {
    auto bundle = store::loadBundle(db, project);
    if (!bundle) throw core::NotFound("project \"" + std::string(project) + "\" does not exist");
    data.bundle = std::move(*bundle);
    reports::checkSelection(selection, data.bundle);
    if (selection.period)
      for (store::StoredStatement& stored : store::listStatements(
               db, store::projectIdentity(db, project).value(), *selection.period))
        data.statements.push_back(std::move(stored.statement));
    if (!draft) {
      // Who submits it, printed on its last page: the user's display name when the user is
      // one of the installation's (a command-line "os:NAME" is not).
      data.submittedBy = actor_.user;
      data.submittedAt = data.generatedAt;
      if (const auto user = store::findUser(db, actor_.user))
        data.submitterName = user->displayName;
    }
    if (selection.kind != reports::ReportKind::kAudit) return;
    store::AuditFilter filter;
    filter.projectIdentity = store::projectIdentity(db, project).value();
    // Times are "YYYY-MM-DDTHH:MM:SS.mmmZ": every time of a day sorts at or after the day.
    if (selection.from) filter.from = selection.from->toString();
    if (selection.to) filter.before = core::endOfDay(*selection.to);
    data.auditEntries = store::readAudit(db, filter);
    // The chains its entries are in: the project's, and the installation's, which holds the
    // project's entries from before chains. Other projects' chains are not its concern.
    const store::AuditVerification verification =
        store::verifyAudit(db, context_.auditKey(), std::nullopt,
                           std::set<std::string>{std::string(), *filter.projectIdentity});
    data.auditChain.checked = verification.checked;
    data.auditChain.intact = verification.intact();
    if (verification.broken) {
      data.auditChain.brokenAt = verification.broken->sequence;
      data.auditChain.message = verification.broken->message;
    }
  });
  data.rules = context_.rules(data.bundle.programme.rules);
  // The rules configured here, which a server has checked against the recorded ones.
  data.rulesFingerprint = core::describeRules(data.rules).fingerprint;
  data.findings = core::computeFindings(data.bundle, data.rules);
  // Each submission is its own document, even of unchanged data within one second.
  data.documentId = (draft ? "DRAFT-" : "") + reportStem(project, selection) + "-" +
                    core::utcCompact(nowMillis) + "-" + hexOf(randomBytes(4));
  return data;
}

RenderedReport ReportService::draft(std::string_view project,
                                    const reports::ReportSelection& selection) {
  const std::int64_t now = context_.nowMillis();
  const reports::ReportData data = assemble(project, selection, true, now);
  const core::Labels labels =
      core::Labels::load(context_.settings().labelsDirectory, selection.language);
  return {reports::renderReport(data, labels), reportStem(project, selection) + "-draft.pdf"};
}

store::SubmittedReport ReportService::submit(std::string_view project,
                                             const reports::ReportSelection& selection) {
  const std::int64_t now = context_.nowMillis();
  // The project the report is about: should its code name another project by the time the
  // report is stored, this one was deleted meanwhile (identities are never reused).
  const std::optional<std::string> identity = context_.database().read(
      [&](store::Reader& db) { return store::projectIdentity(db, project); });
  if (!identity) throw core::NotFound("project \"" + std::string(project) + "\" does not exist");
  const reports::ReportData data = assemble(project, selection, false, now);
  const core::Labels labels =
      core::Labels::load(context_.settings().labelsDirectory, selection.language);
  const std::string pdf = reports::renderReport(data, labels);

  store::SubmittedReport report;
  report.project = std::string(project);
  report.kind = std::string(reports::toString(selection.kind));
  report.period = selection.period;
  report.partner = selection.partner;
  report.language = std::string(core::toString(selection.language));
  report.fileName = data.documentId + ".pdf";
  report.sha256 = core::sha256Hex(pdf);
  report.size = static_cast<std::int64_t>(pdf.size());
  report.submittedAt = core::utcSeconds(now);
  report.submittedBy = actor_.user;
  report.rulesFingerprint = data.rulesFingerprint;
  report.projectIdentity = *identity;
  return context_.database().write([&](Connection& db) {
    // The project must still exist when the report is stored.
    if (store::projectIdentity(db, project) != identity)
      throw core::NotFound("project \"" + std::string(project) + "\" does not exist");
    report.id = store::insertSubmittedReport(db, report, pdf);
    recordChange(db, context_.auditKey(), actor_, "submit", "report", std::to_string(report.id),
                 report.project, std::nullopt, submittedReportRecord(report),
                 report.projectIdentity);
    return report;
  });
}

std::vector<store::SubmittedReport> ReportService::listOfProgramme(std::string_view programme) {
  return context_.database().read([&](store::Reader& db) {
    if (!store::findProgramme(db, programme))
      throw core::NotFound("programme \"" + std::string(programme) + "\" does not exist");
    return store::listProgrammeReports(db, programme);
  });
}

std::vector<store::SubmittedReport> ReportService::list(std::string_view project) {
  return context_.database().read([&](store::Reader& db) {
    if (!store::findProject(db, project))
      throw core::NotFound("project \"" + std::string(project) + "\" does not exist");
    return store::listSubmittedReports(db, project);
  });
}

DownloadedReport ReportService::download(std::int64_t id) {
  return context_.database().write([&](Connection& db) {
    auto report = store::findSubmittedReport(db, id);
    auto pdf = store::submittedReportPdf(db, id);
    if (!report || !pdf) throw core::NotFound("report " + std::to_string(id) + " does not exist");
    // In the chain of the report's project, which may be gone (its chain stays).
    recordChange(db, context_.auditKey(), actor_, "download", "report", std::to_string(report->id),
                 report->project, std::nullopt, std::nullopt, report->projectIdentity);
    return DownloadedReport{std::move(*report), std::move(*pdf)};
  });
}

std::optional<store::SubmittedReport> ReportService::verify(std::string_view bytes) {
  const std::string sha = core::sha256Hex(bytes);
  return context_.database().read([&](store::Reader& db) -> std::optional<store::SubmittedReport> {
    for (store::SubmittedReport& report : store::findSubmittedReportsBySha256(db, sha)) {
      // The hash names the candidates; the bytes decide.
      if (store::submittedReportPdf(db, report.id) == std::string(bytes)) return report;
    }
    return std::nullopt;
  });
}

std::string describeSubmitted(const store::SubmittedReport& report) {
  std::string text = "identical to submitted report " + std::to_string(report.id) + " (" +
                     report.project + ", " + report.kind;
  if (report.period) text += ", period " + std::to_string(*report.period);
  if (!report.partner.empty()) text += ", " + report.partner;
  text +=
      ", " + report.language + ", submitted at " + report.submittedAt + " by " + report.submittedBy;
  if (!report.rulesFingerprint.empty()) text += ", rules " + report.rulesFingerprint;
  return text + ")";
}

std::string describeNotSubmitted(std::string_view bytes, const reports::ContentCheck& content) {
  std::string text =
      "not a submitted report: no report submitted here has exactly these bytes (SHA-256 " +
      core::sha256Hex(bytes) + ")";
  if (content.result == reports::ContentCheck::Result::kMatches)
    text +=
        "; revision 1 is intact, so bytes after it were changed or added, or it was submitted "
        "elsewhere (its pages agree with its own metadata, which anyone can rewrite: only the "
        "whole-file check against the submitted reports proves where it came from)";
  return text;
}

}  // namespace crossgrant::app
