// The canonical description of programme rules: its exact text (money and rates as decimal
// strings, members in a fixed order), fingerprints that depend on every value but not on the
// order plugins come in, and differences named by key and field.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/RulesFingerprint.h"

namespace crossgrant::core {
namespace {

ProgrammeRules sampleRules() {
  ProgrammeRules rules;
  rules.key = "interreg-2014-2020";
  rules.title = "Interreg 2014–2020";
  rules.categories = {{"staff", "Staff costs"}, {"office_admin", "Office and administration"}};
  rules.fundRateCap = Rate::parse("0.85");
  rules.flatRates = {{"office_admin", Rate::parse("0.15"), {"staff"}}};
  rules.reportingPeriodMonths = 6;
  rules.rounding = Rounding::kHalfUp;
  rules.targetGroups = {{"youth", {{"en", "Young people"}, {"lv", "Jaunieši"}}}};
  rules.eventKinds = {{"camp", {{"en", "Camp"}}}};
  rules.indicators = {{"RCO81",
                       {{"en", "Participations"}},
                       "participations",
                       crossgrant::core::IndicatorKind::kOutput}};
  return rules;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_fingerprint)

BOOST_AUTO_TEST_CASE(the_canonical_json_is_exact_and_its_sha256_is_the_fingerprint) {
  const RulesDescription description = describeRules(sampleRules());
  BOOST_TEST(description.key == "interreg-2014-2020");
  BOOST_TEST(description.json ==
             "{\"key\":\"interreg-2014-2020\",\"title\":\"Interreg 2014–2020\",\"categories\":["
             "{\"key\":\"staff\",\"label\":\"Staff costs\"},{\"key\":\"office_admin\",\"label\":"
             "\"Office and administration\"}],\"fund_rate_cap\":\"0.85\",\"flat_rates\":[{"
             "\"category\":\"office_admin\",\"rate\":\"0.15\",\"base\":[\"staff\"]}],"
             "\"reporting_period_months\":6,\"rounding\":\"half_up\",\"target_groups\":[{"
             "\"key\":\"youth\",\"labels\":{\"en\":\"Young people\",\"lv\":\"Jaunieši\"}}],"
             "\"event_kinds\":[{\"key\":\"camp\",\"labels\":{\"en\":\"Camp\"}}],"
             "\"indicators\":[{\"code\":\"RCO81\",\"name\":{\"en\":\"Participations\"},"
             "\"unit\":\"participations\",\"kind\":\"output\"}],\"activity_tolerance_days\":0,"
             "\"indicator_tolerance\":\"0.25\"}");
  BOOST_TEST(description.fingerprint == sha256Hex(description.json));
  BOOST_TEST((describeRules(sampleRules()) == description));
}

BOOST_AUTO_TEST_CASE(every_value_changes_the_fingerprint) {
  const std::string base = describeRules(sampleRules()).fingerprint;
  std::vector<ProgrammeRules> changed(13, sampleRules());
  changed[0].title += " ";
  changed[1].categories.pop_back();
  changed[2].fundRateCap = Rate::parse("0.8");
  changed[3].flatRates.front().rate = Rate::parse("0.1");
  changed[4].flatRates.front().base.push_back("travel");
  changed[5].reportingPeriodMonths = 12;
  changed[6].rounding = Rounding::kHalfEven;
  changed[7].targetGroups.front().labels.back().second = "Jaunatne";
  changed[8].eventKinds.push_back({"training", {{"en", "Training"}}});
  changed[9].indicators.front().unit = "people";
  changed[10].indicators.front().kind = crossgrant::core::IndicatorKind::kResult;
  changed[11].activityToleranceDays = 7;
  changed[12].indicatorTolerance = Rate::parse("0.2");
  for (const ProgrammeRules& rules : changed) BOOST_TEST(describeRules(rules).fingerprint != base);
}

BOOST_AUTO_TEST_CASE(the_overall_fingerprint_is_of_the_array_in_key_order) {
  ProgrammeRules other = sampleRules();
  other.key = "eea-norway-grants";
  const RulesDescription a = describeRules(other);
  const RulesDescription b = describeRules(sampleRules());
  const std::string expected = sha256Hex("[" + a.json + "," + b.json + "]");
  BOOST_TEST(rulesFingerprint({a, b}) == expected);
  BOOST_TEST(rulesFingerprint({b, a}) == expected);
  BOOST_TEST(rulesFingerprint({}) == sha256Hex("[]"));
}

BOOST_AUTO_TEST_CASE(differences_name_keys_and_fields) {
  ProgrammeRules here = sampleRules();
  here.fundRateCap = Rate::parse("0.8");
  here.rounding = Rounding::kDown;
  ProgrammeRules added = sampleRules();
  added.key = "new-rules";
  ProgrammeRules missing = sampleRules();
  missing.key = "old-rules";
  const std::vector<RulesDescription> configured{describeRules(here), describeRules(added)};
  const std::vector<RulesDescription> recorded{describeRules(sampleRules()),
                                               describeRules(missing)};
  const RulesDifference difference = compareRules(configured, recorded);
  BOOST_TEST(difference.added == std::vector<std::string>{"new-rules"});
  BOOST_TEST(difference.missing == std::vector<std::string>{"old-rules"});
  BOOST_TEST_REQUIRE(difference.changed.size() == 1u);
  BOOST_TEST(difference.changed.front().fields.size() == 2u);
  BOOST_TEST(describe(difference) ==
             "interreg-2014-2020: fund_rate_cap is 0.8 here, 0.85 recorded, rounding is down "
             "here, half_up recorded; new-rules is configured here but not recorded; old-rules "
             "is recorded but not configured here");
  BOOST_TEST(compareRules(configured, configured).empty());
  BOOST_TEST(describe(compareRules(configured, configured)).empty());
}

BOOST_AUTO_TEST_CASE(a_recorded_description_that_does_not_parse_is_a_difference) {
  RulesDescription broken = describeRules(sampleRules());
  broken.json = "{not json";
  broken.fingerprint = sha256Hex(broken.json);
  const RulesDifference difference = compareRules({describeRules(sampleRules())}, {broken});
  BOOST_TEST_REQUIRE(difference.changed.size() == 1u);
  BOOST_TEST(difference.changed.front().fields.front().field == "json");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace crossgrant::core
