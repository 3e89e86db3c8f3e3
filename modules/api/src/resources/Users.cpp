// Users, for admins:
//   GET    /api/v1/users                  {"users": [...]}
//   POST   /api/v1/users                  {"name", "display_name"?, "password"?} -> 201 with the
//                                         user, and "password" once when it was generated
//   GET    /api/v1/users/{name}           the user
//   DELETE /api/v1/users/{name}           204
//   POST   /api/v1/users/{name}/grants    body a grant -> 200 with the user
//   DELETE /api/v1/users/{name}/grants    body a grant -> 200 with the user
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/app/identity/UserService.h"

namespace crossgrant::api {
namespace {

using core::Json;

app::UserService users(const Call& call) { return app::UserService(call.context, call.actor()); }

http::Response userAnswer(int status, const app::UserView& user) {
  return http::Response::json(status, app::userRecord(user.user, user.grants));
}

http::Response listUsers(Call& call) {
  call.request.allowQuery({});
  Json list = Json::array();
  for (const app::UserView& user : users(call).list())
    list.push(app::userRecord(user.user, user.grants));
  return http::Response::json(200, Json::object().set("users", std::move(list)));
}

http::Response createUser(Call& call) {
  call.request.allowQuery({});
  const auto body = stringMembers(call.request.json(), {"name"}, {"display_name", "password"});
  app::UserService service = users(call);
  const std::string& name = body.at("name");
  const auto given = body.find("password");
  const std::string password = given != body.end() ? given->second : service.generatePassword(name);
  const auto displayName = body.find("display_name");
  const app::UserView user =
      service.create(name, displayName != body.end() ? displayName->second : "", password);
  Json document = app::userRecord(user.user, user.grants);
  if (given == body.end()) document.set("password", password);
  http::Response response =
      http::Response::json(201, document).withHeader("Location", userPath(name));
  if (given == body.end()) response.withHeader("Cache-Control", "no-store");
  return response;
}

http::Response getUser(Call& call) {
  call.request.allowQuery({});
  return userAnswer(200, users(call).get(call.request.param("name")));
}

http::Response deleteUser(Call& call) {
  call.request.allowQuery({});
  users(call).remove(call.request.param("name"));
  return http::Response::noContent();
}

http::Response addGrant(Call& call) {
  call.request.allowQuery({});
  const core::Grant grant = readGrant(call.request.json());
  return userAnswer(200, users(call).grant(call.request.param("name"), grant));
}

http::Response removeGrant(Call& call) {
  call.request.allowQuery({});
  const core::Grant grant = readGrant(call.request.json());
  return userAnswer(200, users(call).revoke(call.request.param("name"), grant));
}

}  // namespace

std::vector<Route> userRoutes() {
  const std::string v1 = kApiPrefix;
  const Access admins = Access::allowed(core::Operation::kManage);
  return {
      {"GET", v1 + "/users", admins, listUsers},
      {"POST", v1 + "/users", admins, createUser},
      {"GET", v1 + "/users/{name}", admins, getUser},
      {"DELETE", v1 + "/users/{name}", admins, deleteUser},
      {"POST", v1 + "/users/{name}/grants", admins, addGrant},
      {"DELETE", v1 + "/users/{name}/grants", admins, removeGrant},
  };
}

}  // namespace crossgrant::api
