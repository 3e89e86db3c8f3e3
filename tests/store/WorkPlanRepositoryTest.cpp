// The work plan, events and indicators in the store (WorkPlanRepository.h), on the backend the
// run targets: a bundle of version 2 comes back as it went in, sections absent and empty stay
// apart, each object is written, moved and deleted on its own, its version never goes back,
// and what would not fit is refused before anything is written.
#include <boost/test/unit_test.hpp>

#include <string>

#include "StoreFixture.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/WorkPlanRepository.h"

using namespace crossgrant;
using crossgrant::store::Connection;
using crossgrant::store::PlanObject;
using crossgrant::store::Reader;
using crossgrant::test::sampleBundle;
using crossgrant::test::sampleBundleV2;
using crossgrant::test::StoreFixture;

namespace {

const std::string kProject = "LLI-317";

core::Bundle stored(store::Database& db) {
  return db.read([](Reader& c) { return store::loadBundle(c, kProject); }).value();
}

std::int64_t versionOf(store::Database& db, PlanObject kind, const std::string& code) {
  return db.read([&](Reader& c) { return store::planVersion(c, kind, kProject, code); }).value();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(work_plan_bundles)

BOOST_FIXTURE_TEST_CASE(a_bundle_of_version_2_comes_back_as_it_went_in, StoreFixture) {
  const core::Bundle bundle = sampleBundleV2();
  db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
  const core::Bundle loaded = stored(*db);
  BOOST_TEST((loaded == bundle));
  BOOST_TEST(loaded.formatVersion() == 2);
  // The 4-byte character and the order of languages as given.
  BOOST_TEST(loaded.workPlan->workPackages[0].activities[0].title[1].second ==
             "Stovyklos jaunimui 😀");
}

BOOST_FIXTURE_TEST_CASE(absent_and_empty_sections_stay_apart, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundle(), false); });
  BOOST_TEST(stored(*db).formatVersion() == 1);

  core::Bundle empty = sampleBundle();
  empty.workPlan = core::WorkPlan{};
  empty.indicators = std::vector<core::Indicator>{};
  db->write([&](Connection& c) { store::saveBundle(c, empty, true); });
  const core::Bundle loaded = stored(*db);
  BOOST_TEST((loaded == empty));
  BOOST_TEST(loaded.workPlan.has_value());
  BOOST_TEST(!loaded.events.has_value());
  BOOST_TEST(loaded.indicators.has_value());

  // A replace by a version-1 bundle takes the sections away again.
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundle(), true); });
  BOOST_TEST(stored(*db).formatVersion() == 1);
}

BOOST_FIXTURE_TEST_CASE(over_long_fields_are_refused_at_their_pointers_and_nothing_is_stored,
                        StoreFixture) {
  core::Bundle bundle = sampleBundleV2();
  (*bundle.events)[1].code = std::string(101, 'E');
  bundle.workPlan->workPackages[1].title[0].second = std::string(65'536, 'x');
  (*bundle.events)[0].participants.byTargetGroup[0].first = std::string(101, 'g');
  try {
    db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
    BOOST_FAIL("an over-long code was stored");
  } catch (const core::InvalidInput& e) {
    std::vector<std::string> pointers;
    for (const core::ValidationError& error : e.errors()) pointers.push_back(error.pointer);
    const std::vector<std::string> expected{
        "/work_plan/work_packages/1/title/lt",
        "/events/0/participants/by_target_group/" + std::string(101, 'g'), "/events/1/code"};
    BOOST_TEST(pointers == expected, boost::test_tools::per_element());
  }
  db->read([](Reader& c) { BOOST_TEST(!store::loadBundle(c, kProject).has_value()); });
}

BOOST_FIXTURE_TEST_CASE(deleting_the_project_takes_its_work_plan, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundleV2(), false); });
  db->write([&](Connection& c) { store::deleteProject(c, kProject); });
  db->read([](Reader& c) {
    for (const char* table :
         {"work_packages", "activities", "events", "event_participants", "indicators",
          "indicator_filters", "indicator_values", "object_texts"})
      BOOST_TEST(
          store::asInt(c.query(std::string("SELECT COUNT(*) FROM ") + table).at(0).at(0)) == 0,
          table);
  });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(work_plan_objects)

