#include "AuthApi.h"

#include <initializer_list>
#include <map>
#include <string>
#include <utility>

#include "AccessControl.h"
#include "AppContext.h"
#include "AuthService.h"
#include "Router.h"
#include "UserService.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::server {
namespace {

using core::Json;

constexpr const char* kSessionCookie = "crossgrant_session";
constexpr const char* kCsrfCookie = "crossgrant_csrf";

/// The members of an object body that must or may be there, all strings. Anything else is
/// InvalidInput at its pointer; the messages never repeat a value (it may be a password).
std::map<std::string, std::string> stringMembers(const Json& body,
                                                 std::initializer_list<std::string> required,
                                                 std::initializer_list<std::string> optional) {
  if (!body.isObject())
    throw core::InvalidInput("", "expected an object, found " + std::string(body.typeName()));
  std::map<std::string, std::string> values;
  std::vector<core::ValidationError> errors;
  const auto known = [&](const std::string& key) {
    for (const std::string& name : required)
      if (name == key) return true;
    for (const std::string& name : optional)
      if (name == key) return true;
    return false;
  };
  for (const auto& [key, value] : body.members()) {
    const std::string pointer = "/" + core::escapePointer(key);
    if (!known(key))
      errors.push_back({pointer, "unknown member"});
    else if (!value.isString())
      errors.push_back({pointer, "expected a string, found " + std::string(value.typeName())});
    else
      values[key] = value.asString();
  }
  for (const std::string& name : required)
    if (body.find(name) == nullptr) errors.push_back({"/" + name, "missing"});
  if (!errors.empty()) throw core::InvalidInput(std::move(errors));
  return values;
}

bool secureCookies(const AppContext& context, const ApiRequest& request) {
  return context.settings().secureCookies || request.secure;
}

std::string cookie(const std::string& name, const std::string& value, std::int64_t maxAge,
                   bool httpOnly, bool secure) {
  std::string text =
      name + "=" + value + "; Path=/; Max-Age=" + std::to_string(maxAge) + "; SameSite=Strict";
  if (httpOnly) text += "; HttpOnly";
  if (secure) text += "; Secure";
  return text;
}

void clearCookies(ApiResponse& response, bool secure) {
  response.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, "", 0, true, secure));
  response.headers.emplace_back("Set-Cookie", cookie(kCsrfCookie, "", 0, false, secure));
}

/// Whether the request authenticated with the session cookie (and so should have it cleared).
bool byCookie(const ApiRequest& request) {
  const auto given = AccessControl::credentials(request);
  return given && given->fromCookie;
}

Json userSummary(const store::UserRecord& user) {
  return Json::object().set("name", user.name).set("display_name", user.displayName);
}

Json rolesJson(const std::vector<core::Grant>& grants) {
  Json roles = Json::array();
  for (const core::Grant& grant : grants) roles.push(grantJson(grant));
  return roles;
}

std::string usersPath(std::string_view name) {
  return "/api/v1/users/" + percentEncodeSegment(name);
}

}  // namespace

