#include "ApiHandlers.h"

#include <Poco/String.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "AccessControl.h"
#include "ApiError.h"
#include "AppContext.h"
#include "AuditTrail.h"
#include "AuthApi.h"
#include "ProjectService.h"
#include "ReportApi.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/store/AuditLog.h"

namespace crossgrant::server {
namespace {

constexpr const char* kApi = "/api/v1";

bool booleanQuery(const ApiRequest& request, std::string_view name) {
  const auto value = request.queryValue(name);
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  throw ApiError(
      400, "invalid",
      "query parameter '" + std::string(name) + "' must be true or false, not '" + *value + "'");
}

std::string programmePath(std::string_view code) {
  return std::string(kApi) + "/programmes/" + percentEncodeSegment(code);
}

std::string projectPath(std::string_view code) {
  return std::string(kApi) + "/projects/" + percentEncodeSegment(code);
}

std::string partnerPath(std::string_view project, std::string_view partner) {
  return projectPath(project) + "/partners/" + percentEncodeSegment(partner);
}

/// The bundle's project object with "programme" first.
core::Json projectObject(const core::Project& project) {
  core::Json object = core::Json::object();
  object.set("programme", project.programmeCode);
  const core::Json fields = core::projectToJson(project);
  for (const auto& [key, value] : fields.members()) object.set(key, value);
  return object;
}

constexpr std::int64_t kDefaultAuditPage = 100;
constexpr std::int64_t kMaxAuditPage = 1000;

/// An integer query parameter from lowest to highest, or nullopt when absent.
std::optional<std::int64_t> integerQuery(const ApiRequest& request, std::string_view name,
                                         std::int64_t lowest, std::int64_t highest) {
  const auto value = request.queryValue(name);
  if (!value) return std::nullopt;
  std::int64_t number = 0;
  const char* end = value->data() + value->size();
  const auto [stop, error] = std::from_chars(value->data(), end, number);
  if (value->empty() || error != std::errc() || stop != end || number < lowest ||
      number > highest) {
    throw ApiError(400, "invalid",
                   "query parameter '" + std::string(name) + "' must be an integer from " +
                       std::to_string(lowest) + " to " + std::to_string(highest) + ", not '" +
                       *value + "'");
  }
  return number;
}

/// The ETag of a version: the number in double quotes.
std::string etag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

/// A response showing an object (or part of one) at a version, which the ETag names.
ApiResponse versioned(int status, const core::Json& body, std::int64_t version) {
  ApiResponse response = ApiResponse::json(status, body);
  response.headers.emplace_back("ETag", etag(version));
  return response;
}

ApiResponse created(const std::string& location, const core::Json& object, std::int64_t version) {
  ApiResponse response = versioned(201, object, version);
  response.headers.emplace_back("Location", location);
  return response;
}

/// The version named by an If-Match header: exactly one strong ETag as a GET returned it.
BaseVersion ifMatchVersion(const ApiRequest& request) {
  const std::optional<std::string> header = request.header("If-Match");
  if (!header) return std::nullopt;
  const std::string value = Poco::trim(*header);
  const bool quoted = value.size() >= 3 && value.front() == '"' && value.back() == '"';
  const std::string digits = quoted ? value.substr(1, value.size() - 2) : std::string();
  const bool number =
      !digits.empty() && digits.size() <= 18 && digits.front() != '0' &&
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!number) {
    throw ApiError(400, "invalid",
                   "If-Match must be the one ETag a GET of the object returned, such as \"3\" "
                   "with the quotes, not '" +
                       value + "'");
  }
  return std::stoll(digits);
}

/// The bundle tag named by an If-Match header on a bundle replace: the ETag of GET …/bundle.
std::optional<std::string> ifMatchBundle(const ApiRequest& request) {
  const std::optional<std::string> header = request.header("If-Match");
  if (!header) return std::nullopt;
  const std::string value = Poco::trim(*header);
  const std::string tag =
      value.size() == 66 && value.front() == '"' && value.back() == '"' ? value.substr(1, 64) : "";
  if (tag.empty() || !std::all_of(tag.begin(), tag.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      })) {
    throw ApiError(400, "invalid",
                   "If-Match on a bundle must be the ETag that GET …/bundle returned, with the "
                   "quotes, not '" +
                       value + "'");
  }
  return tag;
}

