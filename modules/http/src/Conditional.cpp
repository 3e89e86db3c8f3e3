#include "crossgrant/http/Conditional.h"

#include <Poco/String.h>

#include <algorithm>

#include "crossgrant/core/Text.h"
#include "crossgrant/http/HttpError.h"

namespace crossgrant::http {

std::string etag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

std::optional<std::int64_t> ifMatchVersion(const Request& request) {
  const std::optional<std::string> header = request.header("If-Match");
  if (!header) return std::nullopt;
  const std::string value = Poco::trim(*header);
  const bool quoted = value.size() >= 3 && value.front() == '"' && value.back() == '"';
  const std::optional<std::int64_t> number =
      quoted ? core::parsePositiveInteger(std::string_view(value).substr(1, value.size() - 2))
             : std::nullopt;
  if (!number) {
    throw badRequest(
        "If-Match must be the one ETag a GET of the object returned, such as \"3\" with the "
        "quotes, not '" +
        value + "'");
  }
  return number;
}

std::optional<std::string> ifMatchHex(const Request& request, std::size_t hexDigits,
                                      std::string_view what, std::string_view source) {
  const std::optional<std::string> header = request.header("If-Match");
  if (!header) return std::nullopt;
  const std::string value = Poco::trim(*header);
  const std::string tag =
      value.size() == hexDigits + 2 && value.front() == '"' && value.back() == '"'
          ? value.substr(1, hexDigits)
          : "";
  if (tag.empty() || !std::all_of(tag.begin(), tag.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      })) {
    throw badRequest("If-Match on " + std::string(what) + " must be the ETag that " +
                     std::string(source) + " returned, with the quotes, not '" + value + "'");
  }
  return tag;
}

}  // namespace crossgrant::http
