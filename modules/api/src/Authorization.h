// The one authorization point: decides every request from its route's declaration (Route.h)
// before the body is read.
//
//   1. Authentication (every route but those open to anyone): "Authorization: Bearer TOKEN",
//      else the crossgrant_session cookie. None, or one that is not a valid session: 401
//      "unauthenticated".
//   2. CSRF: a cookie-authenticated POST, PUT, PATCH or DELETE must send the session's CSRF
//      token as X-CSRF-Token: 403 "csrf" otherwise. Bearer requests need none.
//   3. The operation on the target the route's scope rule finds: 404 "not_found" where it is
//      outside every scope of the user (the same answer as for an object that does not
//      exist), 403 "forbidden" with the reason where it is visible but not allowed.
//
// On success the call carries principal, sessionId, byCookie and role (the role that allowed
// it).
#pragma once

#include "crossgrant/api/Route.h"

namespace crossgrant::api {

/// The name of the session cookie and of the CSRF cookie that scripts send back as
/// X-CSRF-Token.
inline constexpr const char* kSessionCookie = "crossgrant_session";
inline constexpr const char* kCsrfCookie = "crossgrant_csrf";
/// The device cookie of logins (resources/Sessions.cpp); it authenticates nothing by itself.
inline constexpr const char* kDeviceCookie = "crossgrant_device";

void authorize(const Access& access, Call& call);

}  // namespace crossgrant::api