/// The version a change is based on: If-Match or a "version" member of the body, which is
/// taken out of the body (the object readers refuse members they do not know). When both are
/// given they must agree.
BaseVersion baseVersion(const ApiRequest& request, core::Json* body) {
  const BaseVersion header = ifMatchVersion(request);
  BaseVersion field;
  if (body != nullptr && body->isObject() && body->find("version") != nullptr) {
    core::Json rest = core::Json::object();
    for (const auto& [key, value] : body->members()) {
      if (key != "version") {
        rest.set(key, value);
      } else if (value.isInteger() && value.asInteger() >= 1) {
        field = value.asInteger();
      } else {
        throw core::InvalidInput("/version",
                                 "expected the version the change is based on (an integer from "
                                 "1, as a GET returned it), found " +
                                     (value.isInteger() ? std::to_string(value.asInteger())
                                                        : std::string(value.typeName())));
      }
    }
    *body = std::move(rest);
  }
  if (header && field && *header != *field) {
    throw core::InvalidInput("/version", "is " + std::to_string(*field) + " but If-Match says " +
                                             std::to_string(*header) + "; send one version");
  }
  return header ? header : field;
}

/// The version a DELETE is based on: If-Match, or a body {"version": N}.
BaseVersion deleteVersion(const ApiRequest& request) {
  if (request.body.empty()) return baseVersion(request, nullptr);
  core::Json body = request.json();
  if (!body.isObject())
    throw core::InvalidInput("", "expected an object {\"version\": N} or no body, found " +
                                     std::string(body.typeName()));
  BaseVersion version = baseVersion(request, &body);
  if (!body.members().empty())
    throw core::InvalidInput("/" + core::escapePointer(body.members().front().first),
                             "unknown member: a delete takes only \"version\"");
  return version;
}

/// What the other partners of a project see of a partner: who it is, not its figures.
core::Json partnerSummary(const core::Partner& partner) {
  return core::Json::object()
      .set("code", partner.code)
      .set("role", core::toString(partner.role))
      .set("name", partner.name)
      .set("country", partner.country);
}

/// Routes bound to one AppContext; each request gets its own ProjectService, acting as the
/// request's actor.
class Api {
 public:
  explicit Api(AppContext& context) : context_(context) {}

  ApiResponse health(const ApiRequest& request) {
    request.allowQuery({});
    bool up = false;
    try {
      up = context_.database().ping();
    } catch (const std::exception&) {
      up = false;
    }
    core::Json body = core::Json::object();
    body.set("status", up ? "ok" : "unavailable");
    body.set("database", context_.database().backend());
    return ApiResponse::json(up ? 200 : 503, body);
  }

  ApiResponse openApi(const ApiRequest& request) {
    request.allowQuery({});
    return ApiResponse::jsonText(200, std::string(openApiDocument()));
  }

  // Programmes.
  ApiResponse listProgrammes(const ApiRequest& request) {
    request.allowQuery({});
    core::Json list = core::Json::array();
    for (const auto& programme : service(request).programmes())
      if (permits(request, core::Operation::kReadProgramme, {programme.code, "", ""}))
        list.push(core::programmeToJson(programme));
    return ApiResponse::json(200, core::Json::object().set("programmes", std::move(list)));
  }
  ApiResponse getProgramme(const ApiRequest& request) {
    request.allowQuery({});
    const auto programme = service(request).programme(request.param("code"));
    return versioned(200, programmeJson(programme), programme.version);
  }
  ApiResponse createProgramme(const ApiRequest& request) {
    request.allowQuery({});
    const auto programme = service(request).createProgramme(request.json());
    return created(programmePath(programme.value.code), programmeJson(programme),
                   programme.version);
  }
  ApiResponse updateProgramme(const ApiRequest& request) {
    request.allowQuery({});
    core::Json body = request.json();
    const BaseVersion version = baseVersion(request, &body);
    const auto programme = service(request).updateProgramme(request.param("code"), body, version);
    return versioned(200, programmeJson(programme), programme.version);
  }
  ApiResponse deleteProgramme(const ApiRequest& request) {
    request.allowQuery({});
    service(request).deleteProgramme(request.param("code"), deleteVersion(request));
    return ApiResponse::noContent();
  }

