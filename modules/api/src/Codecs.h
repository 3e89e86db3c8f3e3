// What the API's resources share in reading requests and writing answers: versions from
// If-Match or the body, query parameters, string-only bodies, paths, and versioned answers.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/app/Versioned.h"
#include "crossgrant/app/grants/ProjectService.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/http/Request.h"
#include "crossgrant/http/Response.h"

namespace crossgrant::api {

inline constexpr const char* kApiPrefix = "/api/v1";

std::string programmePath(std::string_view code);
std::string projectPath(std::string_view code);
std::string partnerPath(std::string_view project, std::string_view partner);
std::string userPath(std::string_view name);

/// A response showing an object (or part of one) at a version, which the ETag names.
http::Response versioned(int status, const core::Json& body, std::int64_t version);
/// 201 with Location and the object at its version.
http::Response created(const std::string& location, const core::Json& body, std::int64_t version);

/// The version a change is based on: If-Match or a "version" member of body, which is taken
/// out of the body (the object readers refuse members they do not know). When both are given
/// they must agree (core::InvalidInput at /version otherwise).
app::BaseVersion baseVersion(const http::Request& request, core::Json* body);
/// The version a DELETE is based on: If-Match, or a body {"version": N}.
app::BaseVersion deleteVersion(const http::Request& request);

/// A query parameter "true" or "false"; false when absent. 400 otherwise.
bool booleanQuery(const http::Request& request, std::string_view name);
/// An integer query parameter from lowest to highest, or nullopt when absent. 400 otherwise.
std::optional<std::int64_t> integerQuery(const http::Request& request, std::string_view name,
                                         std::int64_t lowest, std::int64_t highest);

/// The members of an object body that must or may be there, all strings. Anything else is
/// core::InvalidInput at its pointer; the messages never repeat a value (it may be a
/// password).
std::map<std::string, std::string> stringMembers(const core::Json& body,
                                                 std::initializer_list<std::string> required,
                                                 std::initializer_list<std::string> optional);

/// The grant in {"role", "programme"?, "project"?, "partner"?} (strings). InvalidInput with
/// pointers for other members, other types or an unknown role. The scope is checked by
/// app::UserService::grant, not here.
core::Grant readGrant(const core::Json& body);

/// [{"user", "role", "programme"?, "project"?, "partner"?}]: grants revoked because their
/// object went away.
core::Json revokedJson(const std::vector<app::RevokedGrant>& revoked);

}  // namespace crossgrant::api
