// Bundle version 2 (docs/bundle-v2.md): the work plan, events and indicators read with every
// error at its pointer and written canonically; indicators computed from events and records
// exactly as the spec says; the findings of version 2 judged at a given date.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "CoreTestData.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Findings.h"
#include "crossgrant/core/Indicators.h"

using crossgrant::core::Bundle;
using crossgrant::core::Date;
using crossgrant::core::Finding;
using crossgrant::core::InvalidInput;
using crossgrant::core::Json;
using crossgrant::core::ProgrammeRules;
using crossgrant::core::Quantity;

namespace {

/// node with the member or item at path (keys and indexes, from depth on) set to value; a
/// missing last member is added.
Json changedAt(const Json& node, const std::vector<std::string>& path, std::size_t depth,
               const Json& value) {
  const bool last = depth + 1 == path.size();
  if (node.isArray()) {
    Json out = Json::array();
    const std::size_t index = std::stoul(path[depth]);
    for (std::size_t i = 0; i < node.items().size(); ++i)
      out.push(i != index ? node.items()[i]
               : last     ? value
                          : changedAt(node.items()[i], path, depth + 1, value));
    return out;
  }
  Json out = Json::object();
  bool found = false;
  for (const auto& [key, member] : node.members()) {
    if (key != path[depth]) {
      out.set(key, member);
      continue;
    }
    found = true;
    out.set(key, last ? value : changedAt(member, path, depth + 1, value));
  }
  if (!found) out.set(path[depth], value);
  return out;
}

Json changed(const Json& document, const std::vector<std::string>& path, const Json& value) {
  return changedAt(document, path, 0, value);
}

ProgrammeRules rulesWithLists() {
  ProgrammeRules rules = crossgrant::test::interregRules();
  for (const char* group : {"disabilities", "children", "youth", "seniors", "families_at_risk",
                            "professionals", "general_public"})
    rules.targetGroups.push_back({group, {{"en", group}}});
  for (const char* kind : {"camp", "training", "exchange_visit", "conference",
                           "consultation_meeting", "discussion", "opening", "meeting", "other"})
    rules.eventKinds.push_back({kind, {{"en", kind}}});
  rules.indicators.push_back({"RCO81",
                              {{"en", "Participations in joint actions across borders"}},
                              "participations",
                              crossgrant::core::IndicatorKind::kOutput});
  return rules;
}

/// The demo bundle (project 2018-03-01 to 2020-02-29, four half-year periods) as version 2
/// with a small work plan, two events and two indicators.
Json demoVersion2() {
  Json document =
      changed(Json::parse(crossgrant::test::demoBundleText()), {"version"}, Json(std::int64_t{2}));
  document.set("work_plan", Json::parse(R"({"work_packages": [
    {"code": "WP2", "title": {"en": "Social inclusion measures", "lv": "Sociālās iekļaušanas pasākumi"},
     "lead": "PP4",
     "activities": [
       {"code": "A2.1", "title": {"lv": "Nometnes jauniešiem ar funkcionāliem traucējumiem"},
        "partner": "PP4", "status": "done",
        "planned": {"start": "2018-06-01", "end": "2019-08-31"},
        "actual": {"start": "2018-07-02", "end": "2019-08-16"},
        "location": "Viesīte", "description": {"lv": "Vasaras nometnes"}},
       {"code": "A3.2", "title": {"en": "Final conference"}, "partner": "LP", "status": "planned",
        "planned": {"start": "2019-12-01", "end": "2020-02-29"}}
     ]}]})"));
  document.set("events", Json::parse(R"([
    {"code": "E12", "activity": "A3.2", "kind": "conference",
     "title": {"lv": "Projekta noslēguma konference"},
     "start": "2020-01-15", "end": "2020-01-15", "time": "10:00",
     "place": "Cerauksts pagasts", "online": false, "partner": "LP",
     "participants": {"total": 77, "unique": 77,
                      "by_target_group": {"professionals": 52, "disabilities": 9, "seniors": 16}}},
    {"code": "E3", "activity": "A2.1", "kind": "camp", "title": {"lv": "Vasaras nometne"},
     "start": "2018-07-02", "end": "2018-07-06", "online": false, "partner": "PP4",
     "participants": {"total": 40, "by_target_group": {"youth": 30, "disabilities": 18}}}
  ])"));
  document.set("indicators", Json::parse(R"([
    {"code": "O2", "programme_indicator": "RCO81",
     "name": {"en": "Participations in joint actions across borders"}, "unit": "participations",
     "kind": "output", "baseline": "0", "target": "1000",
     "source": {"events": {"measure": "unique",
                           "target_groups": ["disabilities", "children", "youth", "seniors"]}}},
    {"code": "R1", "kind": "result", "name": {"lv": "Jauni sociālie pakalpojumi"},
     "unit": "services", "baseline": "0", "target": "3",
     "source": "recorded", "values": [{"period": 3, "value": "1"}, {"period": 4, "value": "2"}]}
  ])"));
  return document;
}

