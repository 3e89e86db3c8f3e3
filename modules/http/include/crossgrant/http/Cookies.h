// Set-Cookie values. Cookies sent by clients are parsed by POCO (HTTPRequest::getCookies,
// into Request::cookies); the header a server sends is written here, because POCO 1.11's
// HTTPCookie::toString writes a version-0 cookie's lifetime as Expires (a date from this
// server's clock: "Max-Age=0" becomes "expires=<now>", which a browser with a slower clock
// keeps) and a version-1 cookie with quoted values that browsers keep quotes and all.
#pragma once

#include <cstdint>
#include <string>

namespace crossgrant::http {

struct CookieAttributes {
  std::int64_t maxAgeSeconds = 0;  ///< 0 deletes the cookie
  bool httpOnly = false;           ///< not readable by scripts
  bool secure = false;             ///< sent over TLS only
};

/// "NAME=VALUE; Path=/; Max-Age=N; SameSite=Strict[; HttpOnly][; Secure]". name and value
/// must be cookie-safe tokens (the callers' are base64url).
std::string setCookie(const std::string& name, const std::string& value,
                      const CookieAttributes& attributes);

}  // namespace crossgrant::http