BOOST_FIXTURE_TEST_CASE(work_packages_and_activities_are_written_one_by_one, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundle(), false); });
  core::Bundle expected = sampleBundleV2();
  const core::WorkPackage& inclusion = expected.workPlan->workPackages[0];
  db->write([&](Connection& c) {
    core::WorkPackage bare = inclusion;
    bare.activities.clear();
    store::insertWorkPackage(c, kProject, bare);
    for (const core::Activity& a : inclusion.activities)
      store::insertActivity(c, kProject, "WP2", a);
  });
  db->read([&](Reader& c) {
    BOOST_TEST((store::findWorkPackage(c, kProject, "WP2").value() == inclusion));
    const auto placed = store::findActivity(c, kProject, "A2.2").value();
    BOOST_TEST(placed.workPackage == "WP2");
    BOOST_TEST((placed.activity == inclusion.activities[1]));
    BOOST_TEST(!store::findActivity(c, kProject, "A9").has_value());
  });
  // A project that gained a work package has the section; the others stay absent.
  const core::Bundle loaded = stored(*db);
  BOOST_TEST(loaded.workPlan.has_value());
  BOOST_TEST(!loaded.events.has_value());

  // An update moves an activity to the end of another work package, its events with it.
  db->write([&](Connection& c) {
    store::insertWorkPackage(c, kProject, {"WP3", {{"lt", "Komunikacija"}}, "LP", {}});
    core::Event event = expected.events->at(0);
    store::insertEvent(c, kProject, event);
    core::Activity moved = inclusion.activities[0];
    moved.status = core::ActivityStatus::kCancelled;
    moved.description.clear();
    store::updateActivity(c, kProject, "WP3", moved);
  });
  db->read([&](Reader& c) {
    const core::WorkPlan plan = store::loadWorkPlan(c, kProject);
    BOOST_TEST_REQUIRE(plan.workPackages.size() == 2u);
    BOOST_TEST(plan.workPackages[0].activities.size() == 1u);
    BOOST_TEST_REQUIRE(plan.workPackages[1].activities.size() == 1u);
    BOOST_TEST(plan.workPackages[1].activities[0].code == "A2.1");
    BOOST_TEST(plan.workPackages[1].activities[0].description.empty());
    BOOST_TEST(store::findEvent(c, kProject, "E1").value().activity == "A2.1");
  });
  BOOST_TEST(versionOf(*db, PlanObject::kActivity, "A2.1") == 2);
  BOOST_TEST(versionOf(*db, PlanObject::kActivity, "A2.2") == 1);
}

BOOST_FIXTURE_TEST_CASE(what_something_belongs_to_is_not_deleted_under_it, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundleV2(), false); });
  db->write([&](Connection& c) {
    BOOST_CHECK_THROW(store::deleteWorkPackage(c, kProject, "WP2"), core::Conflict);
    BOOST_CHECK_THROW(store::deleteActivity(c, kProject, "A2.2"), core::Conflict);
    BOOST_CHECK_THROW(store::deleteEvent(c, kProject, "E9"), core::NotFound);
    BOOST_CHECK_THROW(store::insertActivity(c, kProject, "WP9", {}), core::NotFound);
    BOOST_CHECK_THROW(store::deleteWorkPackage(c, "LLI-000", "WP2"), core::NotFound);
  });
  db->write([&](Connection& c) {
    core::Event orphan = sampleBundleV2().events->at(0);
    orphan.code = "E9";
    orphan.activity = "A9";
    BOOST_CHECK_THROW(store::insertEvent(c, kProject, orphan), core::NotFound);
    BOOST_CHECK_THROW(store::insertEvent(c, kProject, sampleBundleV2().events->at(0)),
                      core::Conflict);
  });
  db->write([&](Connection& c) {
    store::deleteEvent(c, kProject, "E2");
    store::deleteEvent(c, kProject, "E3");
    store::deleteActivity(c, kProject, "A2.2");
  });
  const core::Bundle loaded = stored(*db);
  BOOST_TEST(loaded.events->size() == 1u);
  BOOST_TEST(loaded.workPlan->workPackages[0].activities.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(events_are_listed_by_period_activity_and_partner, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundleV2(), false); });
  const auto codes = [&](const store::EventFilter& filter) {
    std::vector<std::string> out;
    db->read([&](Reader& c) {
      for (const core::Event& e : store::listEvents(c, kProject, filter)) out.push_back(e.code);
    });
    return out;
  };
  using V = std::vector<std::string>;
  BOOST_TEST(codes({}) == (V{"E1", "E2", "E3"}), boost::test_tools::per_element());
  // Period 2 ends on 28 February 2019: E2 starts in it, E3 in March does not.
  const core::DateRange period2{core::Date{2018, 9, 1}, core::Date{2019, 2, 28}};
  BOOST_TEST(codes({period2, "", ""}) == V{"E2"}, boost::test_tools::per_element());
  BOOST_TEST(codes({std::nullopt, "A2.2", ""}) == (V{"E2", "E3"}),
             boost::test_tools::per_element());
  BOOST_TEST(codes({std::nullopt, "A2.2", "PP6"}) == V{"E3"}, boost::test_tools::per_element());
  // The counts and titles of a filtered listing are its own events'.
  db->read([&](Reader& c) {
    const auto events = store::listEvents(c, kProject, {period2, "", ""});
    BOOST_TEST((events.at(0) == sampleBundleV2().events->at(1)));
  });
}