struct WorkPlanFixture {
  ProgrammeRules rules = rulesWithLists();
  crossgrant::core::RulesLookup lookup = crossgrant::test::lookupOf(rules);

  Bundle read(const Json& document) const { return crossgrant::core::readBundle(document, lookup); }

  /// "pointer code" of every error reading document gives, in order.
  std::vector<std::string> errorsOf(const Json& document) const {
    try {
      read(document);
    } catch (const InvalidInput& e) {
      std::vector<std::string> errors;
      for (const auto& error : e.errors()) errors.push_back(error.pointer + " " + error.code);
      return errors;
    }
    return {};
  }
};

Quantity q(const char* text) { return Quantity::parse(text); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(work_plan, WorkPlanFixture)

BOOST_AUTO_TEST_CASE(a_version_2_bundle_round_trips_byte_for_byte) {
  const Bundle bundle = read(demoVersion2());
  BOOST_TEST(bundle.formatVersion() == 2);
  BOOST_REQUIRE(bundle.workPlan.has_value());
  BOOST_TEST(bundle.workPlan->workPackages.at(0).activities.size() == 2u);
  BOOST_TEST(bundle.events->at(0).participants.byTargetGroup.size() == 3u);
  const std::string written = crossgrant::core::writeBundle(bundle);
  BOOST_TEST(written.find("\"version\": 2") != std::string::npos);
  BOOST_TEST(written.find("Cerauksts pagasts") != std::string::npos);
  const Bundle again = crossgrant::core::readBundle(written, lookup);
  BOOST_TEST((again == bundle));
  BOOST_TEST(crossgrant::core::writeBundle(again) == written);
  // A version-1 project is written as version 1, as before.
  const Bundle v1 = crossgrant::core::readBundle(crossgrant::test::demoBundleText(), lookup);
  BOOST_TEST(v1.formatVersion() == 1);
  const std::string v1Text = crossgrant::core::writeBundle(v1);
  BOOST_TEST(v1Text.find("\"version\": 1") != std::string::npos);
  BOOST_TEST(v1Text.find("work_plan") == std::string::npos);
  BOOST_TEST(crossgrant::core::writeBundle(crossgrant::core::readBundle(v1Text, lookup)) == v1Text);
}

BOOST_AUTO_TEST_CASE(a_version_1_bundle_with_a_work_plan_is_refused_at_the_section) {
  Json document = demoVersion2();
  document = changed(document, {"version"}, Json(std::int64_t{1}));
  const std::vector<std::string> errors = errorsOf(document);
  BOOST_TEST(errors == (std::vector<std::string>{"/work_plan ", "/events ", "/indicators "}),
             boost::test_tools::per_element());
  document = changed(document, {"version"}, Json(std::int64_t{3}));
  BOOST_TEST(errorsOf(document).at(0) == "/version ");
}

BOOST_AUTO_TEST_CASE(every_error_of_the_sections_is_reported_at_its_pointer) {
  Json document = demoVersion2();
  const std::string a21 = "/work_plan/work_packages/0/activities/0";
  document = changed(document, {"work_plan", "work_packages", "0", "lead"}, Json("PP9"));
  document = changed(document, {"work_plan", "work_packages", "0", "activities", "0", "status"},
                     Json("finished"));
  document =
      changed(document, {"work_plan", "work_packages", "0", "activities", "1", "planned", "end"},
              Json("2019-11-30"));
  document = changed(document, {"work_plan", "work_packages", "0", "activities", "1", "status"},
                     Json("done"));
  document = changed(document, {"events", "0", "participants", "unique"}, Json(std::int64_t{78}));
  document = changed(document, {"events", "0", "time"}, Json("25:00"));
  document = changed(document, {"events", "1", "activity"}, Json("A9.9"));
  document = changed(document, {"events", "1", "kind"}, Json("party"));
  document = changed(document, {"events", "1", "participants", "by_target_group", "pets"},
                     Json(std::int64_t{2}));
  document = changed(document, {"indicators", "1", "values", "1", "period"}, Json(std::int64_t{3}));
  const std::vector<std::string> expected = {
      "/work_plan/work_packages/0/lead no_such_partner",
      a21 + "/status choice",
      "/work_plan/work_packages/0/activities/1/planned/end end_before_start",
      "/work_plan/work_packages/0/activities/1/actual/start actual_start_missing",
      "/work_plan/work_packages/0/activities/1/actual/end actual_end_missing",
      "/events/0/time time",
      "/events/0/participants/unique count_above_total",
      "/events/1/activity no_such_activity",
      "/events/1/kind unknown_key",
      "/events/1/participants/by_target_group/pets unknown_key",
      "/indicators/1/values/1/period duplicate_period",
  };
  BOOST_TEST(errorsOf(document) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(codes_are_unique_and_counts_whole_and_within_the_total) {
  Json document = demoVersion2();
  document = changed(document, {"events", "1", "code"}, Json("E12"));
  document = changed(document, {"events", "1", "participants", "total"}, Json("40"));
  document = changed(document, {"events", "0", "participants", "by_target_group", "seniors"},
                     Json(std::int64_t{78}));
  document = changed(document, {"indicators", "0", "values"}, Json::array());
  document = changed(document, {"indicators", "1", "values", "0", "period"}, Json(std::int64_t{5}));
  const std::vector<std::string> expected = {
      "/events/0/participants/by_target_group/seniors count_above_total",
      "/events/1/participants/total ",
      "/events/1/code duplicate_code",
      "/indicators/0/values values_with_events",
      "/indicators/1/values/0/period no_such_period",
  };
  BOOST_TEST(errorsOf(document) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_event_counts_its_measure_within_the_named_target_groups) {
  const Bundle bundle = read(demoVersion2());
  const auto& o2 = bundle.indicators->at(0);
  // The spec's worked example: min(77, 9 + 16) = 25.
  BOOST_TEST(crossgrant::core::eventContribution(*o2.fromEvents, bundle.events->at(0)) == 25);
  // The camp counted no unique people: its total counts, limited to youth + disabilities.
  BOOST_TEST(crossgrant::core::eventContribution(*o2.fromEvents, bundle.events->at(1)) == 40);
  crossgrant::core::EventSource onlyCamps = *o2.fromEvents;
  onlyCamps.hasKinds = true;
  onlyCamps.kinds = {"camp"};
  BOOST_TEST(crossgrant::core::eventContribution(onlyCamps, bundle.events->at(0)) == 0);
  crossgrant::core::Event noGroups = bundle.events->at(0);
  noGroups.participants.byTargetGroup.clear();
  noGroups.participants.hasTargetGroups = false;
  BOOST_TEST(crossgrant::core::eventContribution(*o2.fromEvents, noGroups) == 0);
  crossgrant::core::EventSource everyone;
  BOOST_TEST(crossgrant::core::eventContribution(everyone, noGroups) == 77);

  // Period by period: the camp in period 1, the conference in period 4; cumulative; progress.
  const auto periods = crossgrant::core::indicatorPeriods(o2, bundle.project, *bundle.events);
  BOOST_REQUIRE(periods.size() == 4u);
  BOOST_TEST(periods[0].achieved.toString() == "40.00");
  BOOST_TEST(periods[1].achieved.toString() == "0.00");
  BOOST_TEST(periods[3].achieved.toString() == "25.00");
  BOOST_TEST(periods[3].cumulative.toString() == "65.00");
  BOOST_TEST(*periods[3].progress == "6.5");
  const auto recorded =
      crossgrant::core::indicatorPeriods(bundle.indicators->at(1), bundle.project, *bundle.events);
  BOOST_TEST(recorded[2].achieved.toString() == "1.00");
  BOOST_TEST(recorded[3].cumulative.toString() == "3.00");
  BOOST_TEST(*recorded[1].progress == "0.0");
  BOOST_TEST(*recorded[2].progress == "33.3");
  BOOST_TEST(*recorded[3].progress == "100.0");
}

BOOST_AUTO_TEST_CASE(every_indicator_at_once_counts_as_each_one_alone) {
  const Bundle bundle = read(demoVersion2());
  // Two that count alike (they share one pass), one counting only camps, one everyone, and
  // the recorded one.
  std::vector<crossgrant::core::Indicator> indicators = *bundle.indicators;
  crossgrant::core::Indicator camps = indicators.at(0);
  camps.code = "O7";
  camps.fromEvents->hasKinds = true;
  camps.fromEvents->kinds = {"camp"};
  crossgrant::core::Indicator everyone = indicators.at(0);
  everyone.code = "O8";
  everyone.fromEvents = crossgrant::core::EventSource{};
  crossgrant::core::Indicator alike = indicators.at(0);
  alike.code = "O9";
  alike.target = q("50");
  indicators.insert(indicators.end(), {camps, everyone, alike});
  const auto all =
      crossgrant::core::allIndicatorPeriods(indicators, bundle.project, *bundle.events);
  BOOST_TEST_REQUIRE(all.size() == indicators.size());
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const auto alone =
        crossgrant::core::indicatorPeriods(indicators[i], bundle.project, *bundle.events);
    BOOST_TEST_REQUIRE(all[i].size() == alone.size());
    for (std::size_t p = 0; p < alone.size(); ++p) {
      BOOST_TEST_CONTEXT(indicators[i].code << " period " << alone[p].period) {
        BOOST_TEST(all[i][p].period == alone[p].period);
        BOOST_TEST(all[i][p].achieved.toString() == alone[p].achieved.toString());
        BOOST_TEST(all[i][p].cumulative.toString() == alone[p].cumulative.toString());
        BOOST_TEST((all[i][p].progress == alone[p].progress));
      }
    }
  }
  const std::size_t added = bundle.indicators->size();  // camps, everyone, alike follow
  BOOST_TEST(all[added + 2].back().cumulative.toString() == "65.00");  // alike, its own target
  BOOST_TEST(*all[added + 2].back().progress == "130.0");
  BOOST_TEST(all[added].front().achieved.toString() == "40.00");  // the camp of period 1
  BOOST_TEST(all[added].back().achieved.toString() == "0.00");    // the conference is no camp
}

BOOST_AUTO_TEST_CASE(progress_rounds_half_up_to_one_decimal_and_a_zero_target_has_none) {
  BOOST_TEST(*crossgrant::core::percentOf(q("2"), q("3")) == "66.7");
  BOOST_TEST(*crossgrant::core::percentOf(q("1"), q("16")) == "6.3");  // 6.25
  BOOST_TEST(*crossgrant::core::percentOf(q("1"), q("8")) == "12.5");
  BOOST_TEST(*crossgrant::core::percentOf(q("1.5"), q("1")) == "150.0");
  BOOST_TEST(*crossgrant::core::percentOf(q("0.01"), q("3000")) == "0.0");
  BOOST_TEST(!crossgrant::core::percentOf(q("5"), q("0")).has_value());
}

BOOST_AUTO_TEST_CASE(version_2_findings_are_judged_exactly_at_the_date_given) {
  Json document = demoVersion2();
  // A2.1 started a month before its plan; the conference falls after its activity's end.
  document =
      changed(document, {"work_plan", "work_packages", "0", "activities", "0", "actual", "start"},
              Json("2018-05-01"));
  document =
      changed(document, {"work_plan", "work_packages", "0", "activities", "1", "planned", "end"},
              Json("2020-01-10"));
  const Bundle bundle = read(document);
  const auto ofVersion2 = [&](const Date& asOf, const ProgrammeRules& rules) {
    std::vector<std::string> found;
    for (const Finding& f : crossgrant::core::computeFindings(bundle, rules, asOf))
      if (!f.aboutAmounts())
        found.push_back(f.code + " " + f.object + " " + f.key + " " + f.expectedText + " " +
                        f.actualText);
    return found;
  };
  const Date afterPeriod2 = *Date::parse("2019-03-15");
  // After period 2 (ending 2019-02-28): 365 of the project's 731 days; O2 at 40 is behind
  // 1000 × 365 ÷ 731 − 250 = 249.316...; R1 (target 3) at 0 is behind 1.497... − 0.75.
  BOOST_TEST(
      ofVersion2(afterPeriod2, rules) ==
          (std::vector<std::string>{
              "activity_outside_plan activity A2.1 2018-06-01/2019-08-31 2018-05-01/2019-08-16",
              "event_outside_activity event E12 2019-12-01/2020-01-10 2020-01-15",
              "indicator_behind indicator O2 499.32 40.00",
              "indicator_behind indicator R1 1.50 0.00"}),
      boost::test_tools::per_element());
  // A tolerance of 31 days forgives the early start; one of 0.99 of the target, the indicators.
  ProgrammeRules lenient = rules;
  lenient.activityToleranceDays = 31;
  lenient.indicatorTolerance = crossgrant::core::Rate::parse("0.99");
  BOOST_TEST(ofVersion2(afterPeriod2, lenient) ==
                 (std::vector<std::string>{
                     "event_outside_activity event E12 2019-12-01/2020-01-10 2020-01-15"}),
             boost::test_tools::per_element());
  // Before any period has ended, no indicator is judged.
  BOOST_TEST(ofVersion2(*Date::parse("2018-08-30"), lenient).size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_indicator_exactly_at_the_line_is_not_behind) {
  Json document = demoVersion2();
  // Target 731 over the 731 days: after period 2 the line is 365 − 0.25 × 731 = 182.25.
  document = changed(document, {"indicators", "1", "target"}, Json("731"));
  const auto behind = [&](const char* value) {
    Json withValue =
        changed(document, {"indicators", "1", "values"},
                Json::parse(std::string(R"([{"period": 2, "value": ")") + value + "\"}]"));
    const Bundle bundle = read(withValue);
    for (const Finding& f :
         crossgrant::core::computeFindings(bundle, rules, *Date::parse("2019-03-01")))
      if (f.code == "indicator_behind" && f.key == "R1") return true;
    return false;
  };
  BOOST_TEST(behind("182.24"));
  BOOST_TEST(!behind("182.25"));
}

BOOST_AUTO_TEST_CASE(days_count_across_leap_years) {
  BOOST_TEST(Date::parse("1970-01-01")->dayNumber() == 0);
  BOOST_TEST(Date::parse("2020-02-29")->dayNumber() - Date::parse("2018-03-01")->dayNumber() ==
             730);
  BOOST_TEST(Date::parse("2000-03-01")->dayNumber() - Date::parse("2000-02-28")->dayNumber() == 2);
  BOOST_TEST(Date::parse("1969-12-31")->dayNumber() == -1);
}

BOOST_AUTO_TEST_SUITE_END()