  // Projects.
  ApiResponse listProjects(const ApiRequest& request) {
    request.allowQuery({"programme"});
    const std::string programme = request.queryValue("programme").value_or("");
    if (!programme.empty() &&
        !permits(request, core::Operation::kReadProgramme, {programme, "", ""}))
      throw core::NotFound("programme \"" + programme + "\" does not exist");
    core::Json list = core::Json::array();
    for (const auto& project : service(request).projects(programme))
      if (permits(request, core::Operation::kReadProject,
                  {project.programmeCode, project.code, ""}))
        list.push(projectObject(project));
    return ApiResponse::json(200, core::Json::object().set("projects", std::move(list)));
  }
  ApiResponse getProject(const ApiRequest& request) {
    request.allowQuery({});
    const auto project = service(request).project(request.param("code"));
    return versioned(200, projectJson(project), project.version);
  }
  ApiResponse createProject(const ApiRequest& request) {
    request.allowQuery({});
    const auto project = service(request).createProject(request.json());
    return created(projectPath(project.value.code), projectJson(project), project.version);
  }
  ApiResponse updateProject(const ApiRequest& request) {
    request.allowQuery({});
    core::Json body = request.json();
    const BaseVersion version = baseVersion(request, &body);
    const auto project = service(request).updateProject(request.param("code"), body, version);
    return versioned(200, projectJson(project), project.version);
  }
  ApiResponse deleteProject(const ApiRequest& request) {
    request.allowQuery({});
    service(request).deleteProject(request.param("code"), deleteVersion(request));
    return ApiResponse::noContent();
  }

  // Partners and their budgets; a budget or co-financing is versioned by its partner.
  ApiResponse listPartners(const ApiRequest& request) {
    request.allowQuery({});
    const std::string& code = request.param("code");
    const std::string programme = service(request).project(code).value.programmeCode;
    core::Json list = core::Json::array();
    for (const auto& partner : service(request).partners(code)) {
      const core::PartnerView view = partnerViewOf(request, {programme, code, partner.code});
      if (view == core::PartnerView::kFull) list.push(core::partnerToJson(partner));
      if (view == core::PartnerView::kSummary) list.push(partnerSummary(partner));
    }
    return ApiResponse::json(200, core::Json::object().set("partners", std::move(list)));
  }
  ApiResponse getPartner(const ApiRequest& request) {
    request.allowQuery({});
    const auto partner = service(request).partner(request.param("code"), request.param("partner"));
    return versioned(200, partnerJson(partner), partner.version);
  }
  ApiResponse createPartner(const ApiRequest& request) {
    request.allowQuery({});
    const std::string& project = request.param("code");
    const auto partner = service(request).createPartner(project, request.json());
    return created(partnerPath(project, partner.value.code), partnerJson(partner), partner.version);
  }
  ApiResponse updatePartner(const ApiRequest& request) {
    request.allowQuery({});
    core::Json body = request.json();
    const BaseVersion version = baseVersion(request, &body);
    const auto partner = service(request).updatePartner(request.param("code"),
                                                        request.param("partner"), body, version);
    return versioned(200, partnerJson(partner), partner.version);
  }
  ApiResponse deletePartner(const ApiRequest& request) {
    request.allowQuery({});
    service(request).deletePartner(request.param("code"), request.param("partner"),
                                   deleteVersion(request));
    return ApiResponse::noContent();
  }
  ApiResponse getBudget(const ApiRequest& request) {
    request.allowQuery({});
    const auto partner = service(request).partner(request.param("code"), request.param("partner"));
    return versioned(200, core::budgetToJson(partner.value.budget), partner.version);
  }
  ApiResponse replaceBudget(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
    const auto partner = service(request).replaceBudget(
        request.param("code"), request.param("partner"), body, ifMatchVersion(request));
    return versioned(200, core::budgetToJson(partner.value.budget), partner.version);
  }
  ApiResponse getCofinancing(const ApiRequest& request) {
    request.allowQuery({});
    const auto partner = service(request).partner(request.param("code"), request.param("partner"));
    return versioned(200, core::cofinancingToJson(partner.value.cofinancing), partner.version);
  }
  ApiResponse replaceCofinancing(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
    const auto partner = service(request).replaceCofinancing(
        request.param("code"), request.param("partner"), body, ifMatchVersion(request));
    return versioned(200, core::cofinancingToJson(partner.value.cofinancing), partner.version);
  }