ApiResponse AuthApi::login(const ApiRequest& request) {
  request.allowQuery({});
  const auto body = stringMembers(request.json(), {"user", "password"}, {});
  const LoginResult result =
      AuthService(context_).login(body.at("user"), body.at("password"), request.clientAddress,
                                  request.header("User-Agent").value_or(""));
  const Json document = Json::object()
                            .set("token", result.token)
                            .set("csrf_token", result.csrfToken)
                            .set("user", userSummary(result.user))
                            .set("roles", rolesJson(result.grants))
                            .set("expires_at", isoUtc(result.session.expiresAt))
                            .set("session", AuthService::sessionJson(result.session));
  ApiResponse response = ApiResponse::json(201, document);
  response.headers.emplace_back("Location", "/api/v1/session");
  const std::int64_t maxAge = context_.settings().sessionAbsoluteSeconds;
  const bool secure = secureCookies(context_, request);
  response.headers.emplace_back("Set-Cookie",
                                cookie(kSessionCookie, result.token, maxAge, true, secure));
  response.headers.emplace_back("Set-Cookie",
                                cookie(kCsrfCookie, result.csrfToken, maxAge, false, secure));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

ApiResponse AuthApi::currentSession(const ApiRequest& request) {
  request.allowQuery({});
  const UserView user = UserService(context_, request.actor()).get(request.principal->user);
  Json session;
  for (const store::SessionRecord& open : AuthService(context_).sessions(user.user.id))
    if (open.id == request.sessionId) session = AuthService::sessionJson(open);
  return ApiResponse::json(200, Json::object()
                                    .set("user", userSummary(user.user))
                                    .set("roles", rolesJson(user.grants))
                                    .set("session", std::move(session)));
}

ApiResponse AuthApi::logout(const ApiRequest& request) {
  request.allowQuery({});
  const UserView user = UserService(context_, request.actor()).get(request.principal->user);
  AuthService(context_).endSession(request.actor(), user.user.id, request.sessionId);
  ApiResponse response = ApiResponse::noContent();
  clearCookies(response, secureCookies(context_, request));
  return response;
}

ApiResponse AuthApi::changePassword(const ApiRequest& request) {
  request.allowQuery({});
  const auto body = stringMembers(request.json(), {"current", "new"}, {});
  AuthService(context_).changePassword(request.actor(), request.principal->user, body.at("current"),
                                       body.at("new"));
  ApiResponse response = ApiResponse::noContent();
  clearCookies(response, secureCookies(context_, request));
  return response;
}

ApiResponse AuthApi::listSessions(const ApiRequest& request) {
  request.allowQuery({});
  const UserView user = UserService(context_, request.actor()).get(request.principal->user);
  Json list = Json::array();
  for (const store::SessionRecord& session : AuthService(context_).sessions(user.user.id)) {
    Json item = AuthService::sessionJson(session);
    item.set("current", session.id == request.sessionId);
    list.push(std::move(item));
  }
  return ApiResponse::json(200, Json::object().set("sessions", std::move(list)));
}

ApiResponse AuthApi::endSession(const ApiRequest& request) {
  request.allowQuery({});
  const std::string& text = request.param("id");
  std::int64_t id = 0;
  const bool numeric = !text.empty() && text.size() <= 18 &&
                       text.find_first_not_of("0123456789") == std::string::npos;
  if (!numeric) throw core::NotFound("session " + text + " not found");
  id = std::stoll(text);
  const UserView user = UserService(context_, request.actor()).get(request.principal->user);
  AuthService(context_).endSession(request.actor(), user.user.id, id);
  ApiResponse response = ApiResponse::noContent();
  if (id == request.sessionId && byCookie(request))
    clearCookies(response, secureCookies(context_, request));
  return response;
}

ApiResponse AuthApi::listUsers(const ApiRequest& request) {
  request.allowQuery({});
  Json list = Json::array();
  for (const UserView& user : UserService(context_, request.actor()).list())
    list.push(userJson(user.user, user.grants));
  return ApiResponse::json(200, Json::object().set("users", std::move(list)));
}

ApiResponse AuthApi::createUser(const ApiRequest& request) {
  request.allowQuery({});
  const auto body = stringMembers(request.json(), {"name"}, {"display_name", "password"});
  UserService users(context_, request.actor());
  const std::string& name = body.at("name");
  const auto given = body.find("password");
  const std::string password = given != body.end() ? given->second : users.generatePassword(name);
  const auto displayName = body.find("display_name");
  const UserView user =
      users.create(name, displayName != body.end() ? displayName->second : "", password);
  Json document = userJson(user.user, user.grants);
  if (given == body.end()) document.set("password", password);
  ApiResponse response = ApiResponse::json(201, document);
  response.headers.emplace_back("Location", usersPath(name));
  if (given == body.end()) response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

ApiResponse AuthApi::getUser(const ApiRequest& request) {
  request.allowQuery({});
  const UserView user = UserService(context_, request.actor()).get(request.param("name"));
  return ApiResponse::json(200, userJson(user.user, user.grants));
}

ApiResponse AuthApi::deleteUser(const ApiRequest& request) {
  request.allowQuery({});
  UserService(context_, request.actor()).remove(request.param("name"));
  return ApiResponse::noContent();
}

ApiResponse AuthApi::addGrant(const ApiRequest& request) {
  request.allowQuery({});
  const core::Grant grant = readGrant(request.json());
  const UserView user = UserService(context_, request.actor()).grant(request.param("name"), grant);
  return ApiResponse::json(200, userJson(user.user, user.grants));
}

ApiResponse AuthApi::removeGrant(const ApiRequest& request) {
  request.allowQuery({});
  const core::Grant grant = readGrant(request.json());
  const UserView user = UserService(context_, request.actor()).revoke(request.param("name"), grant);
  return ApiResponse::json(200, userJson(user.user, user.grants));
}

}  // namespace crossgrant::server
