#include "crossgrant/http/Request.h"

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>
#include <stdexcept>

#include "crossgrant/core/Errors.h"
#include "crossgrant/http/HttpError.h"

namespace crossgrant::http {
namespace {

bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<std::string> decode(std::string_view text, bool plusAsSpace) {
  std::string encoded(text);
  // Before decoding: "%2B" stays a plus.
  if (plusAsSpace) std::replace(encoded.begin(), encoded.end(), '+', ' ');
  std::string out;
  try {
    Poco::URI::decode(encoded, out);
  } catch (const Poco::SyntaxException&) {
    return std::nullopt;
  }
  if (!core::isValidUtf8(out)) return std::nullopt;
  return out;
}

constexpr std::string_view kJson = "application/json";

/// Whether type (a Content-Type) is mediaType: JSON in UTF-8 (no other charset) for
/// "application/json"; any other type exactly, parameters aside.
bool isMediaType(const std::string& type, std::string_view mediaType) {
  try {
    const Poco::Net::MediaType media(type);
    if (mediaType == kJson) {
      if (!media.matches("application", "json")) return false;
      return !media.hasParameter("charset") ||
             Poco::icompare(media.getParameter("charset"), "utf-8") == 0;
    }
    return Poco::icompare(media.getType() + "/" + media.getSubType(), std::string(mediaType)) == 0;
  } catch (const Poco::Exception&) {
    return false;
  }
}

}  // namespace

void requireMediaType(const Request& request, std::string_view mediaType) {
  const std::string type = request.header("Content-Type").value_or("");
  // "a, b": either.
  for (std::string_view rest = mediaType; !rest.empty();) {
    const auto comma = rest.find(',');
    std::string_view one = rest.substr(0, comma);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    if (isMediaType(type, one)) return;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  std::string message;
  if (mediaType == kJson)
    message = type.empty() ? "the body needs Content-Type: application/json"
                           : "the body must be sent as Content-Type: application/json (UTF-8), "
                             "not '" +
                                 type + "'";
  else
    message = "the body must be sent as Content-Type: " +
              (mediaType.find(',') == std::string_view::npos ? std::string(mediaType)
                                                             : "one of " + std::string(mediaType)) +
              (type.empty() ? std::string() : ", not '" + type + "'");
  throw HttpError(core::ErrorKind::kUnsupportedMediaType, message);
}

std::optional<std::string> Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (sameName(key, name)) return value;
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  const auto found = cookies.find(name);
  if (found == cookies.end()) return std::nullopt;
  return found->second;
}

const std::string& Request::param(std::string_view name) const {
  const auto found = params.find(name);
  if (found == params.end()) throw std::logic_error("route has no parameter " + std::string(name));
  return found->second;
}

std::optional<std::string> Request::queryValue(std::string_view name) const {
  std::optional<std::string> value;
  for (const auto& [key, text] : query) {
    if (key != name) continue;
    if (value) throw badRequest("query parameter '" + key + "' is given more than once");
    value = text;
  }
  return value;
}

void Request::allowQuery(std::initializer_list<std::string_view> allowed) const {
  for (const auto& [key, text] : query)
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw badRequest("unknown query parameter '" + key + "'");
}

core::Json Request::json() const {
  try {
    return core::Json::parse(body);
  } catch (const core::InvalidInput& e) {
    throw core::InvalidInput(e.errors(), "invalid_json");
  }
}

std::vector<std::pair<std::string, std::string>> parseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    auto name = decode(part.substr(0, eq), true);
    auto value = decode(eq == std::string_view::npos ? "" : part.substr(eq + 1), true);
    if (!name || !value) throw badRequest("the query string is not valid percent-encoded UTF-8");
    pairs.emplace_back(std::move(*name), std::move(*value));
  }
  return pairs;
}

std::optional<std::string> decodeSegment(std::string_view segment) {
  return decode(segment, false);
}

std::string encodeSegment(std::string_view text) {
  std::string out;
  Poco::URI::encode(std::string(text), "!#$&'()*+,/:;=?@[]%\"<>\\^`{|} ", out);
  return out;
}

}  // namespace crossgrant::http