BOOST_FIXTURE_TEST_CASE(indicators_are_replaced_whole, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundleV2(), false); });
  core::Indicator changed = sampleBundleV2().indicators->at(0);
  changed.fromEvents.reset();
  changed.values = {{1, core::Quantity::fromMinor(1234)}};
  changed.name = {{"lt", "Pasiekti žmonės"}};
  db->write([&](Connection& c) { store::updateIndicator(c, kProject, changed); });
  db->read([&](Reader& c) {
    const auto indicators = store::listIndicators(c, kProject);
    BOOST_TEST_REQUIRE(indicators.size() == 3u);
    BOOST_TEST((indicators[0] == changed));
  });
  BOOST_TEST(versionOf(*db, PlanObject::kIndicator, "O1") == 2);
  db->write([&](Connection& c) { store::deleteIndicator(c, kProject, "O2"); });
  BOOST_TEST(stored(*db).indicators->size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(work_plan_versions)

BOOST_FIXTURE_TEST_CASE(a_stale_version_does_not_lock, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundleV2(), false); });
  db->write(
      [&](Connection& c) { store::updateEvent(c, kProject, sampleBundleV2().events->at(1)); });
  db->write([&](Connection& c) {
    BOOST_TEST(!store::lockPlanObject(c, PlanObject::kEvent, kProject, "E2", 1));
    BOOST_TEST(store::lockPlanObject(c, PlanObject::kEvent, kProject, "E2", 2));
    BOOST_TEST(!store::lockPlanObject(c, PlanObject::kEvent, "LLI-000", "E2", 2));
  });
}

BOOST_FIXTURE_TEST_CASE(versions_go_on_across_replaces_deletes_and_the_project_itself,
                        StoreFixture) {
  const core::Bundle bundle = sampleBundleV2();
  db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
  db->write([&](Connection& c) {
    store::updateWorkPackage(c, kProject, bundle.workPlan->workPackages[1]);
  });
  BOOST_TEST(versionOf(*db, PlanObject::kWorkPackage, "WP3") == 2);

  // Kept by a replace: one above; dropped by one and brought back by the next: above that.
  core::Bundle without = bundle;
  without.events->pop_back();
  db->write([&](Connection& c) { store::saveBundle(c, without, true); });
  BOOST_TEST(versionOf(*db, PlanObject::kWorkPackage, "WP3") == 3);
  BOOST_TEST(versionOf(*db, PlanObject::kEvent, "E1") == 2);
  db->write([&](Connection& c) { store::saveBundle(c, bundle, true); });
  BOOST_TEST(versionOf(*db, PlanObject::kEvent, "E3") == 2);

  // Deleted and created again.
  db->write([&](Connection& c) { store::deleteEvent(c, kProject, "E3"); });
  db->write([&](Connection& c) { store::insertEvent(c, kProject, bundle.events->at(2)); });
  BOOST_TEST(versionOf(*db, PlanObject::kEvent, "E3") == 3);

  // Gone with its project.
  db->write([&](Connection& c) { store::deleteProject(c, kProject); });
  db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
  BOOST_TEST(versionOf(*db, PlanObject::kEvent, "E3") == 4);
  BOOST_TEST(versionOf(*db, PlanObject::kIndicator, "R1") == 4);
}

BOOST_AUTO_TEST_SUITE_END()
