// The API's route table: method + path pattern ("/api/v1/projects/{code}") -> handler. Every
// route states the permission it requires when it is registered; there is no default. Lookup
// resolves the path first, then the method: an unknown path is 404, a known path with another
// method 405 with the allowed methods. Thread-safe for lookups once all routes are added.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ApiRequest.h"
#include "ApiResponse.h"

namespace crossgrant::server {

/// What a caller must be allowed to do to use a route. The HTTP server enforces it before the
/// handler runs (AccessControl.h): every permission but kPublic needs a valid session; those
/// on an object take it from the path ({code} of a programme, or of a project with its
/// {partner}) and ask core/Policy.h about it.
enum class Permission {
  kPublic,          ///< anyone, without authentication
  kAuthenticated,   ///< any signed-in user (their own session, the API document)
  kAdmin,           ///< admins only, on no particular object (users, new programmes, projects)
  kProgrammeRead,   ///< read programme {code}
  kProgrammeWrite,  ///< change or delete programme {code}: admins
  kProjectRead,     ///< read project {code}'s identification and partner list
  kProjectData,     ///< read the whole project {code}: bundle, findings
  kProjectWrite,    ///< change project {code}, add or remove its partners: lead, admin
  kProjectDelete,   ///< delete project {code}: admins
  kPartnerRead,     ///< read partner {partner} of project {code} in full
  kPartnerWrite,    ///< change partner {partner}'s own data (approved figures only by a lead or
                    ///< admin: the server compares them with the stored ones)
  kPartnerFigures,  ///< change partner {partner}'s approved budget or co-financing
  kBundleImport,    ///< import a bundle: admins (new projects), leads (replacing their own)
  kAuditRead,       ///< read the audit trail: auditors, admins
};

std::string_view toString(Permission permission);

using Handler = std::function<ApiResponse(const ApiRequest&)>;

struct Route {
  /// All four parts are required: a route cannot exist without saying who may use it.
  Route(std::string method, std::string pattern, Permission permission, Handler handler);

  std::string method;   ///< upper case, e.g. "GET"
  std::string pattern;  ///< '/'-separated literal segments and {name} segments
  Permission permission;
  Handler handler;
  /// The media type a body must be sent as: JSON in UTF-8 unless a route takes something else
  /// (e.g. "application/pdf"); the HTTP server answers 415 for any other.
  std::string bodyType = "application/json";
};

class Router {
 public:
  struct Match {
    const Route* route = nullptr;
    /// The {name} segments, percent-decoded.
    std::map<std::string, std::string, std::less<>> params;
  };

  /// Throws std::invalid_argument for a malformed pattern or a method + pattern that another
  /// route already has (patterns differing only in parameter names are the same).
  void add(Route route);

  /// The route for method and rawPath (percent-encoded, no query). Where several patterns fit
  /// the path, the one with a literal segment earliest wins. Throws ApiError: 404 "not_found"
  /// for no pattern, 405 "method_not_allowed" with an Allow header, 400 "invalid" for a path
  /// that is not valid percent-encoded UTF-8.
  Match match(std::string_view method, std::string_view rawPath) const;

  /// Every route, in registration order.
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Segment {
    bool parameter = false;
    std::string text;  ///< the literal, or the parameter's name
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> segments_;  ///< parsed pattern of routes_[i]
};

/// Decodes %XX escapes (and '+' as space when plusIsSpace, for query strings); nullopt for a
/// malformed escape. The result is bytes: callers check UTF-8 where they need text.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace = false);
/// Encodes one path segment: everything but A-Z a-z 0-9 - . _ ~ becomes %XX.
std::string percentEncodeSegment(std::string_view text);

}  // namespace crossgrant::server
