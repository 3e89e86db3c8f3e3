// The progress statements of a project's periods (app/workplan/ProgressService.h):
//   GET /api/v1/projects/{code}/periods/{period}/statements            the period's statements
//   GET /api/v1/projects/{code}/periods/{period}/statements/{partner}  one ("project": the lead's)
//   PUT /api/v1/projects/{code}/periods/{period}/statements/{partner}  replaces it whole
// A statement not written yet reads as an empty one at version 0, without an ETag, and its first
// PUT names no version; a PUT of a written one names its version (If-Match or "version"), as
// partners are edited.
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/workplan/ProgressService.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Text.h"

namespace crossgrant::api {
namespace {

using core::Json;

/// The partner of the path: "project" names the project's own statement ("").
std::string partnerOf(const Call& call) {
  const std::string partner = call.request.param("partner");
  return partner == "project" ? std::string() : partner;
}

int periodOf(const Call& call) {
  const std::string text = call.request.param("period");
  const auto number = core::parseInteger(text, 1, 1'000'000);
  if (!number)
    throw core::NotFound("project \"" + call.request.param("code") + "\" has no period \"" + text +
                         "\"");
  return static_cast<int>(*number);
}

app::ProgressService service(const Call& call) {
  return app::ProgressService(call.context, call.caller());
}

http::Response listStatements(Call& call) {
  call.request.allowQuery({});
  Json list = Json::array();
  for (const store::StoredStatement& statement :
       service(call).statements(call.request.param("code"), periodOf(call)))
    list.push(app::statementRecord(statement));
  return http::Response::json(200, Json::object().set("statements", std::move(list)));
}

http::Response getStatement(Call& call) {
  call.request.allowQuery({});
  const store::StoredStatement statement =
      service(call).statement(call.request.param("code"), periodOf(call), partnerOf(call));
  // Not written yet: version 0 and no ETag; the first PUT needs no version.
  if (statement.version == 0) return http::Response::json(200, app::statementRecord(statement));
  return versioned(200, app::statementRecord(statement), statement.version);
}

http::Response putStatement(Call& call) {
  call.request.allowQuery({});
  Json body = call.request.json();
  const app::BaseVersion version = baseVersion(call.request, &body);
  const store::StoredStatement statement = service(call).save(
      call.request.param("code"), periodOf(call), partnerOf(call), body, version);
  return versioned(200, app::statementRecord(statement), statement.version);
}

}  // namespace

std::vector<Route> progressRoutes() {
  const std::string statements =
      std::string(kApiPrefix) + "/projects/{code}/periods/{period}/statements";
  // Whose a statement is depends on the path's partner: the service decides.
  const auto read = Access::allowed(core::Operation::kReadProject, scopes::project());
  return {
      {"GET", statements, read, listStatements},
      {"GET", statements + "/{partner}", read, getStatement},
      {"PUT", statements + "/{partner}", read, putStatement},
  };
}

}  // namespace crossgrant::api
