#include "Authorization.h"

#include <Poco/String.h>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/access/Scopes.h"
#include "crossgrant/app/identity/AuthService.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::api {
namespace {

bool unsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

struct Credentials {
  std::string token;
  bool fromCookie = false;
};

std::optional<Credentials> credentialsOf(const http::Request& request) {
  if (const auto authorization = request.header("Authorization")) {
    const std::string scheme = "bearer ";
    if (authorization->size() <= scheme.size() ||
        Poco::icompare(authorization->substr(0, scheme.size()), scheme) != 0)
      throw core::Unauthenticated("the Authorization header must be \"Bearer TOKEN\"");
    return Credentials{Poco::trim(authorization->substr(scheme.size())), false};
  }
  if (auto token = request.cookie(kSessionCookie)) return Credentials{std::move(*token), true};
  return std::nullopt;
}

void refuseUnlessAllowed(const core::Decision& decision, const Target& target) {
  switch (decision.outcome) {
    case core::Decision::Outcome::kAllow:
      return;
    case core::Decision::Outcome::kHidden:
      throw core::NotFound(target.what + " does not exist");
    case core::Decision::Outcome::kForbidden:
      throw core::Forbidden(decision.reason);
  }
}

}  // namespace

void authorize(const Access& access, Call& call) {
  if (access.who == Access::Who::kAnyone) return;
  const std::optional<Credentials> given = credentialsOf(call.request);
  if (!given)
    throw core::Unauthenticated(
        "sign in first: POST /api/v1/session, then send the token as \"Authorization: Bearer "
        "TOKEN\" or the session cookie");
  std::optional<app::Authentication> authentication =
      app::AuthService(call.context).authenticate(given->token);
  if (!authentication)
    throw core::Unauthenticated("the session has ended or the token is not valid; sign in again");
  if (given->fromCookie && unsafe(call.request.method)) {
    const auto csrf = call.request.header("X-CSRF-Token");
    if (!csrf || !app::AuthService::csrfMatches(authentication->session, *csrf))
      throw core::Forbidden(
          "a request authenticated by the session cookie must send the session's CSRF token "
          "(the crossgrant_csrf cookie) as the X-CSRF-Token header",
          "csrf");
  }
  call.principal = std::move(authentication->principal);
  call.sessionId = authentication->session.id;
  call.session = authentication->session;
  call.byCookie = given->fromCookie;
  if (access.who == Access::Who::kSignedIn) return;

  app::Scopes scopes(call.context, &*call.principal);
  const Target target = access.scope.find(call, scopes);
  const core::Decision decision = core::decide(*call.principal, access.operation, target.scope);
  refuseUnlessAllowed(decision, target);
  for (const core::Operation needed : target.alsoNeeds)
    refuseUnlessAllowed(core::decide(*call.principal, needed, target.scope), target);
  call.role = decision.role;
  call.scope = target.scope;
}

}  // namespace crossgrant::api
