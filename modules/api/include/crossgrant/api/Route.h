// How an API route is declared: method, path pattern, handler, and what the caller must be
// allowed: nothing (anyone), a session (signed in), or an operation of core/Policy.h on the
// object the path names, found by the route's scope rule. One authorization point
// (Authorization.h) decides every request from this declaration before its body is read, so a
// resource adds routes and, for a new kind of object, a scope rule; it changes neither the
// router nor the authorization code.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crossgrant/app/Caller.h"
#include "crossgrant/core/Access.h"
#include "crossgrant/core/Policy.h"
#include "crossgrant/http/Request.h"
#include "crossgrant/http/Response.h"
#include "crossgrant/store/UserRepository.h"

namespace crossgrant::app {
class Context;
class Scopes;
}  // namespace crossgrant::app

namespace crossgrant::api {

/// What the API serves with, beyond the app's context.
struct ApiSettings {
  /// Session cookies carry Secure (they do anyway over TLS).
  bool secureCookies = false;
};

/// One API request as handlers see it: the HTTP request and who asks, once authorized.
struct Call {
  http::Request& request;
  app::Context& context;
  const ApiSettings& settings;
  /// Who asks: set by authentication; nullopt on routes open to anyone.
  std::optional<core::Principal> principal;
  /// The session the request authenticated with (its id); 0 when anonymous.
  std::int64_t sessionId = 0;
  /// That session as authentication left it (its last-seen time moved on); nullopt when
  /// anonymous.
  std::optional<store::SessionRecord> session;
  /// Whether the session came as the cookie (rather than a bearer token).
  bool byCookie = false;
  /// The role under which the policy allowed the request ("" when none applied).
  std::string role;
  /// The object the route's scope rule found and the policy allowed (empty on routes open to
  /// anyone or to any signed-in user), for handlers that need it again.
  core::Scope scope;

  /// Who acts, for the audit trail: the user (or "" when anonymous), role, client address.
  core::Actor actor() const;
  /// The principal and actor, for the use cases.
  app::Caller caller() const;
  /// Whether the caller may perform operation on the object at scope (for lists, which show
  /// only what the caller may see).
  bool permits(core::Operation operation, const core::Scope& scope) const;
  /// Throws unless it may: core::NotFound ("<what> does not exist") where the object is
  /// outside every scope of the caller, core::Forbidden where it is visible. For what depends
  /// on data the route's declaration cannot know (a report's kind).
  void require(core::Operation operation, const core::Scope& scope, const std::string& what) const;
};

/// The object an operation acts on, and how to name it when it is hidden.
struct Target {
  core::Scope scope;
  std::string what;  ///< e.g. "project \"LLI-317\"", for "... does not exist"
  /// What acting on this object needs beyond the route's operation, known only from the
  /// object itself (reading an audit extract needs its project's audit trail); authorize()
  /// decides these in the same scope.
  std::vector<core::Operation> alsoNeeds = {};
};

/// How a route finds its target: the path parameters it reads and the lookup.
struct ScopeRule {
  std::vector<std::string> parameters;
  std::function<Target(const Call&, app::Scopes&)> find;
};

namespace scopes {
/// No particular object (managing users, importing a bundle, the whole audit trail).
ScopeRule none();
/// Programme {code}.
ScopeRule programme();
/// Project {code}, within its programme.
ScopeRule project();
/// Partner {partner} of project {code}.
ScopeRule partner();
/// The project of submitted report {id} (Scope::projectGone when it was deleted).
ScopeRule report();
/// The project of ?project= when given (the audit trail of one project; projectGone when no
/// project has that code now), or the programme of ?programme=, else none.
ScopeRule auditedProject();
}  // namespace scopes

struct Access {
  enum class Who { kAnyone, kSignedIn, kAllowed };
  Who who = Who::kAllowed;
  core::Operation operation = core::Operation::kManage;
  ScopeRule scope;

  static Access anyone();
  static Access signedIn();
  static Access allowed(core::Operation operation, ScopeRule scope = scopes::none());
};

struct Route {
  std::string method;   ///< upper case, e.g. "GET"
  std::string pattern;  ///< '/'-separated literal segments and {name} segments
  Access access;
  std::function<http::Response(Call&)> handler;
  /// The media type a body must be sent as: JSON in UTF-8 unless a route takes something else
  /// (e.g. "application/pdf"); 415 for any other.
  std::string bodyType = "application/json";
  /// The route takes an uploaded file: its body may be as large as an evidence file
  /// (app::Settings::maxEvidenceBytes) rather than the server's limit for other requests.
  bool upload = false;
  /// The route renders a document or does other long work: the server handles it on its
  /// long-work threads, so that it holds none of the workers (http::Handler::takesLong).
  bool longWork = false;
};

/// Throws std::invalid_argument unless the route can be served: it has a handler, and its
/// pattern has every path parameter its scope rule reads (parameters: the pattern's).
void checkDeclaration(const Route& route, const std::vector<std::string>& parameters);

}  // namespace crossgrant::api
