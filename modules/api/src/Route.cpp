#include "crossgrant/api/Route.h"

#include <algorithm>
#include <stdexcept>

#include "crossgrant/app/access/Scopes.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Text.h"

namespace crossgrant::api {
namespace {

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

}  // namespace

core::Actor Call::actor() const {
  return core::Actor{principal ? principal->user : std::string(), role, request.clientAddress};
}

app::Caller Call::caller() const {
  return app::Caller{principal.value_or(core::Principal{}), actor()};
}

bool Call::permits(core::Operation operation, const core::Scope& scope) const {
  return principal && core::allows(*principal, operation, scope);
}

void Call::require(core::Operation operation, const core::Scope& scope,
                   const std::string& what) const {
  const core::Decision decision =
      principal ? core::decide(*principal, operation, scope) : core::Decision{};
  if (decision.outcome == core::Decision::Outcome::kHidden)
    throw core::NotFound(what + " does not exist");
  if (decision.outcome == core::Decision::Outcome::kForbidden)
    throw core::Forbidden(decision.reason);
}

namespace scopes {

ScopeRule none() {
  return {{}, [](const Call&, app::Scopes&) { return Target{}; }};
}

ScopeRule programme() {
  return {{"code"}, [](const Call& call, app::Scopes&) {
            const std::string& code = call.request.param("code");
            return Target{{code, "", ""}, "programme " + quoted(code)};
          }};
}

ScopeRule project() {
  return {{"code"}, [](const Call& call, app::Scopes& scopes) {
            const std::string& code = call.request.param("code");
            return Target{{scopes.programmeOfProject(code), code, ""}, "project " + quoted(code)};
          }};
}

ScopeRule partner() {
  return {{"code", "partner"}, [](const Call& call, app::Scopes& scopes) {
            const std::string& code = call.request.param("code");
            return Target{{scopes.programmeOfProject(code), code, call.request.param("partner")},
                          "project " + quoted(code)};
          }};
}

ScopeRule report() {
  return {{"id"}, [](const Call& call, app::Scopes& scopes) {
            const std::string& id = call.request.param("id");
            const std::optional<std::int64_t> number = core::parsePositiveInteger(id);
            const std::optional<app::ReportScope> report =
                number ? scopes.report(*number) : std::nullopt;
            // A report that does not exist is hidden from everyone alike.
            if (!report) throw core::NotFound("report " + id + " does not exist");
            Target target{report->scope, "report " + id};
            // An audit extract shows its project's audit trail.
            if (report->kind == "audit") target.alsoNeeds.push_back(core::Operation::kReadAudit);
            return target;
          }};
}

ScopeRule auditedProject() {
  return {{}, [](const Call& call, app::Scopes& scopes) {
            if (const std::optional<std::string> project = call.request.queryValue("project")) {
              // A code no project has now names the projects that had it: only who reads every
              // programme reaches them.
              const std::string programme = scopes.programmeOfProject(*project);
              return Target{{programme, *project, "", programme.empty()},
                            "project " + quoted(*project)};
            }
            if (const std::optional<std::string> programme = call.request.queryValue("programme"))
              return Target{{*programme, "", ""}, "programme " + quoted(*programme)};
            return Target{};
          }};
}

}  // namespace scopes

Access Access::anyone() { return Access{Who::kAnyone, core::Operation::kManage, scopes::none()}; }

Access Access::signedIn() {
  return Access{Who::kSignedIn, core::Operation::kManage, scopes::none()};
}

Access Access::allowed(core::Operation operation, ScopeRule scope) {
  return Access{Who::kAllowed, operation, std::move(scope)};
}

void checkDeclaration(const Route& route, const std::vector<std::string>& parameters) {
  const std::string name = "route " + route.method + " " + route.pattern;
  if (!route.handler) throw std::invalid_argument(name + " has no handler");
  for (const std::string& needed : route.access.scope.parameters)
    if (std::find(parameters.begin(), parameters.end(), needed) == parameters.end())
      throw std::invalid_argument(name + " finds its scope by {" + needed +
                                  "}, which its pattern does not have");
}

}  // namespace crossgrant::api