  // Bundles and findings.
  ApiResponse importBundle(const ApiRequest& request) {
    request.allowQuery({"replace"});
    const bool replace = booleanQuery(request, "replace");
    request.json();  // malformed JSON is "invalid_json", like every other body
    // If-Match on a replace: only over the export the caller read (409 otherwise).
    const ImportResult result =
        service(request).importBundle(request.body, replace, ifMatchBundle(request));
    const core::Json body = findingsToJson(result.projectCode, result.findings);
    if (result.replaced) return ApiResponse::json(200, body);
    ApiResponse response = ApiResponse::json(201, body);
    response.headers.emplace_back("Location", projectPath(result.projectCode));
    return response;
  }
  ApiResponse exportBundle(const ApiRequest& request) {
    request.allowQuery({});
    const std::string text = service(request).exportBundle(request.param("code"));
    ApiResponse response = ApiResponse::jsonText(200, text);
    response.headers.emplace_back("ETag", "\"" + bundleTag(text) + "\"");
    return response;
  }
  ApiResponse findings(const ApiRequest& request) {
    request.allowQuery({});
    const std::string& code = request.param("code");
    return ApiResponse::json(200, findingsToJson(code, service(request).findings(code)));
  }

  // The audit trail, oldest first, a page at a time: "next" is the "after" of the next page.
  ApiResponse audit(const ApiRequest& request) {
    request.allowQuery({"project", "from", "to", "after", "limit"});
    store::AuditFilter filter;
    filter.project = request.queryValue("project").value_or("");
    try {
      setAuditPeriod(filter, request.queryValue("from"), request.queryValue("to"), "from", "to");
    } catch (const core::InvalidInput& e) {
      const core::ValidationError& error = e.errors().front();
      throw ApiError(400, "invalid", "query parameter '" + error.pointer + "' " + error.message);
    }
    filter.afterSequence = integerQuery(request, "after", 0, INT64_MAX).value_or(0);
    const std::int64_t limit =
        integerQuery(request, "limit", 1, kMaxAuditPage).value_or(kDefaultAuditPage);
    filter.limit = static_cast<std::size_t>(limit) + 1;
    std::vector<core::AuditEntry> entries = context_.database().transaction(
        [&](store::Connection& c) { return store::readAudit(c, filter); });
    const bool more = entries.size() > static_cast<std::size_t>(limit);
    if (more) entries.pop_back();
    core::Json list = core::Json::array();
    for (const core::AuditEntry& entry : entries) list.push(auditEntryJson(entry));
    return ApiResponse::json(
        200, core::Json::object()
                 .set("entries", std::move(list))
                 .set("next", more ? core::Json(entries.back().sequence) : core::Json()));
  }

 private:
  ProjectService service(const ApiRequest& request) {
    return ProjectService(context_, request.actor());
  }

  AppContext& context_;
};

}  // namespace

