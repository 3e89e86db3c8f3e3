// GET /api/v1/projects/{code}/findings: {"project", "findings": [...]} (core/Findings.h).
// Whoever reads the whole project gets every finding; whoever reads only some partners in full
// (a partner, a controller) gets the findings on those partners and the project-level ones, as
// its own reports print them.
#include "crossgrant/core/Findings.h"
#include "Codecs.h"
#include "Resources.h"

namespace crossgrant::api {
namespace {

http::Response findings(Call& call) {
  call.request.allowQuery({});
  const std::string& code = call.request.param("code");
  std::vector<core::Finding> all = app::ProjectService(call.context, call.caller()).findings(code);
  return http::Response::json(
      200, core::findingsToJson(code, visibleFindings(call, call.scope.programme, code, all)));
}

}  // namespace

std::vector<core::Finding> visibleFindings(const Call& call, const std::string& programme,
                                           const std::string& project,
                                           std::vector<core::Finding> findings) {
  std::vector<core::Finding> shown;
  for (core::Finding& finding : findings)
    if (!finding.partner ||
        call.permits(core::Operation::kReadPartner, {programme, project, *finding.partner}))
      shown.push_back(std::move(finding));
  return shown;
}

std::vector<Route> findingsRoutes() {
  return {{"GET", std::string(kApiPrefix) + "/projects/{code}/findings",
           Access::allowed(core::Operation::kReadProject, scopes::project()), findings}};
}

}  // namespace crossgrant::api
