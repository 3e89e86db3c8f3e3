// The whole site on one port: the API (/api/..., /health) and, everywhere else, the browser
// interface: GET or HEAD of /assets/NAME is that file, and of any other path the interface's
// index.html, whose script shows the page the path names (or its own "not found" page, in the
// user's language). Files carry their ETag with Cache-Control: no-cache, so a browser keeps
// them and asks again cheaply (If-None-Match: 304).
//
// Every response, the API's included, carries the browser's security headers: a
// Content-Security-Policy of 'self' only (no inline script or style, no framing), nosniff, a
// same-origin Referrer-Policy and Cross-Origin-Opener-Policy.
#pragma once

#include <optional>

#include "crossgrant/http/Server.h"
#include "crossgrant/web/Assets.h"

namespace crossgrant::web {

class Site : public http::Handler {
 public:
  /// api answers /api/... and /health; both must outlive the site.
  Site(http::Handler& api, const Assets& assets) : api_(api), assets_(assets) {}

  std::optional<http::Response> screen(http::Request& request) override;
  bool takesLong(http::Request& request) override;
  http::Response handle(http::Request& request) override;

  /// Whether the API answers the path.
  static bool forApi(const http::Request& request);

 private:
  http::Response page(const http::Request& request) const;

  http::Handler& api_;
  const Assets& assets_;
};

}  // namespace crossgrant::web
