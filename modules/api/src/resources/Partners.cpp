// Partners of a project and their approved budget and co-financing (versioned by the
// partner): list (each partner as much as the caller may see of it), create, GET/PUT/DELETE
// one, GET/PUT budget and co-financing. PUT and DELETE name the version (Codecs.h). A DELETE
// that revokes grants answers 200 {"revoked": [...]}, else 204.
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/http/Conditional.h"

namespace crossgrant::api {
namespace {

using core::Json;

app::ProjectService service(const Call& call) {
  return app::ProjectService(call.context, call.caller());
}

/// What the other partners of a project see of a partner: who it is, not its figures.
Json partnerSummary(const core::Partner& partner) {
  return Json::object()
      .set("code", partner.code)
      .set("role", core::toString(partner.role))
      .set("name", partner.name)
      .set("country", partner.country);
}

http::Response listPartners(Call& call) {
  call.request.allowQuery({});
  const std::string& code = call.request.param("code");
  app::ProjectService projects = service(call);
  Json list = Json::array();
  for (const core::Partner& partner : projects.partners(code)) {
    const core::PartnerView view =
        call.principal
            ? core::partnerView(*call.principal, {call.scope.programme, code, partner.code})
            : core::PartnerView::kNone;
    if (view == core::PartnerView::kFull) list.push(core::partnerToJson(partner));
    if (view == core::PartnerView::kSummary) list.push(partnerSummary(partner));
  }
  return http::Response::json(200, Json::object().set("partners", std::move(list)));
}

http::Response getPartner(Call& call) {
  call.request.allowQuery({});
  const auto partner =
      service(call).partner(call.request.param("code"), call.request.param("partner"));
  return versioned(200, app::partnerRecord(partner), partner.version);
}

http::Response createPartner(Call& call) {
  call.request.allowQuery({});
  const std::string& project = call.request.param("code");
  app::ProjectService projects = service(call);
  const core::Partner read = core::readPartner(call.request.json(), projects.projectRules(project));
  const auto partner = projects.createPartner(project, read);
  return created(partnerPath(project, partner.value.code), app::partnerRecord(partner),
                 partner.version);
}

http::Response updatePartner(Call& call) {
  call.request.allowQuery({});
  Json body = call.request.json();
  const app::BaseVersion version = baseVersion(call.request, &body);
  const std::string& project = call.request.param("code");
  app::ProjectService projects = service(call);
  const core::Partner read = core::readPartner(body, projects.projectRules(project));
  const auto partner =
      projects.updatePartner(project, call.request.param("partner"), read, version);
  return versioned(200, app::partnerRecord(partner), partner.version);
}

http::Response deletePartner(Call& call) {
  call.request.allowQuery({});
  const auto revoked = service(call).deletePartner(
      call.request.param("code"), call.request.param("partner"), deleteVersion(call.request));
  if (revoked.empty()) return http::Response::noContent();
  return http::Response::json(200, Json::object().set("revoked", revokedJson(revoked)));
}

http::Response getBudget(Call& call) {
  call.request.allowQuery({});
  const auto partner =
      service(call).partner(call.request.param("code"), call.request.param("partner"));
  return versioned(200, core::budgetToJson(partner.value.budget), partner.version);
}

http::Response replaceBudget(Call& call) {
  call.request.allowQuery({});
  const std::string& project = call.request.param("code");
  app::ProjectService projects = service(call);
  const auto budget = core::readBudget(call.request.json(), projects.projectRules(project));
  const auto partner = projects.replaceBudget(project, call.request.param("partner"), budget,
                                              http::ifMatchVersion(call.request));
  return versioned(200, core::budgetToJson(partner.value.budget), partner.version);
}

http::Response getCofinancing(Call& call) {
  call.request.allowQuery({});
  const auto partner =
      service(call).partner(call.request.param("code"), call.request.param("partner"));
  return versioned(200, core::cofinancingToJson(partner.value.cofinancing), partner.version);
}

http::Response replaceCofinancing(Call& call) {
  call.request.allowQuery({});
  const auto cofinancing = core::readCofinancing(call.request.json());
  const auto partner =
      service(call).replaceCofinancing(call.request.param("code"), call.request.param("partner"),
                                       cofinancing, http::ifMatchVersion(call.request));
  return versioned(200, core::cofinancingToJson(partner.value.cofinancing), partner.version);
}

}  // namespace

std::vector<Route> partnerRoutes() {
  const std::string partners = std::string(kApiPrefix) + "/projects/{code}/partners";
  const std::string one = partners + "/{partner}";
  using core::Operation;
  const auto read = Access::allowed(Operation::kReadPartner, scopes::partner());
  const auto figures = Access::allowed(Operation::kWritePartnerFigures, scopes::partner());
  return {
      {"GET", partners, Access::allowed(Operation::kReadProject, scopes::project()), listPartners},
      {"POST", partners, Access::allowed(Operation::kWriteProject, scopes::project()),
       createPartner},
      {"GET", one, read, getPartner},
      {"PUT", one, Access::allowed(Operation::kWritePartner, scopes::partner()), updatePartner},
      {"DELETE", one, Access::allowed(Operation::kWriteProject, scopes::project()), deletePartner},
      {"GET", one + "/budget", read, getBudget},
      {"PUT", one + "/budget", figures, replaceBudget},
      {"GET", one + "/cofinancing", read, getCofinancing},
      {"PUT", one + "/cofinancing", figures, replaceCofinancing},
  };
}

}  // namespace crossgrant::api