void addApiRoutes(Router& router, AppContext& context) {
  auto api = std::make_shared<Api>(context);
  auto add = [&](const char* method, const std::string& pattern, Permission permission,
                 ApiResponse (Api::*member)(const ApiRequest&)) {
    router.add(Route(method, pattern, permission, [api, member](const ApiRequest& request) {
      return ((*api).*member)(request);
    }));
  };
  auto auth = std::make_shared<AuthApi>(context);
  auto addAuth = [&](const char* method, const std::string& pattern, Permission permission,
                     ApiResponse (AuthApi::*member)(const ApiRequest&)) {
    router.add(Route(method, pattern, permission, [auth, member](const ApiRequest& request) {
      return ((*auth).*member)(request);
    }));
  };
  const std::string v1 = kApi;
  using P = Permission;

  add("GET", "/health", P::kPublic, &Api::health);
  add("GET", v1 + "/openapi.json", P::kAuthenticated, &Api::openApi);

  addAuth("POST", v1 + "/session", P::kPublic, &AuthApi::login);
  addAuth("GET", v1 + "/session", P::kAuthenticated, &AuthApi::currentSession);
  addAuth("DELETE", v1 + "/session", P::kAuthenticated, &AuthApi::logout);
  addAuth("POST", v1 + "/session/password", P::kAuthenticated, &AuthApi::changePassword);
  addAuth("GET", v1 + "/sessions", P::kAuthenticated, &AuthApi::listSessions);
  addAuth("DELETE", v1 + "/sessions/{id}", P::kAuthenticated, &AuthApi::endSession);

  addAuth("GET", v1 + "/users", P::kAdmin, &AuthApi::listUsers);
  addAuth("POST", v1 + "/users", P::kAdmin, &AuthApi::createUser);
  addAuth("GET", v1 + "/users/{name}", P::kAdmin, &AuthApi::getUser);
  addAuth("DELETE", v1 + "/users/{name}", P::kAdmin, &AuthApi::deleteUser);
  addAuth("POST", v1 + "/users/{name}/grants", P::kAdmin, &AuthApi::addGrant);
  addAuth("DELETE", v1 + "/users/{name}/grants", P::kAdmin, &AuthApi::removeGrant);

  add("GET", v1 + "/programmes", P::kAuthenticated, &Api::listProgrammes);
  add("POST", v1 + "/programmes", P::kAdmin, &Api::createProgramme);
  add("GET", v1 + "/programmes/{code}", P::kProgrammeRead, &Api::getProgramme);
  add("PUT", v1 + "/programmes/{code}", P::kProgrammeWrite, &Api::updateProgramme);
  add("DELETE", v1 + "/programmes/{code}", P::kProgrammeWrite, &Api::deleteProgramme);

  add("GET", v1 + "/projects", P::kAuthenticated, &Api::listProjects);
  add("POST", v1 + "/projects", P::kAdmin, &Api::createProject);
  add("GET", v1 + "/projects/{code}", P::kProjectRead, &Api::getProject);
  add("PUT", v1 + "/projects/{code}", P::kProjectWrite, &Api::updateProject);
  add("DELETE", v1 + "/projects/{code}", P::kProjectDelete, &Api::deleteProject);

  add("GET", v1 + "/projects/{code}/partners", P::kProjectRead, &Api::listPartners);
  add("POST", v1 + "/projects/{code}/partners", P::kProjectWrite, &Api::createPartner);
  add("GET", v1 + "/projects/{code}/partners/{partner}", P::kPartnerRead, &Api::getPartner);
  add("PUT", v1 + "/projects/{code}/partners/{partner}", P::kPartnerWrite, &Api::updatePartner);
  add("DELETE", v1 + "/projects/{code}/partners/{partner}", P::kProjectWrite, &Api::deletePartner);
  add("GET", v1 + "/projects/{code}/partners/{partner}/budget", P::kPartnerRead, &Api::getBudget);
  add("PUT", v1 + "/projects/{code}/partners/{partner}/budget", P::kPartnerFigures,
      &Api::replaceBudget);
  add("GET", v1 + "/projects/{code}/partners/{partner}/cofinancing", P::kPartnerRead,
      &Api::getCofinancing);
  add("PUT", v1 + "/projects/{code}/partners/{partner}/cofinancing", P::kPartnerFigures,
      &Api::replaceCofinancing);

  add("POST", v1 + "/bundles", P::kBundleImport, &Api::importBundle);
  add("GET", v1 + "/projects/{code}/bundle", P::kProjectData, &Api::exportBundle);
  add("GET", v1 + "/projects/{code}/findings", P::kProjectData, &Api::findings);
  add("GET", v1 + "/audit", P::kAuditRead, &Api::audit);

  addReportRoutes(router, context);
}

}  // namespace crossgrant::server
