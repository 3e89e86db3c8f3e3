#include "ReportApi.h"

#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ApiError.h"
#include "AppContext.h"
#include "ReportService.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Policy.h"
#include "crossgrant/store/ProjectRepository.h"

namespace crossgrant::server {
namespace {

constexpr const char* kPdfType = "application/pdf";

/// Throws unless the request's user may perform operation at scope: NotFound (404) where the
/// object is outside every scope of the user, ApiError 403 where it is visible.
void requireAllowed(const ApiRequest& request, core::Operation operation, const core::Scope& scope,
                    const std::string& what) {
  if (!request.principal) throw ApiError(401, "unauthenticated", "sign in first");
  const core::Decision decision = core::decide(*request.principal, operation, scope);
  if (decision.outcome == core::Decision::Outcome::kHidden)
    throw core::NotFound(what + " does not exist");
  if (decision.outcome == core::Decision::Outcome::kForbidden)
    throw ApiError(403, "forbidden", decision.reason);
}

/// The selection from named text values (query parameters, or a body's members as text);
/// pointer(name) names a field in errors.
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
    int number = 0;
    const char* end = period->data() + period->size();
    const auto [stop, error] = std::from_chars(period->data(), end, number);
    if (period->empty() || error != std::errc() || stop != end || number < 1)
      errors.push_back({"/period", "is \"" + *period + "\"; expected a period number from 1"});
    else
      selection.period = number;
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

std::int64_t idOf(const ApiRequest& request) {
  const std::string& text = request.param("id");
  std::int64_t id = 0;
  const auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || error != std::errc() || stop != text.data() + text.size() || id < 1)
    throw core::NotFound("report \"" + text + "\" does not exist");
  return id;
}

ApiResponse pdfResponse(std::string bytes, const std::string& fileName) {
  ApiResponse response;
  response.status = 200;
  response.contentType = kPdfType;
  response.body = std::move(bytes);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
  return response;
}

class ReportApi {
 public:
  explicit ReportApi(AppContext& context) : context_(context) {}

  ApiResponse submit(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
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
                                 "unknown member: a report takes kind, language, period, "
                                 "partner, from and to");
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
    const std::string& code = request.param("code");
    if (selection.kind == reports::ReportKind::kAudit) {
      // An audit extract prints the audit trail: only those who may read the trail submit one.
      requireAllowed(request, core::Operation::kReadAudit, {programmeOf(code), code, ""},
                     "project \"" + code + "\"");
    }
    const store::SubmittedReport report = service(request).submit(code, selection);
    ApiResponse response = ApiResponse::json(201, submittedReportJson(report));
    response.headers.emplace_back("Location",
                                  "/api/v1/reports/" + std::to_string(report.id) + "/pdf");
    return response;
  }

  ApiResponse list(const ApiRequest& request) {
    request.allowQuery({});
    core::Json reports = core::Json::array();
    for (const store::SubmittedReport& report : service(request).list(request.param("code")))
      reports.push(submittedReportJson(report));
    return ApiResponse::json(200, core::Json::object().set("reports", std::move(reports)));
  }

  ApiResponse draft(const ApiRequest& request) {
    request.allowQuery({"kind", "language", "period", "partner", "from", "to"});
    const reports::ReportSelection selection = parseSelection(
        request.queryValue("kind"), request.queryValue("language"), request.queryValue("period"),
        request.queryValue("partner"), request.queryValue("from"), request.queryValue("to"));
    const std::string& code = request.param("code");
    const core::Scope scope{programmeOf(code), code, ""};
    if (selection.kind == reports::ReportKind::kPartner && !selection.partner.empty()) {
      requireAllowed(request, core::Operation::kReadPartner,
                     {scope.programme, code, selection.partner},
                     "partner \"" + selection.partner + "\"");
    } else if (selection.kind == reports::ReportKind::kAudit) {
      requireAllowed(request, core::Operation::kReadAudit, scope, "project \"" + code + "\"");
    } else if (selection.kind != reports::ReportKind::kPartner) {
      requireAllowed(request, core::Operation::kReadProjectData, scope, "project \"" + code + "\"");
    }
    RenderedReport rendered = service(request).draft(code, selection);
    ApiResponse response = pdfResponse(std::move(rendered.pdf), rendered.fileName);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  }

