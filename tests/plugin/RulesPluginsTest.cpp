// The three shipped programme-rules plugins, loaded from build/plugins with the shipped
// configuration: their rules, overrides, and refusal of bad configuration.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <Poco/Util/MapConfiguration.h>

#include "PluginTestSupport.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Findings.h"

namespace crossgrant::plugin::test {
namespace {

using core::ProgrammeRules;
using core::Rate;

/// "office_admin 0.15 of staff; travel 0.15 of staff", in the rules' order.
std::string flatRates(const ProgrammeRules& rules) {
  std::string out;
  for (const core::FlatRate& flat : rules.flatRates) {
    if (!out.empty()) out += "; ";
    out += flat.category + " " + flat.rate.toString() + " of ";
    for (std::size_t i = 0; i < flat.base.size(); ++i) out += (i ? "," : "") + flat.base[i];
  }
  return out;
}

std::vector<std::string> categoryKeys(const ProgrammeRules& rules) {
  std::vector<std::string> keys;
  for (const core::CostCategory& category : rules.categories) keys.push_back(category.key);
  return keys;
}

const std::vector<std::string> kCommonKeys = {"staff",    "office_admin", "travel",
                                              "external", "equipment",    "infrastructure"};

const ProgrammeRules& rulesOf(const PluginRegistry& registry, const std::string& key) {
  const ProgrammeRules* rules = registry.rules(key);
  BOOST_TEST_REQUIRE(rules != nullptr, "no plugin provides " << key);
  return *rules;
}

/// The load error of the shipped plugins with one key of the shipped configuration changed.
std::string errorWith(const std::string& key, const std::string& value) {
  auto config = shippedConfig();
  config->setString(key, value);
  return loadError([&] { PluginRegistry registry(pluginDirectory(), *config); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shipped_rules)

BOOST_AUTO_TEST_CASE(the_three_keys_are_loaded_and_looked_up) {
  PluginRegistry registry(pluginDirectory(), *shippedConfig());
  const std::vector<std::string> expected = {"eea-norway-grants", "interreg-2014-2020",
                                             "interreg-2021-2027"};
  BOOST_TEST(registry.keys() == expected, boost::test_tools::per_element());
  BOOST_TEST(registry.rules("interreg-2000-2006") == nullptr);
  const core::RulesLookup lookup = registry.lookup();
  BOOST_TEST(lookup("interreg-2021-2027") == registry.rules("interreg-2021-2027"));
  BOOST_TEST(lookup("nope") == nullptr);
}

BOOST_AUTO_TEST_CASE(interreg_2014_2020) {
  PluginRegistry registry(pluginDirectory(), *shippedConfig());
  const ProgrammeRules& rules = rulesOf(registry, "interreg-2014-2020");
  BOOST_TEST(rules.key == "interreg-2014-2020");
  BOOST_TEST(rules.fundRateCap.toString() == "0.85");
  BOOST_TEST(flatRates(rules) == "office_admin 0.15 of staff");
  BOOST_TEST(rules.reportingPeriodMonths == 6);
  BOOST_TEST(toString(rules.rounding) == "half_up");
  BOOST_TEST(categoryKeys(rules) == kCommonKeys, boost::test_tools::per_element());
  const std::vector<std::string> labels = {"Staff costs",
                                           "Office and administration",
                                           "Travel and accommodation",
                                           "External expertise and services",
                                           "Equipment",
                                           "Infrastructure and works"};
  for (std::size_t i = 0; i < labels.size(); ++i)
    BOOST_TEST(rules.categories[i].label == labels[i]);
}

BOOST_AUTO_TEST_CASE(interreg_2021_2027) {
  PluginRegistry registry(pluginDirectory(), *shippedConfig());
  const ProgrammeRules& rules = rulesOf(registry, "interreg-2021-2027");
  BOOST_TEST(rules.fundRateCap.toString() == "0.8");
  BOOST_TEST(flatRates(rules) == "office_admin 0.15 of staff");
  BOOST_TEST(rules.reportingPeriodMonths == 6);
  BOOST_TEST(toString(rules.rounding) == "half_up");
  BOOST_TEST(categoryKeys(rules) == kCommonKeys, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(eea_norway_grants) {
  PluginRegistry registry(pluginDirectory(), *shippedConfig());
  const ProgrammeRules& rules = rulesOf(registry, "eea-norway-grants");
  BOOST_TEST(rules.fundRateCap.toString() == "0.85");
  BOOST_TEST(rules.flatRates.empty());
  BOOST_TEST(rules.reportingPeriodMonths == 6);
  BOOST_TEST(toString(rules.rounding) == "half_up");
  BOOST_TEST(categoryKeys(rules) == kCommonKeys, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(without_configuration_2021_2027_has_no_flat_rate) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> empty = new Poco::Util::MapConfiguration;
  PluginRegistry registry(pluginDirectory(), *empty);
  BOOST_TEST(flatRates(rulesOf(registry, "interreg-2021-2027")) == "");
  BOOST_TEST(flatRates(rulesOf(registry, "interreg-2014-2020")) == "office_admin 0.15 of staff");
  BOOST_TEST(rulesOf(registry, "interreg-2021-2027").fundRateCap.toString() == "0.8");
}

BOOST_AUTO_TEST_CASE(demo_bundle_gives_exactly_its_two_findings) {
  PluginRegistry registry(pluginDirectory(), *shippedConfig());
  const core::Bundle bundle = core::readBundle(
      crossgrant::test::readFile(crossgrant::test::demoBundlePath()), registry.lookup());
  const auto findings = core::computeFindings(bundle, rulesOf(registry, bundle.programme.rules));
  BOOST_TEST_REQUIRE(findings.size() == 2u);
  BOOST_TEST(findings[0].code == "contributions_mismatch");
  BOOST_TEST(findings[0].partner.value_or("") == "PP6");
  BOOST_TEST(findings[1].code == "project_fund_mismatch");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(configuration)

BOOST_AUTO_TEST_CASE(overrides_take_effect) {
  auto config = shippedConfig();
  config->setString("plugins.eea-norway-grants.fund_rate_cap", "0.9");
  config->setString("plugins.eea-norway-grants.reporting_period_months", "12");
  config->setString("plugins.interreg-2014-2020.rounding", "half_even");
  config->setString("plugins.interreg-2014-2020.flat_rate.office_admin.rate", "");
  config->setString("plugins.interreg-2021-2027.flat_rate.travel.rate", "0.15");
  config->setString("plugins.interreg-2021-2027.flat_rate.staff.rate", "0.2");
  config->setString("plugins.interreg-2021-2027.flat_rate.office_admin.rate", "0.07");
  PluginRegistry registry(pluginDirectory(), *config);

  const ProgrammeRules& eea = rulesOf(registry, "eea-norway-grants");
  BOOST_TEST(eea.fundRateCap.toString() == "0.9");
  BOOST_TEST(eea.reportingPeriodMonths == 12);
  const ProgrammeRules& old = rulesOf(registry, "interreg-2014-2020");
  BOOST_TEST(toString(old.rounding) == "half_even");
  BOOST_TEST(old.flatRates.empty());
  BOOST_TEST(flatRates(rulesOf(registry, "interreg-2021-2027")) ==
             "staff 0.2 of travel,external,equipment,infrastructure; office_admin 0.07 of staff; "
             "travel 0.15 of staff");
}

BOOST_AUTO_TEST_CASE(remaining_costs_option_adds_its_category) {
  auto config = shippedConfig();
  config->setString("plugins.interreg-2021-2027.flat_rate.office_admin.rate", "");
  config->setString("plugins.interreg-2021-2027.flat_rate.remaining_costs.rate", "0.4");
  PluginRegistry registry(pluginDirectory(), *config);
  const ProgrammeRules& rules = rulesOf(registry, "interreg-2021-2027");
  BOOST_TEST(flatRates(rules) == "remaining_costs 0.4 of staff");
  BOOST_TEST(rules.knowsCategory("remaining_costs"));
  BOOST_TEST(!rulesOf(registry, "interreg-2014-2020").knowsCategory("remaining_costs"));
}

BOOST_AUTO_TEST_CASE(extra_categories_and_free_flat_rates) {
  auto config = shippedConfig();
  config->setString("plugins.eea-norway-grants.categories.extra",
                    "training:Training costs, publicity:Publicity and visibility");
  config->setString("plugins.eea-norway-grants.flat_rate.training.rate", "0.1");
  config->setString("plugins.eea-norway-grants.flat_rate.training.base", "staff, travel");
  PluginRegistry registry(pluginDirectory(), *config);
  const ProgrammeRules& rules = rulesOf(registry, "eea-norway-grants");
  BOOST_TEST_REQUIRE(rules.categories.size() == 8u);
  BOOST_TEST(rules.categories[6].key == "training");
  BOOST_TEST(rules.categories[6].label == "Training costs");
  BOOST_TEST(rules.categories[7].label == "Publicity and visibility");
  BOOST_TEST(flatRates(rules) == "training 0.1 of staff,travel");
  BOOST_TEST(!rulesOf(registry, "interreg-2014-2020").knowsCategory("training"));
}

BOOST_AUTO_TEST_CASE(an_unknown_key_is_refused_with_its_name_and_file) {
  const std::string message = errorWith("plugins.interreg-2014-2020.fund_cap", "0.8");
  BOOST_TEST(contains(message, "plugins.interreg-2014-2020.fund_cap: unknown key"), message);
  BOOST_TEST(contains(message, pluginDirectory() + "/interreg-2014-2020.so"), message);
  BOOST_TEST(contains(message, "fund_rate_cap"), message);
}

BOOST_AUTO_TEST_CASE(rates_above_the_regulation_ceiling_are_refused) {
  std::string message = errorWith("plugins.interreg-2021-2027.flat_rate.travel.rate", "0.16");
  BOOST_TEST(contains(message,
                      "plugins.interreg-2021-2027.flat_rate.travel.rate: 0.16 is above "
                      "the ceiling of 0.15 (15 %) set by Art. 41"),
             message);
  message = errorWith("plugins.interreg-2021-2027.flat_rate.remaining_costs.rate", "0.41");
  BOOST_TEST(contains(message, "remaining_costs.rate: 0.41 is above the ceiling of 0.4"), message);
  message = errorWith("plugins.interreg-2021-2027.flat_rate.staff.rate", "0.200001");
  BOOST_TEST(contains(message, "staff.rate: 0.200001 is above the ceiling of 0.2"), message);
  message = errorWith("plugins.interreg-2014-2020.flat_rate.office_admin.rate", "0.25");
  BOOST_TEST(contains(message, "plugins.interreg-2014-2020.flat_rate.office_admin.rate"), message);
  message = errorWith("plugins.eea-norway-grants.fund_rate_cap", "1.5");
  BOOST_TEST(contains(message, "plugins.eea-norway-grants.fund_rate_cap: "), message);
}

BOOST_AUTO_TEST_CASE(ceilings_themselves_are_accepted) {
  auto config = shippedConfig();
  config->setString("plugins.interreg-2021-2027.flat_rate.travel.rate", "0.15");
  config->setString("plugins.interreg-2021-2027.flat_rate.remaining_costs.rate", "0.40");
  config->setString("plugins.eea-norway-grants.fund_rate_cap", "1");
  BOOST_CHECK_NO_THROW(PluginRegistry(pluginDirectory(), *config));
}

BOOST_AUTO_TEST_CASE(bad_values_are_refused_with_the_key_named) {
  struct Case {
    std::string key;
    std::string value;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"plugins.interreg-2014-2020.rounding", "nearest", "expected half_up, half_even or down"},
      {"plugins.interreg-2014-2020.reporting_period_months", "0", "from 1 to 36"},
      {"plugins.interreg-2014-2020.reporting_period_months", "six", "from 1 to 36"},
      {"plugins.interreg-2014-2020.reporting_period_months", "37", "from 1 to 36"},
      {"plugins.interreg-2014-2020.fund_rate_cap", "85%", "not a plain decimal"},
      {"plugins.interreg-2014-2020.fund_rate_cap", "0", "above 0 and at most 1"},
      {"plugins.interreg-2021-2027.flat_rate.travel.rate", "0", "leave the value empty"},
      {"plugins.interreg-2021-2027.flat_rate.office_admin.base", "staff,travel",
       "fixed by Art. 40"},
      {"plugins.interreg-2021-2027.flat_rate.equipment.rate", "0.1",
       "flat rates only for staff, office_admin, travel, remaining_costs"},
      {"plugins.interreg-2021-2027.flat_rate.office_admin.amount", "1", "unknown key"},
      {"plugins.eea-norway-grants.flat_rate.mystery.rate", "0.15", "unknown cost category"},
      {"plugins.eea-norway-grants.flat_rate.office_admin.base", "staff", "is not set"},
      {"plugins.eea-norway-grants.categories.extra", "staff:Staff", "already defined"},
      {"plugins.eea-norway-grants.categories.extra", "Training", "expected key:Label"},
      {"plugins.eea-norway-grants.categories.extra", "a:A,,b:B", "empty item"},
  };
  for (const Case& c : cases) {
    const std::string message = errorWith(c.key, c.value);
    BOOST_TEST(contains(message, c.key + ": "), c.key << " = " << c.value << ": " << message);
    BOOST_TEST(contains(message, c.expected), c.key << " = " << c.value << ": " << message);
  }
}

BOOST_AUTO_TEST_CASE(a_free_flat_rate_base_must_name_known_other_categories) {
  auto config = shippedConfig();
  config->setString("plugins.eea-norway-grants.flat_rate.office_admin.rate", "0.15");
  std::string message = loadError([&] { PluginRegistry registry(pluginDirectory(), *config); });
  BOOST_TEST(contains(message,
                      "plugins.eea-norway-grants.flat_rate.office_admin.base: required "
                      "with flat_rate.office_admin.rate"),
             message);
  config->setString("plugins.eea-norway-grants.flat_rate.office_admin.base", "staff,catering");
  message = loadError([&] { PluginRegistry registry(pluginDirectory(), *config); });
  BOOST_TEST(contains(message, "flat_rate.office_admin.base: unknown cost category 'catering'"),
             message);
  config->setString("plugins.eea-norway-grants.flat_rate.office_admin.base", "staff,office_admin");
  message = loadError([&] { PluginRegistry registry(pluginDirectory(), *config); });
  BOOST_TEST(contains(message, "cannot apply to its own category"), message);
}

BOOST_AUTO_TEST_CASE(every_plugin_lists_the_target_groups_and_event_kinds_in_three_languages) {
  PluginRegistry registry(pluginDirectory(), *shippedConfig());
  for (const std::string& key : registry.keys()) {
    const ProgrammeRules& rules = rulesOf(registry, key);
    BOOST_TEST_CONTEXT(key) {
      BOOST_TEST(rules.targetGroups.size() == 7u);
      BOOST_TEST(rules.eventKinds.size() == 9u);
      for (const auto* list : {&rules.targetGroups, &rules.eventKinds})
        for (const core::Labelled& item : *list) {
          BOOST_TEST(item.labels.size() == 3u, item.key);
          BOOST_TEST(item.label("lv") != item.label("en"), item.key);
        }
      BOOST_TEST(rules.knowsTargetGroup("families_at_risk"));
      BOOST_TEST(rules.knowsEventKind("consultation_meeting"));
      BOOST_TEST(rules.activityToleranceDays == 0);
      BOOST_TEST(rules.indicatorTolerance.toString() == "0.25");
    }
  }
  const ProgrammeRules& rules = rulesOf(registry, "interreg-2014-2020");
  BOOST_TEST(rules.targetGroups[0].label("lt") == "Žmonės su negalia");
  BOOST_TEST(rules.eventKinds[2].label("lv") == "Pieredzes apmaiņa");
  BOOST_TEST(rules.eventKinds[2].label("de") == "Experience exchange");
}

BOOST_AUTO_TEST_CASE(a_programme_adds_and_relabels_target_groups_and_event_kinds) {
  auto config = shippedConfig();
  const std::string at = "plugins.eea-norway-grants.";
  config->setString(at + "target_groups.extra", "roma, migrants");
  config->setString(at + "target_group.roma.en", "Roma");
  config->setString(at + "target_group.roma.lt", "Romai");
  config->setString(at + "target_group.migrants.en", "Migrants");
  config->setString(at + "target_group.seniors.en", "Older people");
  config->setString(at + "event_kinds.extra", "study_visit");
  config->setString(at + "event_kind.study_visit.en", "Study visit");
  config->setString(at + "activity_tolerance_days", "14");
  config->setString(at + "indicator_tolerance", "0.1");
  PluginRegistry registry(pluginDirectory(), *config);
  const ProgrammeRules& rules = rulesOf(registry, "eea-norway-grants");
  BOOST_TEST_REQUIRE(rules.targetGroups.size() == 9u);
  BOOST_TEST(rules.targetGroups[7].key == "roma");
  BOOST_TEST(rules.targetGroups[7].label("lt") == "Romai");
  BOOST_TEST(rules.targetGroups[7].label("lv") == "Roma");  // English where none is given
  BOOST_TEST(rules.targetGroups[8].label() == "Migrants");
  BOOST_TEST(rules.targetGroups[3].label() == "Older people");
  BOOST_TEST(rules.targetGroups[3].label("lv") == "Seniori");
  BOOST_TEST(rules.knowsEventKind("study_visit"));
  BOOST_TEST(rules.activityToleranceDays == 14);
  BOOST_TEST(rules.indicatorTolerance.toString() == "0.1");
  BOOST_TEST(!rulesOf(registry, "interreg-2014-2020").knowsTargetGroup("roma"));
}

BOOST_AUTO_TEST_CASE(the_shipped_programme_indicators) {
  PluginRegistry registry(pluginDirectory(), *shippedConfig());
  const ProgrammeRules& interreg = rulesOf(registry, "interreg-2021-2027");
  std::vector<std::string> codes;
  for (const core::ProgrammeIndicator& indicator : interreg.indicators)
    codes.push_back(indicator.code);
  const std::vector<std::string> expected = {"RCO81", "RCO82",  "RCO83",  "RCO84", "RCO85",
                                             "RCO87", "RCO115", "RCO116", "RCR79", "RCR81",
                                             "RCR84", "RCR85",  "RCR104"};
  BOOST_TEST(codes == expected, boost::test_tools::per_element());
  BOOST_TEST(core::textIn(interreg.indicator("RCO81")->name, "en") ==
             "Participations in joint actions across borders");
  BOOST_TEST(interreg.indicator("RCO81")->unit == "participations");
  BOOST_TEST((interreg.indicator("RCR104")->kind == core::IndicatorKind::kResult));
  BOOST_TEST((interreg.indicator("RCO116")->kind == core::IndicatorKind::kOutput));
  // The LV-LT programme's, from the shipped configuration; the EEA and Norway Grants' none.
  const ProgrammeRules& lvlt = rulesOf(registry, "interreg-2014-2020");
  BOOST_TEST_REQUIRE(lvlt.indicators.size() == 3u);
  BOOST_TEST(lvlt.indicator("SO3.1-R1")->unit == "persons");
  BOOST_TEST((lvlt.indicator("SO3.1-R1")->kind == core::IndicatorKind::kResult));
  BOOST_TEST(rulesOf(registry, "eea-norway-grants").indicators.empty());
}

BOOST_AUTO_TEST_CASE(programme_indicators_are_configuration) {
  auto config = shippedConfig();
  const std::string at = "plugins.eea-norway-grants.";
  config->setString(at + "indicators", "P1, P2");
  config->setString(at + "indicator.P1.name.en", "People reached");
  config->setString(at + "indicator.P1.name.lv", "Sasniegtie cilvēki");
  config->setString(at + "indicator.P1.unit", "persons");
  config->setString(at + "indicator.P1.kind", "output");
  config->setString(at + "indicator.P2.name.en", "Services improved");
  config->setString(at + "indicator.P2.unit", "services");
  config->setString(at + "indicator.P2.kind", "result");
  config->setString("plugins.interreg-2021-2027.indicators", "RCO81, RCR104");
  config->setString("plugins.interreg-2021-2027.indicator.RCO81.name.lv",
                    "Dalība kopīgās darbībās");
  PluginRegistry registry(pluginDirectory(), *config);
  const ProgrammeRules& rules = rulesOf(registry, "eea-norway-grants");
  BOOST_TEST_REQUIRE(rules.indicators.size() == 2u);
  BOOST_TEST(rules.indicator("P1")->unit == "persons");
  BOOST_TEST(core::textIn(rules.indicator("P1")->name, "lv") == "Sasniegtie cilvēki");
  BOOST_TEST(core::textIn(rules.indicator("P2")->name, "lt") == "Services improved");
  BOOST_TEST((rules.indicator("P2")->kind == core::IndicatorKind::kResult));
  BOOST_TEST(rules.indicator("RCO81") == nullptr);
  // A shipped programme's list narrowed and a name added in Latvian.
  const ProgrammeRules& interreg = rulesOf(registry, "interreg-2021-2027");
  BOOST_TEST(interreg.indicators.size() == 2u);
  BOOST_TEST(core::textIn(interreg.indicator("RCO81")->name, "lv") == "Dalība kopīgās darbībās");
  BOOST_TEST(interreg.indicator("RCO81")->unit == "participations");
  BOOST_TEST(interreg.indicator("RCO82") == nullptr);
}

BOOST_AUTO_TEST_CASE(bad_work_plan_keys_are_refused_with_the_key_named) {
  struct Case {
    std::string key;
    std::string value;
    std::string expected;
  };
  const std::string at = "plugins.eea-norway-grants.";
  const std::vector<Case> cases = {
      {at + "target_groups.extra", "Roma", "expected keys of a-z"},
      {at + "target_groups.extra", "youth", "target group 'youth' is already defined"},
      {at + "target_groups.extra", "roma", "the English label of the target group 'roma'"},
      {at + "target_group.roma.en", "Roma", "unknown target group 'roma'"},
      {at + "target_group.youth.de", "Jugend", "a language en, lv or lt"},
      {at + "target_group.youth.lv", " ", "a label may not be empty"},
      {at + "event_kind.picnic.en", "Picnic", "unknown event kind 'picnic'"},
      {at + "activity_tolerance_days", "-1", "from 0 to 365"},
      {at + "activity_tolerance_days", "366", "from 0 to 365"},
      {at + "indicator_tolerance", "1.5", "from 0 to 1"},
      {at + "indicator_tolerance", "25%", "not a plain decimal"},
      {at + "indicators", "P1", "required for an indicator the plugin does not ship"},
      {at + "indicators", "P1, P1", "listed twice"},
      {at + "indicators", "P 1", "expected codes of letters"},
      {at + "indicator.P9.unit", "people", "required for an indicator the plugin does not ship"},
      {at + "indicator.P9.colour", "red", "expected indicator.<code>.name"},
      {"plugins.interreg-2014-2020.indicators", "SO3.1-O1",
       "indicator 'SO3.1-O2' is not in the list of indicators"},
  };
  for (const Case& c : cases) {
    const std::string message = errorWith(c.key, c.value);
    BOOST_TEST(contains(message, c.expected), c.key << " = " << c.value << ": " << message);
  }
}

BOOST_AUTO_TEST_CASE(a_section_naming_no_plugin_is_refused) {
  const std::string message = errorWith("plugins.interreg-2012-2020.fund_rate_cap", "0.85");
  BOOST_TEST(contains(message, "plugins.interreg-2012-2020 names no plugin"), message);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace crossgrant::plugin::test
