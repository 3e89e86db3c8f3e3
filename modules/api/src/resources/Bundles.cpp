// Bundles: POST /api/v1/bundles imports one (201 with the findings and Location; admins for a
// new project); ?replace=true replaces a stored project (200; its lead may too) and must name
// the export it is based on: If-Match with the ETag of GET …/bundle (428 without, 409 when the
// project changed since). A replace that drops partners revokes the grants scoped to them and
// lists them as "revoked". GET /api/v1/projects/{code}/bundle exports one, with that ETag.
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Findings.h"
#include "crossgrant/http/Conditional.h"

namespace crossgrant::api {
namespace {

app::ProjectService service(const Call& call) {
  return app::ProjectService(call.context, call.caller());
}

http::Response importBundle(Call& call) {
  call.request.allowQuery({"replace"});
  const bool replace = booleanQuery(call.request, "replace");
  call.request.json();  // malformed JSON is "invalid_json", like every other body
  const std::optional<std::string> basedOn =
      http::ifMatchHex(call.request, 64, "a bundle", "GET …/bundle");
  app::ProjectService projects = service(call);
  const core::Bundle bundle = projects.readBundle(call.request.body);
  // Who may not import this is told so before being asked for a version.
  projects.authorizeImport(bundle);
  if (replace && !basedOn)
    throw core::VersionRequired(
        "a replace must name the export it is based on, so that edits made since are not "
        "lost: send If-Match with the ETag of GET /api/v1/projects/" +
        bundle.project.code + "/bundle");
  const app::ImportResult result = projects.importBundle(bundle, replace, basedOn);
  core::Json body = core::findingsToJson(result.projectCode, result.findings);
  if (!result.revoked.empty()) body.set("revoked", revokedJson(result.revoked));
  if (result.replaced) return http::Response::json(200, body);
  return http::Response::json(201, body).withHeader("Location", projectPath(result.projectCode));
}

http::Response exportBundle(Call& call) {
  call.request.allowQuery({});
  const std::string text = service(call).exportBundle(call.request.param("code"));
  const std::string tag = app::bundleTag(text);
  return http::Response::jsonText(200, text).withHeader("ETag", "\"" + tag + "\"");
}

}  // namespace

std::vector<Route> bundleRoutes() {
  const std::string v1 = kApiPrefix;
  using core::Operation;
  return {
      {"POST", v1 + "/bundles", Access::allowed(Operation::kImportBundle), importBundle},
      {"GET", v1 + "/projects/{code}/bundle",
       Access::allowed(Operation::kReadProjectData, scopes::project()), exportBundle},
  };
}

}  // namespace crossgrant::api
