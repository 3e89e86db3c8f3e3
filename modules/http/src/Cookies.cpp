#include "crossgrant/http/Cookies.h"

namespace crossgrant::http {

std::string setCookie(const std::string& name, const std::string& value,
                      const CookieAttributes& attributes) {
  std::string text = name + "=" + value +
                     "; Path=/; Max-Age=" + std::to_string(attributes.maxAgeSeconds) +
                     "; SameSite=Strict";
  if (attributes.httpOnly) text += "; HttpOnly";
  if (attributes.secure) text += "; Secure";
  return text;
}

}  // namespace crossgrant::http
