// Sessions:
//   POST   /api/v1/session            {"user", "password"} -> 201 {"token", "csrf_token", "user",
//                                     "roles", "expires_at", "session"} with the cookies
//                                     crossgrant_session (HttpOnly) and crossgrant_csrf
//   GET    /api/v1/session            who am I: {"user", "roles", "session"}
//   DELETE /api/v1/session            logout: 204, cookies cleared
//   POST   /api/v1/session/password   {"current", "new"} -> 204; ends every session of the user
//   GET    /api/v1/sessions           {"sessions": [...]}, the user's own, never a token
//   DELETE /api/v1/sessions/{id}      ends one of the user's own sessions: 204 (404 for others)
// Cookies: Path=/, SameSite=Strict, Max-Age the session's absolute lifetime, Secure when
// configured or the request came over TLS; the session cookie is HttpOnly, the CSRF cookie
// readable by scripts, which send it back as X-CSRF-Token. A login without a valid device
// cookie of its user also sets crossgrant_device (HttpOnly, Max-Age the device cookie's
// lifetime), which later logins send back to be counted against that device's own failures
// rather than the account's (AuthService.h); logout leaves it.
#include "Authorization.h"
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/app/identity/AuthService.h"
#include "crossgrant/app/identity/UserService.h"
#include "crossgrant/core/Date.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Text.h"
#include "crossgrant/http/Cookies.h"

namespace crossgrant::api {
namespace {

using core::Json;

bool secure(const Call& call) { return call.settings.secureCookies || call.request.secure; }

void clearCookies(http::Response& response, const Call& call) {
  const http::CookieAttributes gone{0, true, secure(call)};
  response.withHeader("Set-Cookie", http::setCookie(kSessionCookie, "", gone));
  response.withHeader("Set-Cookie", http::setCookie(kCsrfCookie, "", {0, false, gone.secure}));
}

Json userSummary(const store::UserRecord& user) {
  return Json::object().set("name", user.name).set("display_name", user.displayName);
}

Json rolesJson(const std::vector<core::Grant>& grants) {
  Json roles = Json::array();
  for (const core::Grant& grant : grants) roles.push(app::grantRecord(grant));
  return roles;
}

app::UserView self(const Call& call) {
  return app::UserService(call.context, call.actor()).get(call.principal->user);
}

http::Response login(Call& call) {
  call.request.allowQuery({});
  const auto body = stringMembers(call.request.json(), {"user", "password"}, {});
  const app::LoginResult result =
      app::AuthService(call.context)
          .login(body.at("user"), body.at("password"), call.request.clientAddress,
                 call.request.header("User-Agent").value_or(""),
                 call.request.cookie(kDeviceCookie).value_or(""));
  const Json document = Json::object()
                            .set("token", result.token)
                            .set("csrf_token", result.csrfToken)
                            .set("user", userSummary(result.user))
                            .set("roles", rolesJson(result.grants))
                            .set("expires_at", core::utcTimestamp(result.session.expiresAt))
                            .set("session", app::sessionRecord(result.session));
  const std::int64_t maxAge = call.context.settings().sessionAbsoluteSeconds;
  http::Response response =
      http::Response::json(201, document)
          .withHeader("Location", std::string(kApiPrefix) + "/session")
          .withHeader("Set-Cookie",
                      http::setCookie(kSessionCookie, result.token, {maxAge, true, secure(call)}))
          .withHeader("Set-Cookie",
                      http::setCookie(kCsrfCookie, result.csrfToken, {maxAge, false, secure(call)}))
          .withHeader("Cache-Control", "no-store");
  if (!result.deviceToken.empty())
    response.withHeader("Set-Cookie", http::setCookie(kDeviceCookie, result.deviceToken,
                                                      {call.context.settings().deviceCookieSeconds,
                                                       true, secure(call)}));
  return response;
}

http::Response currentSession(Call& call) {
  call.request.allowQuery({});
  const app::UserView user = self(call);
  return http::Response::json(200, Json::object()
                                       .set("user", userSummary(user.user))
                                       .set("roles", rolesJson(user.grants))
                                       .set("session", app::sessionRecord(*call.session)));
}

http::Response logout(Call& call) {
  call.request.allowQuery({});
  app::AuthService(call.context).endSession(call.actor(), self(call).user.id, call.sessionId);
  http::Response response = http::Response::noContent();
  clearCookies(response, call);
  return response;
}

http::Response changePassword(Call& call) {
  call.request.allowQuery({});
  const auto body = stringMembers(call.request.json(), {"current", "new"}, {});
  app::AuthService(call.context)
      .changePassword(call.actor(), call.principal->user, body.at("current"), body.at("new"));
  http::Response response = http::Response::noContent();
  clearCookies(response, call);
  return response;
}

http::Response listSessions(Call& call) {
  call.request.allowQuery({});
  Json list = Json::array();
  for (const store::SessionRecord& session :
       app::AuthService(call.context).sessions(self(call).user.id)) {
    // This request's session as authentication left it: its last-seen time may have moved on
    // after this request's snapshot.
    const bool current = session.id == call.sessionId;
    Json item = app::sessionRecord(current ? *call.session : session);
    item.set("current", current);
    list.push(std::move(item));
  }
  return http::Response::json(200, Json::object().set("sessions", std::move(list)));
}

http::Response endSession(Call& call) {
  call.request.allowQuery({});
  const std::string& text = call.request.param("id");
  const std::optional<std::int64_t> id = core::parseInteger(text, 0);
  if (!id) throw core::NotFound("session " + text + " not found");
  app::AuthService(call.context).endSession(call.actor(), self(call).user.id, *id);
  http::Response response = http::Response::noContent();
  if (*id == call.sessionId && call.byCookie) clearCookies(response, call);
  return response;
}

}  // namespace

std::vector<Route> sessionRoutes() {
  const std::string v1 = kApiPrefix;
  return {
      {"POST", v1 + "/session", Access::anyone(), login},
      {"GET", v1 + "/session", Access::signedIn(), currentSession},
      {"DELETE", v1 + "/session", Access::signedIn(), logout},
      {"POST", v1 + "/session/password", Access::signedIn(), changePassword},
      {"GET", v1 + "/sessions", Access::signedIn(), listSessions},
      {"DELETE", v1 + "/sessions/{id}", Access::signedIn(), endSession},
  };
}

}  // namespace crossgrant::api
