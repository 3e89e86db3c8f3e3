#include "Codecs.h"

#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Text.h"
#include "crossgrant/http/Conditional.h"
#include "crossgrant/http/HttpError.h"

namespace crossgrant::api {

using core::Json;

std::string programmePath(std::string_view code) {
  return std::string(kApiPrefix) + "/programmes/" + http::encodeSegment(code);
}

std::string projectPath(std::string_view code) {
  return std::string(kApiPrefix) + "/projects/" + http::encodeSegment(code);
}

std::string partnerPath(std::string_view project, std::string_view partner) {
  return projectPath(project) + "/partners/" + http::encodeSegment(partner);
}

std::string userPath(std::string_view name) {
  return std::string(kApiPrefix) + "/users/" + http::encodeSegment(name);
}

http::Response versioned(int status, const Json& body, std::int64_t version) {
  return http::Response::json(status, body).withHeader("ETag", http::etag(version));
}

http::Response created(const std::string& location, const Json& body, std::int64_t version) {
  return versioned(201, body, version).withHeader("Location", location);
}

app::BaseVersion baseVersion(const http::Request& request, Json* body) {
  const app::BaseVersion header = http::ifMatchVersion(request);
  app::BaseVersion field;
  if (body != nullptr && body->isObject() && body->find("version") != nullptr) {
    Json rest = Json::object();
    for (const auto& [key, value] : body->members()) {
      if (key != "version") {
        rest.set(key, value);
      } else if (value.isInteger() && value.asInteger() >= 1) {
        field = value.asInteger();
      } else {
        throw core::InvalidInput("/version",
                                 "expected the version the change is based on (an integer from "
                                 "1, as a GET returned it), found " +
                                     (value.isInteger() ? std::to_string(value.asInteger())
                                                        : std::string(value.typeName())));
      }
    }
    *body = std::move(rest);
  }
  if (header && field && *header != *field) {
    throw core::InvalidInput("/version", "is " + std::to_string(*field) + " but If-Match says " +
                                             std::to_string(*header) + "; send one version");
  }
  return header ? header : field;
}

app::BaseVersion deleteVersion(const http::Request& request) {
  if (request.body.empty()) return baseVersion(request, nullptr);
  Json body = request.json();
  if (!body.isObject())
    throw core::InvalidInput("", "expected an object {\"version\": N} or no body, found " +
                                     std::string(body.typeName()));
  app::BaseVersion version = baseVersion(request, &body);
  if (!body.members().empty())
    throw core::InvalidInput("/" + core::escapePointer(body.members().front().first),
                             "unknown member: a delete takes only \"version\"");
  return version;
}

bool booleanQuery(const http::Request& request, std::string_view name) {
  const auto value = request.queryValue(name);
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  throw http::badRequest("query parameter '" + std::string(name) +
                         "' must be true or false, not '" + *value + "'");
}

std::optional<std::int64_t> integerQuery(const http::Request& request, std::string_view name,
                                         std::int64_t lowest, std::int64_t highest) {
  const auto value = request.queryValue(name);
  if (!value) return std::nullopt;
  const std::optional<std::int64_t> number = core::parseInteger(*value, lowest, highest);
  if (!number)
    throw http::badRequest("query parameter '" + std::string(name) + "' must be an integer from " +
                           std::to_string(lowest) + " to " + std::to_string(highest) + ", not '" +
                           *value + "'");
  return number;
}

std::map<std::string, std::string> stringMembers(const Json& body,
                                                 std::initializer_list<std::string> required,
                                                 std::initializer_list<std::string> optional) {
  if (!body.isObject())
    throw core::InvalidInput("", "expected an object, found " + std::string(body.typeName()));
  std::map<std::string, std::string> values;
  std::vector<core::ValidationError> errors;
  const auto known = [&](const std::string& key) {
    for (const std::string& name : required)
      if (name == key) return true;
    for (const std::string& name : optional)
      if (name == key) return true;
    return false;
  };
  for (const auto& [key, value] : body.members()) {
    const std::string pointer = "/" + core::escapePointer(key);
    if (!known(key))
      errors.push_back({pointer, "unknown member"});
    else if (!value.isString())
      errors.push_back({pointer, "expected a string, found " + std::string(value.typeName())});
    else
      values[key] = value.asString();
  }
  for (const std::string& name : required)
    if (body.find(name) == nullptr)
      errors.push_back({"/" + name, "missing", "missing", {{"field", name}}});
  if (!errors.empty()) throw core::InvalidInput(std::move(errors));
  return values;
}

core::Grant readGrant(const Json& body) {
  if (!body.isObject())
    throw core::InvalidInput("", "expected an object, found " + std::string(body.typeName()));
  core::Grant grant;
  std::vector<core::ValidationError> errors;
  bool hasRole = false;
  for (const auto& [key, value] : body.members()) {
    const std::string pointer = "/" + core::escapePointer(key);
    std::string* field = key == "programme" ? &grant.programme
                         : key == "project" ? &grant.project
                         : key == "partner" ? &grant.partner
                                            : nullptr;
    if (key != "role" && field == nullptr) {
      errors.push_back({pointer, "unknown member; a grant has role, programme, project, partner"});
    } else if (!value.isString()) {
      errors.push_back({pointer, "expected a string, found " + std::string(value.typeName())});
    } else if (field != nullptr) {
      *field = value.asString();
    } else if (auto role = core::parseRole(value.asString())) {
      grant.role = *role;
      hasRole = true;
    } else {
      errors.push_back({pointer, "unknown role \"" + value.asString() +
                                     "\"; one of admin, programme, lead, partner, controller, "
                                     "auditor"});
      hasRole = true;
    }
  }
  if (!hasRole) errors.push_back({"/role", "missing", "missing", {{"field", "role"}}});
  if (!errors.empty()) throw core::InvalidInput(std::move(errors));
  return grant;
}

Json revokedJson(const std::vector<app::RevokedGrant>& revoked) {
  Json list = Json::array();
  for (const app::RevokedGrant& held : revoked) {
    Json item = Json::object().set("user", held.userName);
    const Json grant = app::grantRecord(held.grant);
    for (const auto& [key, value] : grant.members()) item.set(key, value);
    list.push(std::move(item));
  }
  return list;
}

}  // namespace crossgrant::api
