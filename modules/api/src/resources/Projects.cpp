// Projects: GET (list, ?programme=: those the caller may read; ?findings=count: with the
// number of findings each shows the caller), POST (admins), GET/PUT/DELETE one. The bundle's
// project object with "programme" (its programme's code) first and "version" last; PUT and
// DELETE name the version (Codecs.h). A DELETE that revokes grants answers 200
// {"revoked": [...]}, else 204. GET .../permissions: what the caller may do with the project
// and each of its partners, as the policy decides it (for pages to offer only that).
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::api {
namespace {

using core::Json;

app::ProjectService service(const Call& call) {
  return app::ProjectService(call.context, call.caller());
}

/// A project body is the bundle's project object plus the programme's code.
core::Project readProjectBody(const Json& body) {
  if (!body.isObject())
    throw core::InvalidInput("", "expected an object, found " + std::string(body.typeName()));
  std::string programme;
  Json project = Json::object();
  for (const auto& [key, value] : body.members()) {
    if (key != "programme") {
      project.set(key, value);
    } else if (value.isString()) {
      programme = value.asString();
    } else {
      throw core::InvalidInput("/programme", "expected a string (the programme's code), found " +
                                                 std::string(value.typeName()));
    }
  }
  core::Project read = core::readProject(project);
  read.programmeCode = programme;
  return read;
}

/// The bundle's project object with "programme" first.
Json projectSummary(const core::Project& project) {
  Json object = core::projectToJson(project);
  object.prepend("programme", project.programmeCode);
  return object;
}

http::Response listProjects(Call& call) {
  call.request.allowQuery({"programme", "findings"});
  const std::string programme = call.request.queryValue("programme").value_or("");
  if (!programme.empty() && !call.permits(core::Operation::kReadProgramme, {programme, "", ""}))
    throw core::NotFound("programme \"" + programme + "\" does not exist");
  const std::optional<std::string> findings = call.request.queryValue("findings");
  if (findings && *findings != "count")
    throw core::InvalidInput("/findings", "expected \"count\", found \"" + *findings + "\"");
  app::ProjectService projects = service(call);
  Json list = Json::array();
  for (const core::Project& project : projects.projects(programme)) {
    if (!call.permits(core::Operation::kReadProject, {project.programmeCode, project.code, ""}))
      continue;
    Json summary = projectSummary(project);
    if (findings) {
      // A project whose findings cannot be computed now (its rules plugin is not loaded, it
      // was deleted meanwhile) is listed without a count rather than failing the list.
      try {
        const auto shown = visibleFindings(call, project.programmeCode, project.code,
                                           projects.findings(project.code));
        summary.set("findings", static_cast<std::int64_t>(shown.size()));
      } catch (const core::Error&) {
      }
    }
    list.push(std::move(summary));
  }
  return http::Response::json(200, Json::object().set("projects", std::move(list)));
}

http::Response getProject(Call& call) {
  call.request.allowQuery({});
  const auto project = service(call).project(call.request.param("code"));
  return versioned(200, app::projectRecord(project), project.version);
}

http::Response createProject(Call& call) {
  call.request.allowQuery({});
  const auto project = service(call).createProject(readProjectBody(call.request.json()));
  return created(projectPath(project.value.code), app::projectRecord(project), project.version);
}

http::Response updateProject(Call& call) {
  call.request.allowQuery({});
  Json body = call.request.json();
  const app::BaseVersion version = baseVersion(call.request, &body);
  const auto project =
      service(call).updateProject(call.request.param("code"), readProjectBody(body), version);
  return versioned(200, app::projectRecord(project), project.version);
}

http::Response deleteProject(Call& call) {
  call.request.allowQuery({});
  const auto revoked =
      service(call).deleteProject(call.request.param("code"), deleteVersion(call.request));
  if (revoked.empty()) return http::Response::noContent();
  return http::Response::json(200, Json::object().set("revoked", revokedJson(revoked)));
}

/// The operations of the policy that concern a project or one of its partners, by the names
/// the permissions answer uses.
constexpr std::pair<core::Operation, const char*> kProjectOperations[] = {
    {core::Operation::kReadProject, "read_project"},
    {core::Operation::kReadProjectData, "read_project_data"},
    {core::Operation::kWriteProject, "write_project"},
    {core::Operation::kManage, "manage"},
    {core::Operation::kReadAudit, "read_audit"},
};
constexpr std::pair<core::Operation, const char*> kPartnerOperations[] = {
    {core::Operation::kReadPartner, "read_partner"},
    {core::Operation::kWritePartner, "write_partner"},
    {core::Operation::kWritePartnerFigures, "write_partner_figures"},
    {core::Operation::kWritePartnerWork, "write_partner_work"},
};

template <std::size_t N>
Json allowedAt(const Call& call, const std::pair<core::Operation, const char*> (&operations)[N],
               const core::Scope& scope) {
  Json allowed = Json::array();
  for (const auto& [operation, name] : operations)
    if (call.permits(operation, scope)) allowed.push(name);
  return allowed;
}

http::Response permissions(Call& call) {
  call.request.allowQuery({});
  const std::string& code = call.request.param("code");
  Json partners = Json::object();
  for (const core::Partner& partner : service(call).partners(code)) {
    const core::Scope scope{call.scope.programme, code, partner.code};
    // The partners the user sees in the partner list, no others.
    if (core::partnerView(*call.principal, scope) == core::PartnerView::kNone) continue;
    partners.set(partner.code, allowedAt(call, kPartnerOperations, scope));
  }
  return http::Response::json(200,
                              Json::object()
                                  .set("project", allowedAt(call, kProjectOperations, call.scope))
                                  .set("partners", std::move(partners)));
}

}  // namespace

std::vector<Route> projectRoutes() {
  const std::string v1 = kApiPrefix;
  const auto one = scopes::project();
  using core::Operation;
  return {
      {"GET", v1 + "/projects", Access::signedIn(), listProjects},
      {"POST", v1 + "/projects", Access::allowed(Operation::kManage), createProject},
      {"GET", v1 + "/projects/{code}", Access::allowed(Operation::kReadProject, one), getProject},
      {"PUT", v1 + "/projects/{code}", Access::allowed(Operation::kWriteProject, one),
       updateProject},
      {"DELETE", v1 + "/projects/{code}", Access::allowed(Operation::kManage, one), deleteProject},
      {"GET", v1 + "/projects/{code}/permissions", Access::allowed(Operation::kReadProject, one),
       permissions},
  };
}

}  // namespace crossgrant::api
