// The work plan over HTTP (app/workplan/WorkPlanService.h), on the demo of version 2: objects
// created, read, changed and deleted under their versions and audited; bad bodies refused at
// their fields with nothing changed; a partner changes its own activities and events but cannot
// hand them to another partner; events listed by period; indicators with what they achieved.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "AccessFixture.h"

using crossgrant::core::Json;
using crossgrant::test::AccessFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::requireStatus;
using crossgrant::test::withMember;
using crossgrant::test::withoutMember;

namespace {

const std::string kBase = "/api/v1/projects/LLI-317";

std::string text(const Json& object, const char* key) {
  const Json* value = object.find(key);
  return value != nullptr && value->isString() ? value->asString() : "<missing>";
}

Json camp2020() {
  return Json::parse(R"({"code": "E21", "activity": "A4.1", "kind": "camp",
    "title": {"lv": "Ziemas nometne"}, "start": "2020-02-10", "end": "2020-02-12",
    "place": "Viesīte", "partner": "PP4",
    "participants": {"total": 30, "unique": 28, "by_target_group": {"youth": 20, "disabilities": 12}}})");
}

/// "pointer code" for each error of a refused request.
std::vector<std::string> errorsOf(const HttpResult& result) {
  std::vector<std::string> out;
  const Json body = result.json();
  const Json* error = body.find("error");
  if (error == nullptr) return out;
  if (const Json* errors = error->find("errors"))
    for (const Json& e : errors->items()) out.push_back(text(e, "pointer") + " " + text(e, "code"));
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_work_plan, AccessFixture)

