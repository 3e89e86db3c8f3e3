#include "crossgrant/web/Site.h"

#include <string_view>

#include "crossgrant/http/ErrorResponse.h"

namespace crossgrant::web {
namespace {

constexpr std::string_view kAssetPrefix = "/assets/";

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

bool hasHeader(const http::Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return true;
  return false;
}

http::Response secured(http::Response response) {
  for (const auto& [name, value] :
       {std::pair<const char*, const char*>{"Content-Security-Policy", kContentSecurityPolicy},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "same-origin"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"X-Frame-Options", "DENY"}})
    if (!hasHeader(response, name)) response.withHeader(name, value);
  return response;
}

bool matchesTag(const http::Request& request, const std::string& etag) {
  const std::optional<std::string> given = request.header("If-None-Match");
  if (!given) return false;
  if (*given == "*") return true;
  std::string_view rest = *given;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view tag = rest.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

// What the API answers, or the envelope of what it threw (as the server would make it), so
// that refusals carry the security headers too.
template <typename Call>
auto answered(const http::Request& request, Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (...) {
    return http::errorResponse(std::current_exception(), request.method + " " + request.path);
  }
}

// The interface's pages are only read.
http::Response readOnly() {
  return http::errorEnvelope(405, "method_not_allowed",
                             "the web interface's pages are read with GET")
      .withHeader("Allow", "GET, HEAD");
}

}  // namespace

bool Site::forApi(const http::Request& request) {
  const std::string_view path = request.path;
  return path == "/health" || path == "/api" || path.substr(0, 5) == "/api/";
}

std::optional<http::Response> Site::screen(http::Request& request) {
  if (forApi(request)) {
    std::optional<http::Response> refused =
        answered(request, [&]() -> std::optional<http::Response> { return api_.screen(request); });
    if (refused) return secured(std::move(*refused));
    return std::nullopt;
  }
  return secured(readOnly());
}

bool Site::takesLong(http::Request& request) { return forApi(request) && api_.takesLong(request); }

http::Response Site::handle(http::Request& request) {
  if (forApi(request)) return secured(answered(request, [&] { return api_.handle(request); }));
  return secured(page(request));
}

http::Response Site::page(const http::Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return readOnly();
  const std::string_view path = request.path;
  const Asset* asset = nullptr;
  if (path.substr(0, kAssetPrefix.size()) == kAssetPrefix) {
    asset = assets_.find(path.substr(kAssetPrefix.size()));
    if (asset == nullptr)
      return http::Response::bytes(404, "text/plain; charset=utf-8", "not found\n");
  } else {
    // Every other path is a page of the interface: its script shows it.
    asset = assets_.find("index.html");
  }
  // Asked for by its versioned name, a file never changes: the browser keeps it for good.
  // Else (a page, a translation, an old version's name) it asks again, cheaply, by its ETag.
  const std::optional<std::string> wanted = request.queryValue("v");
  // (The page itself never: it is what names the current versions.)
  const bool versioned =
      asset->contentType.rfind("text/html", 0) != 0 && wanted && *wanted == asset->version;
  const char* caching = versioned ? "public, max-age=31536000, immutable" : "no-cache";
  if (matchesTag(request, asset->etag))
    return http::Response::bytes(304, asset->contentType, "")
        .withHeader("ETag", asset->etag)
        .withHeader("Cache-Control", caching);
  return http::Response::bytes(200, asset->contentType, asset->bytes)
      .withHeader("ETag", asset->etag)
      .withHeader("Cache-Control", caching);
}

}  // namespace crossgrant::web
