// The crossgrant HTTP API (version 1): registers every route on a Router. Handlers translate
// between HTTP and ProjectService; core and the store decide. Each operation runs in one
// transaction in the service, so a request that fails changes nothing.
//
// Shapes: programmes, projects and partners are the bundle's objects (spec/bundle-v1.md); a
// project also carries "programme" (its programme's code). Lists are {"programmes": [...]},
// {"projects": [...]}, {"partners": [...]}; budgets and co-financing are plain arrays. Create
// answers 201 with Location and the stored object, update 200 with it, delete 204.
//
// Versions: one object (and a partner's budget or co-financing) is answered with its version
// as ETag ("3"), and one object also with "version" as its last member. PUT and DELETE name
// the version they are based on with If-Match or a "version" member of the body (a DELETE's
// body is {"version": N}), which is taken out before the body is read as the object; both
// given must agree. ProjectService checks it (see there for the order of checks).
//
// GET /api/v1/audit?project=&from=&to=&after=&limit= answers {"entries": [...], "next"}:
// entries in sequence order (AuditTrail.h's shape), at most limit (1-1000, default 100), and
// next, the after= of the following page, or null on the last.
#pragma once

#include <string_view>

#include "Router.h"

namespace crossgrant::server {

class AppContext;

/// Adds GET /health and every /api/v1 route. context must outlive the router.
void addApiRoutes(Router& router, AppContext& context);

/// The OpenAPI 3.0 document describing the API, as compiled into the program.
std::string_view openApiDocument();

}  // namespace crossgrant::server