BOOST_AUTO_TEST_CASE(an_event_is_created_read_changed_and_deleted_under_its_versions) {
  const HttpResult made = as("lead").post(kBase + "/events", camp2020().dump());
  requireStatus(made, 201);
  BOOST_TEST(made.header("Location") == kBase + "/events/E21");
  BOOST_TEST(made.json().find("version")->asInteger() == 1);
  const HttpResult read = as("partner").get(kBase + "/events/E21");
  requireStatus(read, 200);
  BOOST_TEST(text(*read.json().find("title"), "lv") == "Ziemas nometne");
  BOOST_TEST(
      read.json().find("participants")->find("by_target_group")->find("youth")->asInteger() == 20);

  // A change based on version 1 lands once; the second one based on it is stale.
  Json changed = withoutMember(read.json(), "version");
  changed = withMember(changed, "place", Json("Viesītes novads"));
  const HttpResult first =
      as("lead").put(kBase + "/events/E21", changed.dump(), {{"If-Match", read.header("ETag")}});
  requireStatus(first, 200);
  BOOST_TEST(text(first.json(), "place") == "Viesītes novads");
  const HttpResult second =
      as("lead").put(kBase + "/events/E21", changed.dump(), {{"If-Match", read.header("ETag")}});
  requireStatus(second, 409);
  const HttpResult noVersion = as("lead").put(kBase + "/events/E21", changed.dump());
  requireStatus(noVersion, 428);

  const HttpResult current = as("lead").get(kBase + "/events/E21");
  requireStatus(as("lead").del(kBase + "/events/E21", {{"If-Match", current.header("ETag")}}), 204);
  requireStatus(as("lead").get(kBase + "/events/E21"), 404);

  // Each change is in the project's trail, with the event before and after.
  std::vector<std::string> actions;
  for (const auto& entry : auditTrail())
    if (entry.objectType == "event" && entry.objectKey == "LLI-317/E21")
      actions.push_back(entry.action);
  BOOST_TEST(actions == (std::vector<std::string>{"create", "update", "delete"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_bad_event_is_refused_at_its_fields_and_changes_nothing) {
  const std::string before = dump();
  Json bad = withMember(camp2020(), "start", Json("2020-03-10"));  // after the project
  bad = withMember(bad, "kind", Json("picnic"));
  bad = withMember(bad, "activity", Json("A9.9"));
  bad = withMember(bad, "participants",
                   Json::parse(R"({"total": 10, "by_target_group": {"youth": 11}})"));
  const HttpResult refused = as("lead").post(kBase + "/events", bad.dump());
  requireStatus(refused, 400);
  const std::vector<std::string> expected = {
      "/activity no_such_activity", "/kind unknown_key", "/start outside_project",
      "/end end_before_start", "/participants/by_target_group/youth count_above_total"};
  BOOST_TEST(errorsOf(refused) == expected, boost::test_tools::per_element());
  // An existing code is a conflict.
  requireStatus(
      as("lead").post(kBase + "/events", withMember(camp2020(), "code", Json("E1")).dump()), 409);
  BOOST_TEST(dump() == before);
}

BOOST_AUTO_TEST_CASE(a_partner_changes_its_own_work_and_cannot_hand_it_over) {
  // PP6 runs activity A4.7 and its events.
  const HttpResult activity = as("partner").get(kBase + "/activities/A4.7");
  requireStatus(activity, 200);
  Json done = withMember(withoutMember(activity.json(), "version"), "location",
                         Json("Rokiškis, Respublikos g. 94"));
  const HttpResult changed = as("partner").put(kBase + "/activities/A4.7", done.dump(),
                                               {{"If-Match", activity.header("ETag")}});
  requireStatus(changed, 200);
  BOOST_TEST(text(changed.json(), "work_package") == "WP4");

  const std::string before = dump();
  const HttpResult handed = as("partner").put(
      kBase + "/activities/A4.7",
      withMember(withoutMember(changed.json(), "version"), "partner", Json("PP5")).dump(),
      {{"If-Match", changed.header("ETag")}});
  requireStatus(handed, 403);
  // Nor another partner's event, nor one of its own moved to another partner's name.
  const HttpResult lead = as("partner").get(kBase + "/events/E1");
  requireStatus(
      as("partner").put(kBase + "/events/E1", withoutMember(lead.json(), "version").dump(),
                        {{"If-Match", lead.header("ETag")}}),
      403);
  requireStatus(as("partner").post(kBase + "/events", camp2020().dump()), 403);
  // The controller reads but changes nothing.
  requireStatus(as("controller").del(kBase + "/events/E3", {{"If-Match", "\"1\""}}), 403);
  BOOST_TEST(dump() == before);
}

BOOST_AUTO_TEST_CASE(what_something_belongs_to_is_not_deleted_under_it) {
  const HttpResult activity = as("lead").get(kBase + "/activities/A4.7");
  const HttpResult refused =
      as("lead").del(kBase + "/activities/A4.7", {{"If-Match", activity.header("ETag")}});
  requireStatus(refused, 409);
  BOOST_TEST(text(*refused.json().find("error"), "message").find("3 events") != std::string::npos,
             refused.body);
  const HttpResult wp = as("lead").get(kBase + "/work-packages/WP1");
  requireStatus(as("lead").del(kBase + "/work-packages/WP1", {{"If-Match", wp.header("ETag")}}),
                409);
}

BOOST_AUTO_TEST_CASE(events_are_listed_by_period_activity_and_partner) {
  const auto codes = [&](const std::string& query) {
    std::vector<std::string> out;
    const HttpResult result = as("auditor").get(kBase + "/events" + query);
    requireStatus(result, 200);
    const Json body = result.json();
    for (const Json& event : body.find("events")->items()) out.push_back(text(event, "code"));
    return out;
  };
  using V = std::vector<std::string>;
  BOOST_TEST(codes("").size() == 20u);
  // Period 1 (March to August 2018): the opening, the first camp and two partners' events.
  BOOST_TEST(codes("?period=1") == (V{"E1", "E2", "E3", "E4"}), boost::test_tools::per_element());
  BOOST_TEST(codes("?partner=PP6") == (V{"E3", "E10", "E20"}), boost::test_tools::per_element());
  BOOST_TEST(codes("?activity=A3.1&period=4") == V{"E15"}, boost::test_tools::per_element());
  requireStatus(as("auditor").get(kBase + "/events?period=9"), 404);
  requireStatus(as("auditor").get(kBase + "/events?period=first"), 400);
}

BOOST_AUTO_TEST_CASE(indicators_show_what_they_achieved_period_by_period) {
  const HttpResult result = as("programme").get(kBase + "/indicators");
  requireStatus(result, 200);
  const Json body = result.json();
  const Json& reached = body.find("indicators")->items().at(0);
  BOOST_TEST(text(reached, "code") == "O1");
  std::vector<std::string> cumulative;
  for (const Json& period : reached.find("periods")->items())
    cumulative.push_back(text(period, "cumulative"));
  // The demo's events counted as data/README.md says: 180, 400, 688 and 1,046 people.
  BOOST_TEST(cumulative == (std::vector<std::string>{"180.00", "400.00", "688.00", "1046.00"}),
             boost::test_tools::per_element());
  BOOST_TEST(text(reached.find("periods")->items().at(3), "progress") == "104.6");

  // A recorded value changed by the lead shows at once.
  const HttpResult r1 = as("lead").get(kBase + "/indicators/R1");
  Json values = Json::parse(R"([{"period": 1, "value": "1"}, {"period": 2, "value": "1"},
                                 {"period": 3, "value": "3"}, {"period": 4, "value": "2"}])");
  requireStatus(
      as("lead").put(kBase + "/indicators/R1",
                     withMember(withoutMember(r1.json(), "version"), "values", values).dump(),
                     {{"If-Match", r1.header("ETag")}}),
      200);
  const Json after = as("lead").get(kBase + "/indicators").json();
  const Json& services = after.find("indicators")->items().at(1);
  BOOST_TEST(text(services.find("periods")->items().at(0), "cumulative") == "1.00");
  BOOST_TEST(text(services.find("periods")->items().at(3), "progress") == "100.0");
  // A partner does not change indicators.
  requireStatus(as("partner").put(kBase + "/indicators/R1", "{}", {{"If-Match", "\"2\""}}), 403);
}

BOOST_AUTO_TEST_CASE(the_work_plan_is_the_bundle_section) {
  const HttpResult plan = as("controller").get(kBase + "/work-plan");
  requireStatus(plan, 200);
  const Json bundle = Json::parse(crossgrant::test::readFile(crossgrant::test::demoBundleV2Path()));
  BOOST_TEST(plan.json().dump() == bundle.find("work_plan")->dump());
  const HttpResult activities = as("controller").get(kBase + "/activities");
  BOOST_TEST(activities.json().find("activities")->items().size() == 13u);
}

BOOST_AUTO_TEST_CASE(a_partner_uploads_its_events_sheet_and_downloads_it_back) {
  const std::string csv =
      "Pasākums;Aktivitāte;Veids;Nosaukums;Sākums;Partneris;Dalībnieki;Jaunieši\r\n"
      ";A4.7;Diskusija;Jauniešu forums;14.06.2019;PP6;40;35\r\n";
  const std::string target = kBase + "/sheets/events?lang=lv&file=pp6.csv";
  // Another partner's rows are refused at their row and column; nothing changes.
  const std::string before = dump();
  const HttpResult others = as("partner").send(
      "POST", target, csv + ";A2.1;Sanāksme;Valde;20.05.2018;LP;5;\r\n", "text/csv", false, {});
  requireStatus(others, 400);
  BOOST_TEST(
      errorsOf(others) == std::vector<std::string>{"/rows/3/Partneris partner_work_forbidden"},
      boost::test_tools::per_element());
  BOOST_TEST(dump() == before);
  // Nor may PP6 take over the lead's event by updating it, nor add a work package.
  const HttpResult takeover =
      as("partner").send("POST", kBase + "/sheets/events?update=true",
                         "Event,Activity,Kind,Title,Start,Partner,Participants\nE1,A2.1,opening,"
                         "Mine,2018-05-16,PP6,64\n",
                         "text/csv", false, {});
  requireStatus(takeover, 400);
  BOOST_TEST(errorsOf(takeover) == std::vector<std::string>{"/rows/2/Event partner_work_forbidden"},
             boost::test_tools::per_element());
  const HttpResult package = as("partner").send(
      "POST", kBase + "/sheets/activities",
      "Work package,Work package title,Title,Partner,Status,Planned start,Planned end\n"
      "WP9,Mine,Forum,PP6,planned,2019-01-01,2019-02-01\n",
      "text/csv", false, {});
  requireStatus(package, 400);
  BOOST_TEST(
      errorsOf(package) == std::vector<std::string>{"/rows/2/Work package no_such_work_package"},
      boost::test_tools::per_element());
  BOOST_TEST(dump() == before);
  // A JSON body is not a sheet.
  requireStatus(as("partner").send("POST", target, "{}", "application/json", false, {}), 415);

  const HttpResult imported = as("partner").send("POST", target, csv, "text/csv", false, {});
  requireStatus(imported, 200);
  BOOST_TEST(imported.json().find("created")->items().at(0).asString() == "E21");
  const HttpResult event = as("partner").get(kBase + "/events/E21");
  BOOST_TEST(text(*event.json().find("title"), "lv") == "Jauniešu forums");
  // The controller reads the sheet but does not import.
  const HttpResult sheet = as("controller").get(kBase + "/sheets/events?format=xlsx&lang=lt");
  requireStatus(sheet, 200);
  BOOST_TEST(sheet.body.substr(0, 2) == "PK");
  BOOST_TEST(sheet.header("Content-Disposition") == "attachment; filename=\"events-LLI-317.xlsx\"");
  requireStatus(as("controller").send("POST", target, csv, "text/csv", false, {}), 403);
  // The audit trail names the file and its SHA-256.
  bool audited = false;
  for (const auto& entry : auditTrail())
    if (entry.action == "import_sheet")
      audited = entry.after && entry.after->find("pp6.csv") != std::string::npos &&
                entry.after->find("E21") != std::string::npos;
  BOOST_TEST(audited);
}

BOOST_AUTO_TEST_SUITE_END()
