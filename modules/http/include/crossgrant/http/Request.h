// One HTTP request as handlers see it, independent of the HTTP library: method, path, decoded
// path parameters (set by routing), decoded query parameters, headers, cookies, the client's
// address, and the body, which the server reads only once the handler has screened the request
// (Server.h), so that a request refused before that never has its body read. The accessors
// throw HttpError or core::InvalidInput for what the client got wrong.
#pragma once

#include <any>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crossgrant/core/Json.h"

namespace crossgrant::http {

struct Request {
  std::string method;  ///< "GET", "POST", ...
  std::string path;    ///< as sent, still percent-encoded, without the query
  /// The {name} segments of the matched route, percent-decoded (valid UTF-8).
  std::map<std::string, std::string, std::less<>> params;
  /// The query string's name=value pairs in order, percent-decoded ('+' is a space).
  std::vector<std::pair<std::string, std::string>> query;
  /// The request's headers in order, names as sent; read them with header().
  std::vector<std::pair<std::string, std::string>> headers;
  /// The cookies of the Cookie headers, the first of each name.
  std::map<std::string, std::string, std::less<>> cookies;
  /// The client's address ("127.0.0.1"): the peer, or what a trusted proxy says it is.
  std::string clientAddress;
  /// Whether the request came over TLS.
  bool secure = false;
  /// Whether the request announces a body (a Content-Length above 0, or chunked).
  bool hasBody = false;
  /// The whole body (chunked encoding decoded) when handle() sees the request; empty in
  /// screen().
  std::string body;
  /// What the handler's screen() found, for its handle() of the same request; empty for a
  /// request without a body, which is not screened.
  std::any screening;
  /// The largest body this request may have, where Handler::screen allows more than the
  /// server's limit (an upload); nullopt: the server's.
  std::optional<std::size_t> maxBodyBytes;

  /// The value of the first header called name (case-insensitive), or nullopt when absent.
  std::optional<std::string> header(std::string_view name) const;
  /// The cookie called name, or nullopt.
  std::optional<std::string> cookie(std::string_view name) const;
  /// The path parameter name; the route guarantees it exists.
  const std::string& param(std::string_view name) const;
  /// The value of a query parameter, or nullopt when absent. Throws HttpError (400) when the
  /// parameter is given more than once.
  std::optional<std::string> queryValue(std::string_view name) const;
  /// Throws HttpError (400) if the query has a parameter not in allowed: a misspelt option
  /// must not be ignored silently.
  void allowQuery(std::initializer_list<std::string_view> allowed) const;
  /// The body parsed as JSON. Throws core::InvalidInput ("invalid_json") when it is not.
  core::Json json() const;
};

/// Throws HttpError 415 unless the request's Content-Type is mediaType: "application/json" is
/// JSON in UTF-8 (no other charset); any other type must match exactly, parameters aside. A
/// comma list ("text/csv, application/...") allows each of its types.
void requireMediaType(const Request& request, std::string_view mediaType);

/// Decodes a query string into its name=value pairs ('+' is a space). Throws HttpError (400)
/// for a malformed escape or text that is not UTF-8.
std::vector<std::pair<std::string, std::string>> parseQuery(std::string_view query);

/// Decodes one percent-encoded path segment; nullopt when malformed or not UTF-8.
std::optional<std::string> decodeSegment(std::string_view segment);
/// Encodes one path segment: everything but A-Z a-z 0-9 - . _ ~ becomes %XX.
std::string encodeSegment(std::string_view text);

}  // namespace crossgrant::http
