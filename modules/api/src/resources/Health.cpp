// GET /health: 200 {"status": "ok", "database"} while the database answers, 503 when not.
// GET /api/v1/openapi.json: the OpenAPI document, to anyone signed in.
#include "Resources.h"

#include "Codecs.h"
#include "crossgrant/api/Api.h"
#include "crossgrant/app/Context.h"

namespace crossgrant::api {
namespace {

http::Response health(Call& call) {
  call.request.allowQuery({});
  bool up = false;
  try {
    up = call.context.database().ping();
  } catch (const std::exception&) {
    up = false;
  }
  core::Json body = core::Json::object();
  body.set("status", up ? "ok" : "unavailable");
  body.set("database", call.context.database().backend());
  return http::Response::json(up ? 200 : 503, body);
}

http::Response openApi(Call& call) {
  call.request.allowQuery({});
  return http::Response::jsonText(200, std::string(openApiDocument()));
}

}  // namespace

std::vector<Route> healthRoutes() {
  return {
      {"GET", "/health", Access::anyone(), health},
      {"GET", std::string(kApiPrefix) + "/openapi.json", Access::signedIn(), openApi},
  };
}

}  // namespace crossgrant::api
