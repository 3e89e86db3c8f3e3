#include "ApiRequest.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "ApiError.h"

namespace crossgrant::server {

const std::string& ApiRequest::param(std::string_view name) const {
  const auto found = pathParams.find(name);
  if (found == pathParams.end())
    throw std::logic_error("route has no parameter " + std::string(name));
  return found->second;
}

std::optional<std::string> ApiRequest::queryValue(std::string_view name) const {
  std::optional<std::string> value;
  for (const auto& [key, text] : query) {
    if (key != name) continue;
    if (value)
      throw ApiError(400, "invalid", "query parameter '" + key + "' is given more than once");
    value = text;
  }
  return value;
}

void ApiRequest::allowQuery(std::initializer_list<std::string_view> allowed) const {
  for (const auto& [key, text] : query) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw ApiError(400, "invalid", "unknown query parameter '" + key + "'");
  }
}

std::optional<std::string> ApiRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return value;
  }
  return std::nullopt;
}

core::Actor ApiRequest::actor() const {
  return core::Actor{principal ? principal->user : std::string(), role, clientAddress};
}

core::Json ApiRequest::json() const {
  try {
    return core::Json::parse(body);
  } catch (const core::InvalidInput& e) {
    std::optional<std::string> pointer;
    if (!e.errors().empty()) pointer = e.errors().front().pointer;
    throw ApiError(400, "invalid_json", e.what(), pointer).withErrors(e.errors());
  }
}

}  // namespace crossgrant::server
