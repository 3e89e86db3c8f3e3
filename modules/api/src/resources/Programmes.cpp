// Programmes: GET (list: those the caller may read), POST (admins), GET/PUT/DELETE one.
// The bundle's programme object plus "version"; PUT and DELETE name the version (Codecs.h).
// GET /api/v1/rules: the rules plugins loaded (their keys, which "rules" may name), each with
// its cost categories, target groups and event kinds.
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/core/BundleCodec.h"

namespace crossgrant::api {
namespace {

using core::Json;

app::ProjectService service(const Call& call) {
  return app::ProjectService(call.context, call.caller());
}

core::Programme readProgramme(const Call& call, const Json& body) {
  return core::readProgramme(body, call.context.plugins().lookup());
}

http::Response listProgrammes(Call& call) {
  call.request.allowQuery({});
  Json list = Json::array();
  for (const core::Programme& programme : service(call).programmes())
    if (call.permits(core::Operation::kReadProgramme, {programme.code, "", ""}))
      list.push(core::programmeToJson(programme));
  return http::Response::json(200, Json::object().set("programmes", std::move(list)));
}

http::Response getProgramme(Call& call) {
  call.request.allowQuery({});
  const auto programme = service(call).programme(call.request.param("code"));
  return versioned(200, app::programmeRecord(programme), programme.version);
}

http::Response createProgramme(Call& call) {
  call.request.allowQuery({});
  const auto programme = service(call).createProgramme(readProgramme(call, call.request.json()));
  return created(programmePath(programme.value.code), app::programmeRecord(programme),
                 programme.version);
}

http::Response updateProgramme(Call& call) {
  call.request.allowQuery({});
  Json body = call.request.json();
  const app::BaseVersion version = baseVersion(call.request, &body);
  const auto programme =
      service(call).updateProgramme(call.request.param("code"), readProgramme(call, body), version);
  return versioned(200, app::programmeRecord(programme), programme.version);
}

http::Response deleteProgramme(Call& call) {
  call.request.allowQuery({});
  const auto revoked =
      service(call).deleteProgramme(call.request.param("code"), deleteVersion(call.request));
  if (revoked.empty()) return http::Response::noContent();
  return http::Response::json(200, Json::object().set("revoked", revokedJson(revoked)));
}

/// The rules plugins loaded, which a programme's "rules" may name.
http::Response listRules(Call& call) {
  call.request.allowQuery({});
  Json list = Json::array();
  const auto texts = [](const core::Texts& texts) {
    Json object = Json::object();
    for (const auto& [lang, text] : texts) object.set(lang, text);
    return object;
  };
  const auto labelled = [&](const std::vector<core::Labelled>& items) {
    Json list = Json::array();
    for (const core::Labelled& item : items)
      list.push(Json::object()
                    .set("key", item.key)
                    .set("label", item.label())
                    .set("labels", texts(item.labels)));
    return list;
  };
  for (const std::string& key : call.context.plugins().keys()) {
    const core::ProgrammeRules& rules = *call.context.plugins().rules(key);
    Json categories = Json::array();
    for (const core::CostCategory& category : rules.categories)
      categories.push(Json::object().set("key", category.key).set("label", category.label));
    Json indicators = Json::array();
    for (const core::ProgrammeIndicator& indicator : rules.indicators)
      indicators.push(Json::object()
                          .set("code", indicator.code)
                          .set("name", texts(indicator.name))
                          .set("unit", indicator.unit)
                          .set("kind", std::string(core::toString(indicator.kind))));
    list.push(Json::object()
                  .set("key", key)
                  .set("title", rules.title)
                  .set("categories", std::move(categories))
                  .set("target_groups", labelled(rules.targetGroups))
                  .set("event_kinds", labelled(rules.eventKinds))
                  .set("indicators", std::move(indicators)));
  }
  return http::Response::json(200, Json::object().set("rules", std::move(list)));
}

}  // namespace

std::vector<Route> programmeRoutes() {
  const std::string v1 = kApiPrefix;
  const auto one = scopes::programme();
  return {
      {"GET", v1 + "/programmes", Access::signedIn(), listProgrammes},
      {"POST", v1 + "/programmes", Access::allowed(core::Operation::kManage), createProgramme},
      {"GET", v1 + "/programmes/{code}", Access::allowed(core::Operation::kReadProgramme, one),
       getProgramme},
      {"PUT", v1 + "/programmes/{code}", Access::allowed(core::Operation::kManage, one),
       updateProgramme},
      {"DELETE", v1 + "/programmes/{code}", Access::allowed(core::Operation::kManage, one),
       deleteProgramme},
      {"GET", v1 + "/rules", Access::signedIn(), listRules},
  };
}

}  // namespace crossgrant::api
