// Reports:
//   POST /api/v1/projects/{code}/reports        {"kind", "language", "period"?, "partner"?,
//                                               "from"?, "to"?} submits one: 201 with its id
//                                               and sha256 (who writes the project; an audit
//                                               extract also needs the project's trail)
//   GET  /api/v1/projects/{code}/reports        the submitted reports of the project that
//                                               has the code now
//   GET  /api/v1/programmes/{code}/reports      those of every project of the programme,
//                                               deleted projects' included (who reads the
//                                               whole programme)
//   GET  /api/v1/projects/{code}/reports/draft  ?kind=&language=&... renders a draft now (a
//                                               partner report to who reads that partner)
//   GET  /api/v1/reports/{id}/pdf               the stored bytes, ETag the quoted SHA-256
//   POST /api/v1/reports/verify                 a PDF as application/pdf: {"submitted": true,
//                                               "report"} or {"submitted": false}, and the
//                                               content check of its revision 1 ("content",
//                                               reports/Provenance.h) and both checks in words
//                                               ("message")
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/access/Scopes.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/app/reporting/ReportService.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Text.h"
#include "crossgrant/reports/Provenance.h"

namespace crossgrant::api {
namespace {

constexpr const char* kPdfType = "application/pdf";

app::ReportService service(const Call& call) {
  return app::ReportService(call.context, call.actor());
}

/// The selection from named text values (query parameters, or a body's members as text).
reports::ReportSelection parseSelection(const std::optional<std::string>& kind,
                                        const std::optional<std::string>& language,
                                        const std::optional<std::string>& period,
                                        const std::optional<std::string>& partner,
                                        const std::optional<std::string>& from,
                                        const std::optional<std::string>& to) {
  std::vector<core::ValidationError> errors;
  reports::ReportSelection selection;
  if (!kind) {
    errors.push_back({"/kind", "is required: financial, partner, project or audit"});
  } else if (const auto parsed = reports::parseReportKind(*kind)) {
    selection.kind = *parsed;
  } else {
    errors.push_back(
        {"/kind", "is \"" + *kind + "\"; expected financial, partner, project or audit"});
  }
  if (!language) {
    errors.push_back({"/language", "is required: en, lv or lt"});
  } else if (const auto parsed = core::parseLanguage(*language)) {
    selection.language = *parsed;
  } else {
    errors.push_back({"/language", "is \"" + *language + "\"; expected en, lv or lt"});
  }
  if (period) {
    const auto number = core::parseInteger(*period, 1, 1'000'000);
    if (!number)
      errors.push_back({"/period", "is \"" + *period + "\"; expected a period number from 1"});
    else
      selection.period = static_cast<int>(*number);
  }
  selection.partner = partner.value_or("");
  if (from) {
    selection.from = core::Date::parse(*from);
    if (!selection.from) errors.push_back({"/from", "is \"" + *from + "\"; expected YYYY-MM-DD"});
  }
  if (to) {
    selection.to = core::Date::parse(*to);
    if (!selection.to) errors.push_back({"/to", "is \"" + *to + "\"; expected YYYY-MM-DD"});
  }
  if (!errors.empty()) throw core::InvalidInput(std::move(errors));
  return selection;
}

http::Response pdfResponse(std::string bytes, const std::string& fileName) {
  return http::Response::bytes(200, kPdfType, std::move(bytes))
      .withHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
}

http::Response submit(Call& call) {
  call.request.allowQuery({});
  const core::Json body = call.request.json();
  if (!body.isObject())
    throw core::InvalidInput("", "expected an object, found " + std::string(body.typeName()));
  std::optional<std::string> values[6];
  static const char* const kMembers[] = {"kind", "language", "period", "partner", "from", "to"};
  for (const auto& [key, value] : body.members()) {
    int index = -1;
    for (int i = 0; i < 6; ++i)
      if (key == kMembers[i]) index = i;
    if (index < 0)
      throw core::InvalidInput("/" + core::escapePointer(key),
                               "unknown member: a report takes kind, language, period, partner, "
                               "from and to");
    if (index == 2 && value.isInteger()) {
      values[index] = std::to_string(value.asInteger());
    } else if (index != 2 && value.isString()) {
      values[index] = value.asString();
    } else if (!value.isNull()) {
      throw core::InvalidInput("/" + key, std::string("expected ") +
                                              (index == 2 ? "an integer" : "a string") +
                                              ", found " + std::string(value.typeName()));
    }
  }
  const reports::ReportSelection selection =
      parseSelection(values[0], values[1], values[2], values[3], values[4], values[5]);
  const std::string& code = call.request.param("code");
  // An audit extract prints the audit trail: only those who may read the trail submit one.
  if (selection.kind == reports::ReportKind::kAudit)
    call.require(core::Operation::kReadAudit, call.scope, "project \"" + code + "\"");
  const store::SubmittedReport report = service(call).submit(code, selection);
  return http::Response::json(201, app::submittedReportRecord(report))
      .withHeader("Location", "/api/v1/reports/" + std::to_string(report.id) + "/pdf");
}

http::Response reportList(const std::vector<store::SubmittedReport>& submitted) {
  core::Json reports = core::Json::array();
  for (const store::SubmittedReport& report : submitted)
    reports.push(app::submittedReportRecord(report));
  return http::Response::json(200, core::Json::object().set("reports", std::move(reports)));
}

http::Response list(Call& call) {
  call.request.allowQuery({});
  return reportList(service(call).list(call.request.param("code")));
}

http::Response listOfProgramme(Call& call) {
  call.request.allowQuery({});
  return reportList(service(call).listOfProgramme(call.request.param("code")));
}

http::Response draft(Call& call) {
  const http::Request& request = call.request;
  request.allowQuery({"kind", "language", "period", "partner", "from", "to"});
  const reports::ReportSelection selection = parseSelection(
      request.queryValue("kind"), request.queryValue("language"), request.queryValue("period"),
      request.queryValue("partner"), request.queryValue("from"), request.queryValue("to"));
  const std::string& code = request.param("code");
  const core::Scope& scope = call.scope;
  const std::string what = "project \"" + code + "\"";
  if (selection.kind == reports::ReportKind::kPartner && !selection.partner.empty()) {
    call.require(core::Operation::kReadPartner, {scope.programme, code, selection.partner},
                 "partner \"" + selection.partner + "\"");
  } else if (selection.kind == reports::ReportKind::kAudit) {
    call.require(core::Operation::kReadAudit, scope, what);
  } else if (selection.kind != reports::ReportKind::kPartner) {
    call.require(core::Operation::kReadProjectData, scope, what);
  }
  app::RenderedReport rendered = service(call).draft(code, selection);
  return pdfResponse(std::move(rendered.pdf), rendered.fileName)
      .withHeader("Cache-Control", "no-store");
}

/// Reading a submitted report needs what reading its content needs: the whole project, and for
/// an audit extract the project's audit trail too.
bool mayRead(const Call& call, const store::SubmittedReport& report, const core::Scope& scope) {
  return call.permits(core::Operation::kReadProjectData, scope) &&
         (report.kind != "audit" || call.permits(core::Operation::kReadAudit, scope));
}

http::Response download(Call& call) {
  call.request.allowQuery({});
  // The route allowed reading the report's project, and its trail for an audit extract.
  const std::int64_t id = *core::parsePositiveInteger(call.request.param("id"));
  app::DownloadedReport downloaded = service(call).download(id);
  return pdfResponse(std::move(downloaded.pdf), downloaded.report.fileName)
      .withHeader("ETag", "\"" + downloaded.report.sha256 + "\"");
}

http::Response verify(Call& call) {
  call.request.allowQuery({});
  const std::string& bytes = call.request.body;
  if (bytes.rfind("%PDF-", 0) != 0)
    throw core::InvalidInput("", bytes.empty() ? "send the PDF to check as the body"
                                               : "the body is not a PDF (it does not start "
                                                 "with %PDF-)");
  const std::optional<store::SubmittedReport> report = service(call).verify(bytes);
  core::Json answer = core::Json::object().set("submitted", report.has_value());
  const bool readable =
      report &&
      mayRead(call, *report,
              app::Scopes(call.context).ofIdentity(report->projectIdentity, report->project));
  if (readable) answer.set("report", app::submittedReportRecord(*report));
  // The content check reads only the bytes sent: anyone who sends them may see it.
  const reports::ContentCheck content = reports::checkContent(bytes);
  core::Json check =
      core::Json::object().set("result", std::string(reports::toString(content.result)));
  if (content.result == reports::ContentCheck::Result::kMatches ||
      content.result == reports::ContentCheck::Result::kDiffers) {
    check.set("length", content.length).set("recorded_sha256", content.recorded);
    if (!content.actual.empty()) check.set("sha256", content.actual);
  }
  check.set("message", content.message);
  answer.set("content", std::move(check));
  answer.set("message", (readable ? app::describeSubmitted(*report)
                         : report ? std::string("identical to a submitted report")
                                  : app::describeNotSubmitted(bytes, content)) +
                            "\n" + content.message);
  return http::Response::json(200, answer);
}

}  // namespace

std::vector<Route> reportRoutes() {
  const std::string v1 = kApiPrefix;
  using core::Operation;
  Route verifyRoute{"POST", v1 + "/reports/verify", Access::signedIn(), verify};
  verifyRoute.bodyType = kPdfType;
  // Submitting and drafting render a PDF: long work, off the request workers.
  Route submitRoute{"POST", v1 + "/projects/{code}/reports",
                    Access::allowed(Operation::kWriteProject, scopes::project()), submit};
  submitRoute.longWork = true;
  Route draftRoute{"GET", v1 + "/projects/{code}/reports/draft",
                   Access::allowed(Operation::kReadProject, scopes::project()), draft};
  draftRoute.longWork = true;
  return {
      submitRoute,
      {"GET", v1 + "/projects/{code}/reports",
       Access::allowed(Operation::kReadProjectData, scopes::project()), list},
      {"GET", v1 + "/programmes/{code}/reports",
       Access::allowed(Operation::kReadProjectData, scopes::programme()), listOfProgramme},
      draftRoute,
      {"GET", v1 + "/reports/{id}/pdf",
       Access::allowed(Operation::kReadProjectData, scopes::report()), download},
      verifyRoute,
  };
}

}  // namespace crossgrant::api
