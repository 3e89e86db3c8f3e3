#include <algorithm>
#include <set>
#include <stdexcept>

#include "crossgrant/http/HttpError.h"
#include "crossgrant/http/Request.h"
#include "crossgrant/http/Router.h"

namespace crossgrant::http {
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

[[noreturn]] void notFound(std::string_view rawPath) {
  throw HttpError(core::ErrorKind::kNotFound, "no resource at " + std::string(rawPath));
}

}  // namespace

std::size_t RouteTable::add(std::string_view method, std::string_view pattern) {
  const std::string text(pattern);
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("route pattern must start with '/': " + text);
  if (method.empty()) throw std::invalid_argument("route needs a method: " + text);
  Entry entry{std::string(method), {}};
  std::set<std::string> names;
  for (std::string_view part : splitPath(pattern)) {
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      std::string name(part.substr(1, part.size() - 2));
      if (!isParameterName(name) || !names.insert(name).second)
        throw std::invalid_argument("bad or repeated parameter in route " + text);
      entry.segments.push_back({true, std::move(name)});
    } else {
      if (part.empty() || part.find_first_of("{}") != std::string_view::npos)
        throw std::invalid_argument("bad segment in route " + text);
      entry.segments.push_back({false, std::string(part)});
    }
  }
  const auto sameShape = [&](const Entry& other) {
    return std::equal(other.segments.begin(), other.segments.end(), entry.segments.begin(),
                      entry.segments.end(), [](const Segment& a, const Segment& b) {
                        return a.parameter == b.parameter && (a.parameter || a.text == b.text);
                      });
  };
  for (const Entry& other : entries_)
    if (other.method == entry.method && sameShape(other))
      throw std::invalid_argument("route registered twice: " + entry.method + " " + text);
  entries_.push_back(std::move(entry));
  return entries_.size() - 1;
}

RouteTable::Found RouteTable::match(std::string_view method, std::string_view rawPath) const {
  if (rawPath.empty() || rawPath.front() != '/') notFound(rawPath);
  std::vector<std::string> decoded;
  for (std::string_view part : splitPath(rawPath)) {
    auto text = decodeSegment(part);
    if (!text) throw badRequest("the path is not valid percent-encoded UTF-8");
    decoded.push_back(std::move(*text));
  }

  // The best pattern for the path: among those that fit, the first literal segment decides.
  const std::vector<Segment>* best = nullptr;
  for (const Entry& entry : entries_) {
    const std::vector<Segment>& segments = entry.segments;
    if (segments.size() != decoded.size()) continue;
    bool fits = true;
    for (std::size_t i = 0; i < segments.size() && fits; ++i)
      fits = segments[i].parameter ? !decoded[i].empty() : segments[i].text == decoded[i];
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
  if (best == nullptr) notFound(rawPath);

  const auto sameShape = [best](const std::vector<Segment>& segments) {
    if (segments.size() != best->size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (segments[i].parameter != (*best)[i].parameter) return false;
      if (!segments[i].parameter && segments[i].text != (*best)[i].text) return false;
    }
    return true;
  };
  std::string allowed;
  for (std::size_t r = 0; r < entries_.size(); ++r) {
    const Entry& entry = entries_[r];
    if (!sameShape(entry.segments)) continue;
    if (entry.method == method) {
      Found found;
      found.index = r;
      for (std::size_t i = 0; i < entry.segments.size(); ++i)
        if (entry.segments[i].parameter) found.params[entry.segments[i].text] = decoded[i];
      return found;
    }
    allowed += (allowed.empty() ? "" : ", ") + entry.method;
  }
  throw HttpError(core::ErrorKind::kMethodNotAllowed,
                  "method " + std::string(method) + " is not allowed here; allowed: " + allowed)
      .withHeader("Allow", allowed);
}

std::vector<std::string> RouteTable::parameters(std::size_t index) const {
  std::vector<std::string> names;
  for (const Segment& segment : entries_.at(index).segments)
    if (segment.parameter) names.push_back(segment.text);
  return names;
}

}  // namespace crossgrant::http
