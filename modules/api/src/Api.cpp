#include "crossgrant/api/Api.h"

#include <stdexcept>

#include "Authorization.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/http/Router.h"
#include "resources/Resources.h"

namespace crossgrant::api {

struct Api::Impl {
  Impl(app::Context& context, ApiSettings settings)
      : context(context), settings(std::move(settings)) {}

  app::Context& context;
  ApiSettings settings;
  http::Router<Route> router;
};

Api::Api(app::Context& context, ApiSettings settings)
    : impl_(std::make_unique<Impl>(context, std::move(settings))) {
  for (auto routes : {healthRoutes, sessionRoutes, userRoutes, programmeRoutes, projectRoutes,
                      partnerRoutes, bundleRoutes, findingsRoutes, auditRoutes, reportRoutes}) {
    for (Route& route : routes()) {
      const std::string method = route.method;
      const std::string pattern = route.pattern;
      impl_->router.add(method, pattern, std::move(route));
      const std::size_t index = impl_->router.targets().size() - 1;
      checkDeclaration(impl_->router.targets()[index], impl_->router.table().parameters(index));
    }
  }
}

Api::~Api() = default;

http::Response Api::handle(http::Request& request) {
  http::Router<Route>::Match match = impl_->router.match(request.method, request.path);
  request.params = std::move(match.params);
  const Route& route = *match.target;
  const auto serve = [&] {
    Call call{request, impl_->context, impl_->settings, std::nullopt, 0, std::nullopt, false, "",
              {}};
    // Who asks and whether they may, before the body is even read.
    authorize(route.access, call);
    request.readBody(route.bodyType);
    return route.handler(call);
  };
  // A request that only reads is one read unit: its authentication, scope lookup and reads
  // share one snapshot and one connection (the use cases' reads join it). Routes open to
  // anyone (the health check among them) stand on their own.
  const bool reads = request.method == "GET" || request.method == "HEAD";
  if (!reads || route.access.who == Access::Who::kAnyone) return serve();
  return impl_->context.database().read([&](store::Reader&) { return serve(); });
}

const std::vector<Route>& Api::routes() const { return impl_->router.targets(); }

std::string_view openApiDocument() {
  static constexpr std::string_view kDocument =
#include "ApiOpenApiText.inc"
      ;
  return kDocument;
}

}  // namespace crossgrant::api
