// Authentication and authorization of every API request, run by the HTTP server between
// routing and the handler, so that no handler can forget them. It enforces the route's
// Permission (Router.h) with core/Policy.h:
//
//   1. Authentication (every permission but kPublic): "Authorization: Bearer TOKEN", else the
//      crossgrant_session cookie. None, or one that is not a valid session: 401
//      "unauthenticated" with "WWW-Authenticate: Bearer".
//   2. CSRF: a cookie-authenticated POST, PUT, PATCH or DELETE must send the session's CSRF
//      token as X-CSRF-Token: 403 "csrf" otherwise. Bearer requests need none.
//   3. The object: programme {code}, or project {code} (with its programme, looked up) and
//      partner {partner}, or for the audit trail the project of ?project= (none: the whole
//      trail); the policy's answer: 404 "not_found" where the object is outside
//      every scope of the user (the same answer as for an object that does not exist), 403
//      "forbidden" with the reason where it is visible but the operation is not allowed.
//   4. After the body is read, for the two permissions whose answer depends on it: a bundle
//      import by a non-admin must replace a project the user leads, in its programme; a
//      partner edit by a user who may not change approved figures must leave them as stored.
//
// On success the request carries principal, sessionId and role (the role that allowed it).
#pragma once

#include <optional>
#include <string>

#include "ApiRequest.h"
#include "Router.h"
#include "crossgrant/core/Policy.h"

namespace crossgrant::server {

class AppContext;

/// Whether the request's user may perform operation on the object at scope: for handlers that
/// list objects, which show only those the user may read. False without a principal.
bool permits(const ApiRequest& request, core::Operation operation, const core::Scope& scope);

/// How much of a partner a list shows the request's user (core::partnerView).
core::PartnerView partnerViewOf(const ApiRequest& request, const core::Scope& partner);

class AccessControl {
 public:
  explicit AccessControl(AppContext& context) : context_(context) {}

  /// Steps 1-3. Throws ApiError (401, 403) or core::NotFound (404).
  void authorize(Permission permission, ApiRequest& request);

  /// Step 4, once request.body is read. Throws ApiError (403); a body it cannot read as what
  /// the route takes is the client's error (400), as the handler would answer.
  void authorizeBody(Permission permission, ApiRequest& request);

  /// The session token a request carries, and whether it came as a cookie.
  struct Credentials {
    std::string token;
    bool fromCookie = false;
  };
  static std::optional<Credentials> credentials(const ApiRequest& request);

  /// The value of cookie name in the request's Cookie headers, or nullopt.
  static std::optional<std::string> cookie(const ApiRequest& request, const std::string& name);

 private:
  /// The code of the project's programme, "" when the project does not exist.
  std::string programmeOf(const std::string& project);
  void authorizeImport(ApiRequest& request);
  void authorizePartnerEdit(ApiRequest& request);

  AppContext& context_;
};

}  // namespace crossgrant::server
