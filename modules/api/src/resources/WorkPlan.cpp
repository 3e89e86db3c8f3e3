// The work plan of a project (app/workplan/WorkPlanService.h): its work packages, activities,
// events and indicators, each in its bundle form (docs/bundle-v2.md) plus "version", created
// with POST, read, replaced with PUT and deleted with DELETE under a version (Codecs.h: If-Match
// or a "version" member), as
// partners are. Everyone who sees the project reads them; the lead changes all of it; a
// partner the activities and events that are its own (the service decides, from the data).
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/workplan/WorkPlanService.h"
#include "crossgrant/core/PlanObjects.h"

namespace crossgrant::api {
namespace {

using core::Json;

app::WorkPlanService service(const Call& call) {
  return app::WorkPlanService(call.context, call.caller());
}

std::string projectPart(const Call& call, const char* collection, std::string_view code) {
  return projectPath(call.request.param("code")) + "/" + collection + "/" + std::string(code);
}

/// An object as a GET, POST or PUT answers with it: its bundle form plus "version", which its
/// ETag also names.
Json withVersion(Json json, std::int64_t version) { return json.set("version", version); }

// ---- work packages

http::Response getWorkPlan(Call& call) {
  call.request.allowQuery({});
  return http::Response::json(
      200, core::workPlanToJson(service(call).workPlan(call.request.param("code"))));
}

http::Response getWorkPackage(Call& call) {
  call.request.allowQuery({});
  const auto wp = service(call).workPackage(call.request.param("code"), call.request.param("wp"));
  return versioned(200, withVersion(core::workPackageToJson(wp.value), wp.version), wp.version);
}

http::Response createWorkPackage(Call& call) {
  call.request.allowQuery({});
  const auto wp = service(call).createWorkPackage(call.request.param("code"), call.request.json());
  return created(projectPart(call, "work-packages", wp.value.code),
                 withVersion(core::workPackageToJson(wp.value), wp.version), wp.version);
}

http::Response updateWorkPackage(Call& call) {
  call.request.allowQuery({});
  Json body = call.request.json();
  const app::BaseVersion version = baseVersion(call.request, &body);
  const auto wp = service(call).updateWorkPackage(call.request.param("code"),
                                                  call.request.param("wp"), body, version);
  return versioned(200, withVersion(core::workPackageToJson(wp.value), wp.version), wp.version);
}

http::Response deleteWorkPackage(Call& call) {
  call.request.allowQuery({});
  service(call).deleteWorkPackage(call.request.param("code"), call.request.param("wp"),
                                  deleteVersion(call.request));
  return http::Response::noContent();
}

// ---- activities

http::Response listActivities(Call& call) {
  call.request.allowQuery({});
  Json list = Json::array();
  for (const core::WorkPackage& wp :
       service(call).workPlan(call.request.param("code")).workPackages)
    for (const core::Activity& activity : wp.activities)
      list.push(core::activityToJson({wp.code, activity}));
  return http::Response::json(200, Json::object().set("activities", std::move(list)));
}

http::Response getActivity(Call& call) {
  call.request.allowQuery({});
  const auto a = service(call).activity(call.request.param("code"), call.request.param("activity"));
  return versioned(200, withVersion(core::activityToJson(a.value), a.version), a.version);
}

http::Response createActivity(Call& call) {
  call.request.allowQuery({});
  const auto a = service(call).createActivity(call.request.param("code"), call.request.json());
  return created(projectPart(call, "activities", a.value.activity.code),
                 withVersion(core::activityToJson(a.value), a.version), a.version);
}

http::Response updateActivity(Call& call) {
  call.request.allowQuery({});
  Json body = call.request.json();
  const app::BaseVersion version = baseVersion(call.request, &body);
  const auto a = service(call).updateActivity(call.request.param("code"),
                                              call.request.param("activity"), body, version);
  return versioned(200, withVersion(core::activityToJson(a.value), a.version), a.version);
}

http::Response deleteActivity(Call& call) {
  call.request.allowQuery({});
  service(call).deleteActivity(call.request.param("code"), call.request.param("activity"),
                               deleteVersion(call.request));
  return http::Response::noContent();
}

// ---- events

http::Response listEvents(Call& call) {
  call.request.allowQuery({"period", "activity", "partner"});
  app::EventQuery query;
  if (const auto period = integerQuery(call.request, "period", 1, 1'000'000))
    query.period = static_cast<int>(*period);
  query.activity = call.request.queryValue("activity").value_or("");
  query.partner = call.request.queryValue("partner").value_or("");
  Json list = Json::array();
  for (const core::Event& event : service(call).events(call.request.param("code"), query))
    list.push(core::eventToJson(event));
  return http::Response::json(200, Json::object().set("events", std::move(list)));
}

http::Response getEvent(Call& call) {
  call.request.allowQuery({});
  const auto e = service(call).event(call.request.param("code"), call.request.param("event"));
  return versioned(200, withVersion(core::eventToJson(e.value), e.version), e.version);
}

http::Response createEvent(Call& call) {
  call.request.allowQuery({});
  const auto e = service(call).createEvent(call.request.param("code"), call.request.json());
  return created(projectPart(call, "events", e.value.code),
                 withVersion(core::eventToJson(e.value), e.version), e.version);
}

http::Response updateEvent(Call& call) {
  call.request.allowQuery({});
  Json body = call.request.json();
  const app::BaseVersion version = baseVersion(call.request, &body);
  const auto e = service(call).updateEvent(call.request.param("code"), call.request.param("event"),
                                           body, version);
  return versioned(200, withVersion(core::eventToJson(e.value), e.version), e.version);
}

http::Response deleteEvent(Call& call) {
  call.request.allowQuery({});
  service(call).deleteEvent(call.request.param("code"), call.request.param("event"),
                            deleteVersion(call.request));
  return http::Response::noContent();
}

// ---- indicators: each listed with what it has achieved

Json progressJson(const std::vector<core::IndicatorPeriod>& periods) {
  Json list = Json::array();
  for (const core::IndicatorPeriod& p : periods)
    list.push(Json::object()
                  .set("period", p.period)
                  .set("achieved", p.achieved.toString())
                  .set("cumulative", p.cumulative.toString())
                  .set("progress", p.progress ? Json(*p.progress) : Json()));
  return list;
}

http::Response listIndicators(Call& call) {
  call.request.allowQuery({});
  Json list = Json::array();
  for (const app::IndicatorProgress& item : service(call).indicators(call.request.param("code")))
    list.push(core::indicatorToJson(item.indicator).set("periods", progressJson(item.periods)));
  return http::Response::json(200, Json::object().set("indicators", std::move(list)));
}

http::Response getIndicator(Call& call) {
  call.request.allowQuery({});
  const auto i =
      service(call).indicator(call.request.param("code"), call.request.param("indicator"));
  return versioned(200, withVersion(core::indicatorToJson(i.value), i.version), i.version);
}

http::Response createIndicator(Call& call) {
  call.request.allowQuery({});
  const auto i = service(call).createIndicator(call.request.param("code"), call.request.json());
  return created(projectPart(call, "indicators", i.value.code),
                 withVersion(core::indicatorToJson(i.value), i.version), i.version);
}

http::Response updateIndicator(Call& call) {
  call.request.allowQuery({});
  Json body = call.request.json();
  const app::BaseVersion version = baseVersion(call.request, &body);
  const auto i = service(call).updateIndicator(call.request.param("code"),
                                               call.request.param("indicator"), body, version);
  return versioned(200, withVersion(core::indicatorToJson(i.value), i.version), i.version);
}

http::Response deleteIndicator(Call& call) {
  call.request.allowQuery({});
  service(call).deleteIndicator(call.request.param("code"), call.request.param("indicator"),
                                deleteVersion(call.request));
  return http::Response::noContent();
}

}  // namespace

std::vector<Route> workPlanRoutes() {
  const std::string project = std::string(kApiPrefix) + "/projects/{code}";
  using core::Operation;
  const auto read = Access::allowed(Operation::kReadProject, scopes::project());
  const auto lead = Access::allowed(Operation::kWriteProject, scopes::project());
  // Whose an activity or event is depends on the data: the service decides (kWritePartnerWork).
  const auto partnerWork = read;
  const std::string wps = project + "/work-packages";
  const std::string activities = project + "/activities";
  const std::string events = project + "/events";
  const std::string indicators = project + "/indicators";
  return {
      {"GET", project + "/work-plan", read, getWorkPlan},
      {"POST", wps, lead, createWorkPackage},
      {"GET", wps + "/{wp}", read, getWorkPackage},
      {"PUT", wps + "/{wp}", lead, updateWorkPackage},
      {"DELETE", wps + "/{wp}", lead, deleteWorkPackage},
      {"GET", activities, read, listActivities},
      {"POST", activities, partnerWork, createActivity},
      {"GET", activities + "/{activity}", read, getActivity},
      {"PUT", activities + "/{activity}", partnerWork, updateActivity},
      {"DELETE", activities + "/{activity}", partnerWork, deleteActivity},
      {"GET", events, read, listEvents},
      {"POST", events, partnerWork, createEvent},
      {"GET", events + "/{event}", read, getEvent},
      {"PUT", events + "/{event}", partnerWork, updateEvent},
      {"DELETE", events + "/{event}", partnerWork, deleteEvent},
      {"GET", indicators, read, listIndicators},
      {"POST", indicators, lead, createIndicator},
      {"GET", indicators + "/{indicator}", read, getIndicator},
      {"PUT", indicators + "/{indicator}", lead, updateIndicator},
      {"DELETE", indicators + "/{indicator}", lead, deleteIndicator},
  };
}

}  // namespace crossgrant::api
