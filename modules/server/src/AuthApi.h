// The API's sessions and users (registered by addApiRoutes, each with its permission):
//
//   POST   /api/v1/session            {"user", "password"} -> 201 {"token", "csrf_token", "user",
//                                     "roles", "expires_at", "session"} with the cookies
//                                     crossgrant_session (HttpOnly) and crossgrant_csrf
//   GET    /api/v1/session            who am I: {"user", "roles", "session"}
//   DELETE /api/v1/session            logout: 204, cookies cleared
//   POST   /api/v1/session/password   {"current", "new"} -> 204; ends every session of the user
//   GET    /api/v1/sessions           {"sessions": [...]}, the user's own, never a token
//   DELETE /api/v1/sessions/{id}      ends one of the user's own sessions: 204 (404 for others)
//   GET    /api/v1/users              admins: {"users": [...]}
//   POST   /api/v1/users              admins: {"name", "display_name"?, "password"?} -> 201 with
//                                     the user, and "password" once when it was generated
//   GET    /api/v1/users/{name}       admins: the user
//   DELETE /api/v1/users/{name}       admins: 204
//   POST   /api/v1/users/{name}/grants    admins: body a grant -> 200 with the user
//   DELETE /api/v1/users/{name}/grants    admins: body a grant -> 200 with the user
//
// Cookies: Path=/, SameSite=Strict, Max-Age the session's absolute lifetime, Secure when
// settings.secureCookies or the request came over TLS; the session cookie is HttpOnly, the
// CSRF cookie readable by scripts, which send it back as X-CSRF-Token.
#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"

namespace crossgrant::server {

class AppContext;

class AuthApi {
 public:
  explicit AuthApi(AppContext& context) : context_(context) {}

  ApiResponse login(const ApiRequest& request);
  ApiResponse currentSession(const ApiRequest& request);
  ApiResponse logout(const ApiRequest& request);
  ApiResponse changePassword(const ApiRequest& request);
  ApiResponse listSessions(const ApiRequest& request);
  ApiResponse endSession(const ApiRequest& request);

  ApiResponse listUsers(const ApiRequest& request);
  ApiResponse createUser(const ApiRequest& request);
  ApiResponse getUser(const ApiRequest& request);
  ApiResponse deleteUser(const ApiRequest& request);
  ApiResponse addGrant(const ApiRequest& request);
  ApiResponse removeGrant(const ApiRequest& request);

 private:
  AppContext& context_;
};

}  // namespace crossgrant::server
