// One API request as the handlers see it, independent of the HTTP library: method, decoded
// path parameters, decoded query parameters and the body already read and size-checked.
// Handlers get it read-only; the accessors throw ApiError for what the client got wrong.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crossgrant/core/Access.h"
#include "crossgrant/core/Json.h"

namespace crossgrant::server {

struct ApiRequest {
  std::string method;  ///< "GET", "POST", ...
  std::string path;    ///< as sent, still percent-encoded, without the query
  /// The {name} segments of the matched route, percent-decoded (valid UTF-8).
  std::map<std::string, std::string, std::less<>> pathParams;
  /// The query string's name=value pairs in order, percent-decoded ('+' is a space).
  std::vector<std::pair<std::string, std::string>> query;
  std::string body;
  /// The client's address ("127.0.0.1"), for the audit trail and login throttling.
  std::string clientAddress;
  /// Who is asking: set by authentication before the handler runs; nullopt for anonymous.
  std::optional<core::Principal> principal;
  /// The request's headers in order, names as sent; read them with header().
  std::vector<std::pair<std::string, std::string>> headers;
  /// Whether the request came over TLS.
  bool secure = false;
  /// The session the request authenticated with (its id); 0 when anonymous.
  std::int64_t sessionId = 0;
  /// The role under which the policy allowed the request ("" when none applied: public and
  /// any-signed-in-user routes).
  std::string role;

  /// The value of the first header called name (case-insensitive), or nullopt when absent.
  std::optional<std::string> header(std::string_view name) const;
  /// Who acts, for the audit trail: the principal's user (or "" when anonymous), role and
  /// client address.
  core::Actor actor() const;

  /// The path parameter name; the route guarantees it exists.
  const std::string& param(std::string_view name) const;
  /// The value of a query parameter, or nullopt when absent. Throws ApiError (400) when the
  /// parameter is given more than once.
  std::optional<std::string> queryValue(std::string_view name) const;
  /// Throws ApiError (400) if the query has a parameter not in allowed: a misspelt option
  /// must not be ignored silently.
  void allowQuery(std::initializer_list<std::string_view> allowed) const;
  /// The body parsed as JSON. Throws ApiError (400 "invalid_json") when it is not.
  core::Json json() const;
};

}  // namespace crossgrant::server
