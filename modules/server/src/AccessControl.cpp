#include "AccessControl.h"

#include <Poco/String.h>

#include <utility>

#include "ApiError.h"
#include "AppContext.h"
#include "AuthService.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/UserRepository.h"

namespace crossgrant::server {
namespace {

using core::Operation;

constexpr const char* kSessionCookie = "crossgrant_session";

enum class Level { kNone, kProgramme, kProject, kPartner };

struct Requirement {
  Operation operation;
  Level level;
};

Requirement requirementOf(Permission permission) {
  switch (permission) {
    case Permission::kPublic:
    case Permission::kAuthenticated:
      break;
    case Permission::kAdmin:
      return {Operation::kManage, Level::kNone};
    case Permission::kProgrammeRead:
      return {Operation::kReadProgramme, Level::kProgramme};
    case Permission::kProgrammeWrite:
      return {Operation::kManage, Level::kProgramme};
    case Permission::kProjectRead:
      return {Operation::kReadProject, Level::kProject};
    case Permission::kProjectData:
      return {Operation::kReadProjectData, Level::kProject};
    case Permission::kProjectWrite:
      return {Operation::kWriteProject, Level::kProject};
    case Permission::kProjectDelete:
      return {Operation::kManage, Level::kProject};
    case Permission::kPartnerRead:
      return {Operation::kReadPartner, Level::kPartner};
    case Permission::kPartnerWrite:
      return {Operation::kWritePartner, Level::kPartner};
    case Permission::kPartnerFigures:
      return {Operation::kWritePartnerFigures, Level::kPartner};
    case Permission::kBundleImport:
      return {Operation::kImportBundle, Level::kNone};
    case Permission::kAuditRead:
      return {Operation::kReadAudit, Level::kNone};
  }
  return {Operation::kManage, Level::kNone};
}

bool unsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

ApiError unauthenticated(const std::string& message) {
  return ApiError(401, "unauthenticated", message).withHeader("WWW-Authenticate", "Bearer");
}

/// The JSON member path's string, or nullopt when it is not there as a string.
std::optional<std::string> stringAt(const core::Json& json, const char* object, const char* key) {
  const core::Json* inner = json.find(object);
  if (inner == nullptr || !inner->isObject()) return std::nullopt;
  const core::Json* value = inner->find(key);
  if (value == nullptr || !value->isString()) return std::nullopt;
  return value->asString();
}

}  // namespace

bool permits(const ApiRequest& request, core::Operation operation, const core::Scope& scope) {
  return request.principal && core::allows(*request.principal, operation, scope);
}

core::PartnerView partnerViewOf(const ApiRequest& request, const core::Scope& partner) {
  if (!request.principal) return core::PartnerView::kNone;
  return core::partnerView(*request.principal, partner);
}

std::optional<std::string> AccessControl::cookie(const ApiRequest& request,
                                                 const std::string& name) {
  for (const auto& [header, value] : request.headers) {
    if (Poco::icompare(header, "Cookie") != 0) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const std::size_t end = rest.find(';');
      std::string_view pair = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const std::size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name)
        return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

std::optional<AccessControl::Credentials> AccessControl::credentials(const ApiRequest& request) {
  if (const auto authorization = request.header("Authorization")) {
    const std::string scheme = "bearer ";
    if (authorization->size() <= scheme.size() ||
        Poco::icompare(authorization->substr(0, scheme.size()), scheme) != 0)
      throw unauthenticated("the Authorization header must be \"Bearer TOKEN\"");
    std::string token = Poco::trim(authorization->substr(scheme.size()));
    return Credentials{std::move(token), false};
  }
  if (auto token = cookie(request, kSessionCookie)) return Credentials{std::move(*token), true};
  return std::nullopt;
}

void AccessControl::authorize(Permission permission, ApiRequest& request) {
  if (permission == Permission::kPublic) return;
  const std::optional<Credentials> given = credentials(request);
  if (!given)
    throw unauthenticated(
        "sign in first: POST /api/v1/session, then send the token as \"Authorization: Bearer "
        "TOKEN\" or the session cookie");
  std::optional<Authentication> authentication = AuthService(context_).authenticate(given->token);
  if (!authentication)
    throw unauthenticated("the session has ended or the token is not valid; sign in again");
  if (given->fromCookie && unsafe(request.method)) {
    const auto csrf = request.header("X-CSRF-Token");
    if (!csrf || !AuthService::csrfMatches(authentication->session, *csrf))
      throw ApiError(403, "csrf",
                     "a request authenticated by the session cookie must send the session's "
                     "CSRF token (the crossgrant_csrf cookie) as the X-CSRF-Token header");
  }
  request.principal = std::move(authentication->principal);
  request.sessionId = authentication->session.id;
  if (permission == Permission::kAuthenticated) return;

  const Requirement requirement = requirementOf(permission);
  core::Scope scope;
  std::string what;
  const std::optional<std::string> auditedProject =
      permission == Permission::kAuditRead ? request.queryValue("project") : std::nullopt;
  if (auditedProject) {
    scope.project = *auditedProject;
    scope.programme = programmeOf(scope.project);
    what = "project \"" + scope.project + "\"";
  } else if (requirement.level == Level::kProgramme) {
    scope.programme = request.param("code");
    what = "programme \"" + scope.programme + "\"";
  } else if (requirement.level != Level::kNone) {
    scope.project = request.param("code");
    scope.programme = programmeOf(scope.project);
    if (requirement.level == Level::kPartner) scope.partner = request.param("partner");
    what = "project \"" + scope.project + "\"";
  }
  const core::Decision decision = core::decide(*request.principal, requirement.operation, scope);
  switch (decision.outcome) {
    case core::Decision::Outcome::kAllow:
      request.role = decision.role;
      return;
    case core::Decision::Outcome::kHidden:
      throw core::NotFound(what + " does not exist");
    case core::Decision::Outcome::kForbidden:
      throw ApiError(403, "forbidden", decision.reason);
  }
}

std::string AccessControl::programmeOf(const std::string& project) {
  return context_.database()
      .transaction([&](store::Connection& db) { return store::programmeOfProject(db, project); })
      .value_or("");
}

void AccessControl::authorizeBody(Permission permission, ApiRequest& request) {
  if (permission == Permission::kBundleImport) authorizeImport(request);
  if (permission == Permission::kPartnerWrite) authorizePartnerEdit(request);
}

void AccessControl::authorizeImport(ApiRequest& request) {
  const core::Principal& principal = *request.principal;
  if (core::allows(principal, Operation::kManage, {})) return;
  const core::Json body = request.json();
  const std::optional<std::string> project = stringAt(body, "project", "code");
  const std::optional<std::string> programme = stringAt(body, "programme", "code");
  // Without these the bundle is invalid, and the import refuses it without storing anything.
  if (!project || !programme) return;
  const std::optional<std::string> stored = context_.database().transaction(
      [&](store::Connection& db) { return store::programmeOfProject(db, *project); });
  // A project the user may not replace is answered as if it did not exist.
  const core::Decision decision =
      stored ? core::decide(principal, Operation::kWriteProject, {*stored, *project, ""})
             : core::Decision{};
  if (!decision.allowed())
    throw ApiError(403, "forbidden",
                   "only an admin may import a new project; a lead partner may replace its own "
                   "project (?replace=true)");
  if (*programme != *stored)
    throw ApiError(403, "forbidden",
                   "project \"" + *project + "\" belongs to programme \"" + *stored +
                       "\"; only an admin may import it into another programme");
  request.role = decision.role;
}

void AccessControl::authorizePartnerEdit(ApiRequest& request) {
  const std::string& projectCode = request.param("code");
  const std::string& partnerCode = request.param("partner");
  const core::Scope scope{programmeOf(projectCode), projectCode, partnerCode};
  if (core::allows(*request.principal, Operation::kWritePartnerFigures, scope)) return;

  const core::Json body = request.json();
  if (!body.isObject()) return;  // not a partner: the handler refuses it
  core::Json partnerBody = core::Json::object();
  for (const auto& [key, value] : body.members())
    if (key != "version") partnerBody.set(key, value);

  struct Stored {
    core::Partner partner;
    std::string rules;
  };
  const std::optional<Stored> stored =
      context_.database().transaction([&](store::Connection& db) -> std::optional<Stored> {
        auto partner = store::findPartner(db, projectCode, partnerCode);
        auto project = store::findProject(db, projectCode);
        if (!partner || !project) return std::nullopt;
        auto programme = store::findProgramme(db, project->programmeCode);
        if (!programme) return std::nullopt;
        return Stored{std::move(*partner), programme->rules};
      });
  if (!stored) return;  // the handler answers 404
  const core::ProgrammeRules* rules = context_.plugins().rules(stored->rules);
  if (rules == nullptr) return;  // the handler answers for the missing plugin
  const core::Partner proposed = core::readPartner(partnerBody, *rules);
  const core::Partner& current = stored->partner;
  if (proposed.role != current.role || proposed.total != current.total ||
      proposed.budget != current.budget || proposed.cofinancing != current.cofinancing)
    throw ApiError(403, "forbidden",
                   core::decide(*request.principal, Operation::kWritePartnerFigures, scope).reason);
}

}  // namespace crossgrant::server
