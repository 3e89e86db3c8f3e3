#include "Router.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <utility>

#include "ApiError.h"

namespace crossgrant::server {
namespace {

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  // path starts with '/'; each part is what follows one '/'.
  std::size_t start = 1;
  while (true) {
    const std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      parts.push_back(path.substr(start));
      return parts;
    }
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
}

bool isParameterName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

/// The pattern with parameter names dropped, so "/a/{x}" and "/a/{y}" compare equal.
std::string shape(const std::vector<std::string>& literals) {
  std::string out;
  for (const auto& literal : literals) out += "/" + literal;
  return out;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view toString(Permission permission) {
  switch (permission) {
    case Permission::kPublic:
      return "public";
    case Permission::kAuthenticated:
      return "authenticated";
    case Permission::kAdmin:
      return "admin";
    case Permission::kProgrammeRead:
      return "programme_read";
    case Permission::kProgrammeWrite:
      return "programme_write";
    case Permission::kProjectRead:
      return "project_read";
    case Permission::kProjectData:
      return "project_data";
    case Permission::kProjectWrite:
      return "project_write";
    case Permission::kProjectDelete:
      return "project_delete";
    case Permission::kPartnerRead:
      return "partner_read";
    case Permission::kPartnerWrite:
      return "partner_write";
    case Permission::kPartnerFigures:
      return "partner_figures";
    case Permission::kBundleImport:
      return "bundle_import";
    case Permission::kAuditRead:
      return "audit_read";
  }
  return "unknown";
}

Route::Route(std::string method, std::string pattern, Permission permission, Handler handler)
    : method(std::move(method)),
      pattern(std::move(pattern)),
      permission(permission),
      handler(std::move(handler)) {}

void Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/')
    throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
  if (route.method.empty() || !route.handler)
    throw std::invalid_argument("route needs a method and a handler: " + route.pattern);
  std::vector<Segment> segments;
  std::vector<std::string> shapeParts;
  std::set<std::string> names;
  for (std::string_view part : splitPath(route.pattern)) {
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      std::string name(part.substr(1, part.size() - 2));
      if (!isParameterName(name) || !names.insert(name).second)
        throw std::invalid_argument("bad or repeated parameter in route " + route.pattern);
      segments.push_back({true, name});
      shapeParts.emplace_back("{}");
    } else {
      if (part.empty() || part.find_first_of("{}") != std::string_view::npos)
        throw std::invalid_argument("bad segment in route " + route.pattern);
      segments.push_back({false, std::string(part)});
      shapeParts.emplace_back(part);
    }
  }
  const bool onProgramme = route.permission == Permission::kProgrammeRead ||
                           route.permission == Permission::kProgrammeWrite;
  const bool onPartner = route.permission == Permission::kPartnerRead ||
                         route.permission == Permission::kPartnerWrite ||
                         route.permission == Permission::kPartnerFigures;
  const bool onProject = onPartner || route.permission == Permission::kProjectRead ||
                         route.permission == Permission::kProjectData ||
                         route.permission == Permission::kProjectWrite ||
                         route.permission == Permission::kProjectDelete;
  if ((onProgramme || onProject) && names.count("code") == 0)
    throw std::invalid_argument("route " + route.pattern + " has permission " +
                                std::string(toString(route.permission)) +
                                ", which needs a {code} parameter");
  if (onPartner && names.count("partner") == 0)
    throw std::invalid_argument("route " + route.pattern + " has permission " +
                                std::string(toString(route.permission)) +
                                ", which needs a {partner} parameter");
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    std::vector<std::string> otherShape;
    for (const auto& segment : segments_[i])
      otherShape.push_back(segment.parameter ? "{}" : segment.text);
    if (routes_[i].method == route.method && shape(otherShape) == shape(shapeParts))
      throw std::invalid_argument("route registered twice: " + route.method + " " + route.pattern);
  }
  routes_.push_back(std::move(route));
  segments_.push_back(std::move(segments));
}

Router::Match Router::match(std::string_view method, std::string_view rawPath) const {
  if (rawPath.empty() || rawPath.front() != '/')
    throw ApiError(404, "not_found", "no resource at " + std::string(rawPath));
  std::vector<std::string> decoded;
  for (std::string_view part : splitPath(rawPath)) {
    auto text = percentDecode(part);
    if (!text || !core::isValidUtf8(*text))
      throw ApiError(400, "invalid", "the path is not valid percent-encoded UTF-8");
    decoded.push_back(std::move(*text));
  }

  // The best pattern for the path: among those that fit, the first literal segment decides.
  const std::vector<Segment>* best = nullptr;
  for (const auto& segments : segments_) {
    if (segments.size() != decoded.size()) continue;
    bool fits = true;
    for (std::size_t i = 0; i < segments.size() && fits; ++i) {
      fits = segments[i].parameter ? !decoded[i].empty() : segments[i].text == decoded[i];
    }
    if (!fits) continue;
    if (best == nullptr) {
      best = &segments;
      continue;
    }
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (segments[i].parameter != (*best)[i].parameter) {
        if (!segments[i].parameter) best = &segments;
        break;
      }
    }
  }
  if (best == nullptr) throw ApiError(404, "not_found", "no resource at " + std::string(rawPath));

  auto sameShape = [best](const std::vector<Segment>& segments) {
    if (segments.size() != best->size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (segments[i].parameter != (*best)[i].parameter) return false;
      if (!segments[i].parameter && segments[i].text != (*best)[i].text) return false;
    }
    return true;
  };
  std::string allowed;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    if (!sameShape(segments_[r])) continue;
    if (routes_[r].method == method) {
      Match result;
      result.route = &routes_[r];
      for (std::size_t i = 0; i < segments_[r].size(); ++i) {
        if (segments_[r][i].parameter) result.params[segments_[r][i].text] = decoded[i];
      }
      return result;
    }
    allowed += (allowed.empty() ? "" : ", ") + routes_[r].method;
  }
  throw ApiError(405, "method_not_allowed",
                 "method " + std::string(method) + " is not allowed here; allowed: " + allowed)
      .withHeader("Allow", allowed);
}

std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hexValue(text[i + 1]);
      const int low = hexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plusIsSpace) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string percentEncodeSegment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

}  // namespace crossgrant::server
