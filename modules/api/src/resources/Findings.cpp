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
  std::vector<core::Finding> shown;
  for (core::Finding& finding : all)
    if (!finding.partner ||
        call.permits(core::Operation::kReadPartner, {call.scope.programme, code, *finding.partner}))
      shown.push_back(std::move(finding));
  return http::Response::json(200, core::findingsToJson(code, shown));
}

}  // namespace

std::vector<Route> findingsRoutes() {
  return {{"GET", std::string(kApiPrefix) + "/projects/{code}/findings",
           Access::allowed(core::Operation::kReadProject, scopes::project()), findings}};
}

}  // namespace crossgrant::api