  ApiResponse download(const ApiRequest& request) {
    request.allowQuery({});
    const std::int64_t id = idOf(request);
    ReportService reports = service(request);
    const store::SubmittedReport report = reports.find(id);
    requireReadable(request, report);
    DownloadedReport downloaded = reports.download(id);
    ApiResponse response = pdfResponse(std::move(downloaded.pdf), downloaded.report.fileName);
    response.headers.emplace_back("ETag", "\"" + downloaded.report.sha256 + "\"");
    return response;
  }

  ApiResponse verify(const ApiRequest& request) {
    request.allowQuery({});
    const std::optional<store::SubmittedReport> report = service(request).verify(request.body);
    core::Json answer = core::Json::object().set("submitted", report.has_value());
    if (report && readable(request, *report)) answer.set("report", submittedReportJson(*report));
    return ApiResponse::json(200, answer);
  }

 private:
  ReportService service(const ApiRequest& request) {
    return ReportService(context_, request.actor());
  }

  /// The programme of a project, "" when the project does not exist (the policy then hides it).
  std::string programmeOf(const std::string& project) {
    return context_.database().transaction([&](store::Connection& db) {
      const auto found = store::findProject(db, project);
      return found ? found->programmeCode : std::string();
    });
  }

  core::Scope scopeOf(const store::SubmittedReport& report) {
    return {programmeOf(report.project), report.project, ""};
  }

  /// Reading a submitted report needs what reading its content needs: the whole project, and
  /// for an audit extract the project's audit trail too.
  static std::vector<core::Operation> readOperations(const store::SubmittedReport& report) {
    if (report.kind == "audit")
      return {core::Operation::kReadProjectData, core::Operation::kReadAudit};
    return {core::Operation::kReadProjectData};
  }

  bool readable(const ApiRequest& request, const store::SubmittedReport& report) {
    if (!request.principal) return false;
    const core::Scope scope = scopeOf(report);
    for (const core::Operation operation : readOperations(report))
      if (!core::allows(*request.principal, operation, scope)) return false;
    return true;
  }

  void requireReadable(const ApiRequest& request, const store::SubmittedReport& report) {
    const core::Scope scope = scopeOf(report);
    for (const core::Operation operation : readOperations(report))
      requireAllowed(request, operation, scope, "report " + std::to_string(report.id));
  }

  AppContext& context_;
};

}  // namespace

void addReportRoutes(Router& router, AppContext& context) {
  auto api = std::make_shared<ReportApi>(context);
  auto route = [&](const char* method, const std::string& pattern, Permission permission,
                   ApiResponse (ReportApi::*member)(const ApiRequest&)) {
    return Route(method, pattern, permission,
                 [api, member](const ApiRequest& request) { return ((*api).*member)(request); });
  };
  const std::string v1 = "/api/v1";
  router.add(route("POST", v1 + "/projects/{code}/reports", Permission::kProjectWrite,
                   &ReportApi::submit));
  router.add(
      route("GET", v1 + "/projects/{code}/reports", Permission::kProjectData, &ReportApi::list));
  router.add(route("GET", v1 + "/projects/{code}/reports/draft", Permission::kProjectRead,
                   &ReportApi::draft));
  router.add(
      route("GET", v1 + "/reports/{id}/pdf", Permission::kAuthenticated, &ReportApi::download));
  Route verify =
      route("POST", v1 + "/reports/verify", Permission::kAuthenticated, &ReportApi::verify);
  verify.bodyType = kPdfType;
  router.add(std::move(verify));
}

}  // namespace crossgrant::server
