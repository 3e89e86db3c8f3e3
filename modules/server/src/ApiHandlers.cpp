#include "ApiHandlers.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "ApiError.h"
#include "AppContext.h"
#include "ProjectService.h"
#include "crossgrant/core/BundleCodec.h"

namespace crossgrant::server {
namespace {

constexpr const char* kApi = "/api/v1";

/// The code of an object the service has just accepted (it validated that "code" is a string).
std::string codeOf(const core::Json& body) {
  const core::Json* code = body.find("code");
  if (code == nullptr || !code->isString())
    throw std::logic_error("the service accepted an object without a string code");
  return code->asString();
}

bool booleanQuery(const ApiRequest& request, std::string_view name) {
  const auto value = request.queryValue(name);
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  throw ApiError(
      400, "invalid",
      "query parameter '" + std::string(name) + "' must be true or false, not '" + *value + "'");
}

ApiResponse created(const std::string& location, const core::Json& object) {
  ApiResponse response = ApiResponse::json(201, object);
  response.headers.emplace_back("Location", location);
  return response;
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

/// Routes bound to one AppContext; each request gets its own ProjectService.
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
    for (const auto& programme : service().programmes())
      list.push(core::programmeToJson(programme));
    return ApiResponse::json(200, core::Json::object().set("programmes", std::move(list)));
  }
  ApiResponse getProgramme(const ApiRequest& request) {
    request.allowQuery({});
    return ApiResponse::json(200,
                             core::programmeToJson(service().programme(request.param("code"))));
  }
  ApiResponse createProgramme(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
    ProjectService projects = service();
    projects.createProgramme(body);
    const std::string code = codeOf(body);
    return created(programmePath(code), core::programmeToJson(projects.programme(code)));
  }
  ApiResponse updateProgramme(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
    ProjectService projects = service();
    projects.updateProgramme(request.param("code"), body);
    return ApiResponse::json(200, core::programmeToJson(projects.programme(request.param("code"))));
  }
  ApiResponse deleteProgramme(const ApiRequest& request) {
    request.allowQuery({});
    service().deleteProgramme(request.param("code"));
    return ApiResponse::noContent();
  }

  // Projects.
  ApiResponse listProjects(const ApiRequest& request) {
    request.allowQuery({"programme"});
    const std::string programme = request.queryValue("programme").value_or("");
    core::Json list = core::Json::array();
    for (const auto& project : service().projects(programme)) list.push(projectObject(project));
    return ApiResponse::json(200, core::Json::object().set("projects", std::move(list)));
  }
  ApiResponse getProject(const ApiRequest& request) {
    request.allowQuery({});
    return ApiResponse::json(200, projectObject(service().project(request.param("code"))));
  }
  ApiResponse createProject(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
    ProjectService projects = service();
    projects.createProject(body);
    const std::string code = codeOf(body);
    return created(projectPath(code), projectObject(projects.project(code)));
  }
  ApiResponse updateProject(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
    ProjectService projects = service();
    projects.updateProject(request.param("code"), body);
    return ApiResponse::json(200, projectObject(projects.project(request.param("code"))));
  }
  ApiResponse deleteProject(const ApiRequest& request) {
    request.allowQuery({});
    service().deleteProject(request.param("code"));
    return ApiResponse::noContent();
  }

