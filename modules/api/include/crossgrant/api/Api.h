// The crossgrant HTTP API (version 1) as an http::Handler: the routes of every resource
// (src/resources, one file each), and for each request: routing (404, 405), authorization of
// the route's declaration (Route.h: 401, 403, 404) and the body's media type (415), all decided
// for a request with a body by screen() before the server reads the body; then the handler. Each
// use case runs in its own unit of work, so a request that fails changes nothing.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "crossgrant/api/Route.h"
#include "crossgrant/http/Server.h"

namespace crossgrant::api {

class Api : public http::Handler {
 public:
  /// context must outlive the API.
  Api(app::Context& context, ApiSettings settings);
  ~Api() override;

  /// Routing (404, 405), authorization (401, 403, 404) and the route's media type (415) of a
  /// request with a body, before the body is read; handle() then uses what it found.
  std::optional<http::Response> screen(http::Request& request) override;
  http::Response handle(http::Request& request) override;
  /// Whether the request's route is long work (Route::longWork) and the caller may call it:
  /// a request refused (no route, 401, 403, 404) is answered at once instead of waiting for
  /// the long-work threads. What authorization found is kept for handle(), as screen() does.
  bool takesLong(http::Request& request) override;

  /// Every route, in registration order.
  const std::vector<Route>& routes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The OpenAPI 3.0 document describing the API, as compiled into the program.
std::string_view openApiDocument();

}  // namespace crossgrant::api
