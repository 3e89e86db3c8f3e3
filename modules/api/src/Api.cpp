#include "crossgrant/api/Api.h"

#include <any>
#include <optional>
#include <stdexcept>

#include "Authorization.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/http/Router.h"
#include "resources/Resources.h"

namespace crossgrant::api {

struct Api::Impl {
  Impl(app::Context& context, ApiSettings settings)
      : context(context), settings(std::move(settings)) {}

  /// The request's route (404, 405 otherwise), its path parameters set in request.
  const Route& route(http::Request& request) const {
    http::Router<Route>::Match match = router.match(request.method, request.path);
    request.params = std::move(match.params);
    return *match.target;
  }

  /// A call of request, before authorization.
  Call call(http::Request& request) {
    return Call{request, context, settings, std::nullopt, 0, std::nullopt, false, "", {}};
  }

  app::Context& context;
  ApiSettings settings;
  http::Router<Route> router;
};

Api::Api(app::Context& context, ApiSettings settings)
    : impl_(std::make_unique<Impl>(context, std::move(settings))) {
  for (auto routes : {healthRoutes, sessionRoutes, userRoutes, programmeRoutes, projectRoutes,
                      partnerRoutes, workPlanRoutes, sheetRoutes, evidenceRoutes, progressRoutes,
                      bundleRoutes, findingsRoutes, auditRoutes, reportRoutes}) {
    for (Route& route : routes()) {
      const std::string method = route.method;
      const std::string pattern = route.pattern;
      impl_->router.add(method, pattern, std::move(route));
      const std::size_t index = impl_->router.targets().size() - 1;
      checkDeclaration(impl_->router.targets()[index], impl_->router.table().parameters(index));
    }
  }
}

namespace {

/// What screening found for a request with a body, carried to handle() in
/// Request::screening: its route and the call as authorization left it.
struct Screened {
  const Route* route;
  Call call;
};

}  // namespace

Api::~Api() = default;

std::optional<http::Response> Api::screen(http::Request& request) {
  const Route& route = impl_->route(request);
  Call call = impl_->call(request);
  // Who asks and whether they may, before the body is even read.
  authorize(route.access, call);
  http::requireMediaType(request, route.bodyType);
  if (route.upload)
    request.maxBodyBytes = static_cast<std::size_t>(impl_->context.settings().maxEvidenceBytes);
  request.screening = Screened{&route, std::move(call)};
  return std::nullopt;
}

http::Response Api::handle(http::Request& request) {
  const Screened* screened = std::any_cast<Screened>(&request.screening);
  const Route* route = screened != nullptr ? screened->route : &impl_->route(request);
  const auto serve = [&] {
    if (screened != nullptr) {
      Call call = screened->call;
      return route->handler(call);
    }
    Call call = impl_->call(request);
    // Who asks and whether they may: for a request without a body, here.
    authorize(route->access, call);
    return route->handler(call);
  };
  // A request that only reads is one read unit: its authentication, scope lookup and reads
  // share one snapshot and one connection (the use cases' reads join it). Routes open to
  // anyone (the health check among them) stand on their own.
  const bool reads = request.method == "GET" || request.method == "HEAD";
  if (!reads || route->access.who == Access::Who::kAnyone) return serve();
  return impl_->context.database().read([&](store::Reader&) { return serve(); });
}

bool Api::takesLong(http::Request& request) {
  if (const Screened* screened = std::any_cast<Screened>(&request.screening))
    return screened->route->longWork;
  try {
    const Route& route = impl_->route(request);
    if (!route.longWork) return false;
    Call call = impl_->call(request);
    authorize(route.access, call);
    request.screening = Screened{&route, std::move(call)};
    return true;
  } catch (...) {
    return false;  // refused: handle() answers it at once
  }
}

const std::vector<Route>& Api::routes() const { return impl_->router.targets(); }

std::string_view openApiDocument() {
  static constexpr std::string_view kDocument =
#include "ApiOpenApiText.inc"
      ;
  return kDocument;
}

}  // namespace crossgrant::api