  // Partners and their budgets.
  ApiResponse listPartners(const ApiRequest& request) {
    request.allowQuery({});
    core::Json list = core::Json::array();
    for (const auto& partner : service().partners(request.param("code")))
      list.push(core::partnerToJson(partner));
    return ApiResponse::json(200, core::Json::object().set("partners", std::move(list)));
  }
  ApiResponse getPartner(const ApiRequest& request) {
    request.allowQuery({});
    return ApiResponse::json(200, core::partnerToJson(service().partner(request.param("code"),
                                                                        request.param("partner"))));
  }
  ApiResponse createPartner(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
    const std::string& project = request.param("code");
    ProjectService projects = service();
    projects.createPartner(project, body);
    const std::string code = codeOf(body);
    return created(partnerPath(project, code),
                   core::partnerToJson(projects.partner(project, code)));
  }
  ApiResponse updatePartner(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
    const std::string& project = request.param("code");
    const std::string& partner = request.param("partner");
    ProjectService projects = service();
    projects.updatePartner(project, partner, body);
    return ApiResponse::json(200, core::partnerToJson(projects.partner(project, partner)));
  }
  ApiResponse deletePartner(const ApiRequest& request) {
    request.allowQuery({});
    service().deletePartner(request.param("code"), request.param("partner"));
    return ApiResponse::noContent();
  }
  ApiResponse getBudget(const ApiRequest& request) {
    request.allowQuery({});
    const auto partner = service().partner(request.param("code"), request.param("partner"));
    return ApiResponse::json(200, core::budgetToJson(partner.budget));
  }
  ApiResponse replaceBudget(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
    const std::string& project = request.param("code");
    const std::string& partner = request.param("partner");
    ProjectService projects = service();
    projects.replaceBudget(project, partner, body);
    return ApiResponse::json(200, core::budgetToJson(projects.partner(project, partner).budget));
  }
  ApiResponse getCofinancing(const ApiRequest& request) {
    request.allowQuery({});
    const auto partner = service().partner(request.param("code"), request.param("partner"));
    return ApiResponse::json(200, core::cofinancingToJson(partner.cofinancing));
  }
  ApiResponse replaceCofinancing(const ApiRequest& request) {
    request.allowQuery({});
    const core::Json body = request.json();
    const std::string& project = request.param("code");
    const std::string& partner = request.param("partner");
    ProjectService projects = service();
    projects.replaceCofinancing(project, partner, body);
    return ApiResponse::json(
        200, core::cofinancingToJson(projects.partner(project, partner).cofinancing));
  }

  // Bundles and findings.
  ApiResponse importBundle(const ApiRequest& request) {
    request.allowQuery({"replace"});
    const bool replace = booleanQuery(request, "replace");
    request.json();  // malformed JSON is "invalid_json", like every other body
    const ImportResult result = service().importBundle(request.body, replace);
    const core::Json body = findingsToJson(result.projectCode, result.findings);
    if (result.replaced) return ApiResponse::json(200, body);
    return created(projectPath(result.projectCode), body);
  }
  ApiResponse exportBundle(const ApiRequest& request) {
    request.allowQuery({});
    return ApiResponse::jsonText(200, service().exportBundle(request.param("code")));
  }
  ApiResponse findings(const ApiRequest& request) {
    request.allowQuery({});
    const std::string& code = request.param("code");
    return ApiResponse::json(200, findingsToJson(code, service().findings(code)));
  }

 private:
  ProjectService service() { return ProjectService(context_); }

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
  const std::string v1 = kApi;
  const auto open = Permission::kPublic;

  add("GET", "/health", open, &Api::health);
  add("GET", v1 + "/openapi.json", open, &Api::openApi);

  add("GET", v1 + "/programmes", open, &Api::listProgrammes);
  add("POST", v1 + "/programmes", open, &Api::createProgramme);
  add("GET", v1 + "/programmes/{code}", open, &Api::getProgramme);
  add("PUT", v1 + "/programmes/{code}", open, &Api::updateProgramme);
  add("DELETE", v1 + "/programmes/{code}", open, &Api::deleteProgramme);

  add("GET", v1 + "/projects", open, &Api::listProjects);
  add("POST", v1 + "/projects", open, &Api::createProject);
  add("GET", v1 + "/projects/{code}", open, &Api::getProject);
  add("PUT", v1 + "/projects/{code}", open, &Api::updateProject);
  add("DELETE", v1 + "/projects/{code}", open, &Api::deleteProject);

  add("GET", v1 + "/projects/{code}/partners", open, &Api::listPartners);
  add("POST", v1 + "/projects/{code}/partners", open, &Api::createPartner);
  add("GET", v1 + "/projects/{code}/partners/{partner}", open, &Api::getPartner);
  add("PUT", v1 + "/projects/{code}/partners/{partner}", open, &Api::updatePartner);
  add("DELETE", v1 + "/projects/{code}/partners/{partner}", open, &Api::deletePartner);
  add("GET", v1 + "/projects/{code}/partners/{partner}/budget", open, &Api::getBudget);
  add("PUT", v1 + "/projects/{code}/partners/{partner}/budget", open, &Api::replaceBudget);
  add("GET", v1 + "/projects/{code}/partners/{partner}/cofinancing", open, &Api::getCofinancing);
  add("PUT", v1 + "/projects/{code}/partners/{partner}/cofinancing", open,
      &Api::replaceCofinancing);

  add("POST", v1 + "/bundles", open, &Api::importBundle);
  add("GET", v1 + "/projects/{code}/bundle", open, &Api::exportBundle);
  add("GET", v1 + "/projects/{code}/findings", open, &Api::findings);
}

}  // namespace crossgrant::server
