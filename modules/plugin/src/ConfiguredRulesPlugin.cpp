#include "crossgrant/plugin/ConfiguredRulesPlugin.h"

#include "ConfigParsing.h"
#include "WorkPlanRules.h"

#include "crossgrant/core/Text.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

namespace crossgrant::plugin {
namespace {

using config::fail;
using config::isListKey;
using config::joined;
using config::splitList;
using config::trimmed;
using core::CostCategory;
using core::FlatRate;
using core::ProgrammeRules;
using core::Rate;

constexpr std::string_view kFlatRatePrefix = "flat_rate.";
constexpr int kMaxReportingPeriodMonths = 36;

bool hasCategory(const std::vector<CostCategory>& categories, std::string_view key) {
  return std::any_of(categories.begin(), categories.end(),
                     [&](const CostCategory& category) { return category.key == key; });
}

std::string flatRateKey(const std::string& category, std::string_view field) {
  return std::string(kFlatRatePrefix) + category + "." + std::string(field);
}

Rate parseRate(const std::string& key, const std::string& value) {
  try {
    return Rate::parse(value);
  } catch (const core::MoneyError& error) {
    fail(key, error.what());
  }
}

Rate parseFundRateCap(const std::string& key, const std::string& value) {
  const Rate cap = parseRate(key, value);
  if (cap.millionths() == 0 || cap > Rate::fromMillionths(Rate::kScale))
    fail(key, "the fund rate cap must be above 0 and at most 1, got " + value);
  return cap;
}

/// A configured flat rate above 0 and at most ceiling; basis names where the ceiling comes from.
Rate parseFlatRate(const std::string& key, const std::string& value, Rate ceiling,
                   const std::string& basis) {
  const Rate rate = parseRate(key, value);
  if (rate.millionths() == 0)
    fail(key, "a flat rate must be above 0; leave the value empty to turn the flat rate off");
  if (rate > ceiling) {
    fail(key, value + " is above the ceiling of " + ceiling.toString() + " (" +
                  ceiling.toPercent() + ")" + (basis.empty() ? std::string() : " set by " + basis));
  }
  return rate;
}

core::Rounding parseRounding(const std::string& key, const std::string& value) {
  const auto rounding = core::parseRounding(value);
  if (!rounding) fail(key, "expected half_up, half_even or down, got '" + value + "'");
  return *rounding;
}

int parseMonths(const std::string& key, const std::string& value) {
  const std::optional<std::int64_t> months =
      value.size() <= 2 && value.find('-') == std::string::npos
          ? core::parseInteger(value, 1, kMaxReportingPeriodMonths)
          : std::nullopt;
  if (!months) {
    fail(key, "expected a whole number of months from 1 to " +
                  std::to_string(kMaxReportingPeriodMonths) + ", got '" + value + "'");
  }
  return static_cast<int>(*months);
}

const FlatRateOption* findOption(const RulesDefaults& defaults, std::string_view category) {
  for (const FlatRateOption& option : defaults.flatRateOptions)
    if (option.category == category) return &option;
  return nullptr;
}

/// categories.extra: "key:Label, key:Label"; keys may not repeat a common or option category.
std::vector<CostCategory> parseExtraCategories(const RulesDefaults& defaults,
                                               const std::string& key, const std::string& value) {
  std::vector<CostCategory> extra;
  for (const std::string& item : splitList(key, value)) {
    const auto colon = item.find(':');
    const std::string category = trimmed(std::string_view(item).substr(0, colon));
    const std::string label = colon == std::string::npos
                                  ? std::string()
                                  : trimmed(std::string_view(item).substr(colon + 1));
    if (!isListKey(category) || label.empty()) {
      fail(key, "expected key:Label with a key of a-z, 0-9 and _ starting with a letter, got '" +
                    item + "'");
    }
    if (hasCategory(commonCategories(), category) || findOption(defaults, category) != nullptr ||
        hasCategory(extra, category)) {
      fail(key, "cost category '" + category + "' is already defined");
    }
    extra.push_back({category, label});
  }
  return extra;
}

/// The flat_rate.<category>.{rate,base} values of a configuration, by category.
struct FlatRateKeys {
  std::optional<std::string> rate;
  std::optional<std::string> base;
};

std::vector<ConfigKey> keysOf(const RulesDefaults& defaults) {
  std::vector<ConfigKey> keys = {
      {"fund_rate_cap", defaults.fundRateCap.toString(),
       "Highest share of a partner's total the fund may pay (above 0, at most 1)."},
      {"rounding", std::string(core::toString(defaults.rounding)),
       "How computed amounts are rounded to the cent: half_up, half_even or down."},
      {"reporting_period_months", std::to_string(defaults.reportingPeriodMonths),
       "Length of a reporting period in months (1 to " + std::to_string(kMaxReportingPeriodMonths) +
           ")."},
      {"categories.extra", "",
       "Further cost categories as a comma list of key:Label (key of a-z, 0-9, _)."},
  };
  const std::vector<ConfigKey> workPlan = workPlanKeys(defaults);
  keys.insert(keys.end(), workPlan.begin(), workPlan.end());
  for (const FlatRateOption& option : defaults.flatRateOptions) {
    keys.push_back({flatRateKey(option.category, "rate"),
                    option.rate ? option.rate->toString() : std::string(),
                    "Flat rate of " + option.category + " on " + joined(option.base) +
                        ", at most " + option.ceiling.toString() + " (" + option.legalBasis +
                        "); empty = off."});
  }
  if (defaults.freeFlatRates) {
    keys.push_back({flatRateKey("<category>", "rate"), "",
                    "Flat rate of another cost category, above 0 and at most 1; empty = off."});
    keys.push_back({flatRateKey("<category>", "base"), "",
                    "Comma list of the categories that flat rate applies to; required with it."});
  }
  return keys;
}

ProgrammeRules buildRules(const RulesDefaults& defaults, const PluginConfig& config) {
  ProgrammeRules rules;
  rules.key = defaults.key;
  rules.title = defaults.title;
  rules.categories = commonCategories();
  rules.fundRateCap = defaults.fundRateCap;
  rules.reportingPeriodMonths = defaults.reportingPeriodMonths;
  rules.rounding = defaults.rounding;

  std::vector<CostCategory> extra;
  std::map<std::string, FlatRateKeys> flatRateKeys;
  WorkPlanConfig workPlan;
  for (const auto& [key, value] : config) {
    if (workPlan.collect(key, value)) {
      continue;
    } else if (key == "fund_rate_cap") {
      rules.fundRateCap = parseFundRateCap(key, value);
    } else if (key == "rounding") {
      rules.rounding = parseRounding(key, value);
    } else if (key == "reporting_period_months") {
      rules.reportingPeriodMonths = parseMonths(key, value);
    } else if (key == "categories.extra") {
      extra = parseExtraCategories(defaults, key, value);
    } else {
      const std::string_view rest = key.starts_with(kFlatRatePrefix)
                                        ? std::string_view(key).substr(kFlatRatePrefix.size())
                                        : std::string_view();
      const auto dot = rest.rfind('.');
      const std::string_view field = dot == std::string_view::npos ? "" : rest.substr(dot + 1);
      if (dot == 0 || (field != "rate" && field != "base")) {
        std::vector<std::string> accepted;
        for (const ConfigKey& known : keysOf(defaults)) accepted.push_back(known.name);
        fail(key, "unknown key; accepted keys are " + joined(accepted));
      }
      FlatRateKeys& keys = flatRateKeys[std::string(rest.substr(0, dot))];
      (field == "rate" ? keys.rate : keys.base) = value;
    }
  }

  // Regulated options: fixed base, rate up to the ceiling, on by default or by configuration.
  for (const FlatRateOption& option : defaults.flatRateOptions) {
    std::optional<Rate> rate = option.rate;
    const auto configured = flatRateKeys.find(option.category);
    if (configured != flatRateKeys.end()) {
      if (configured->second.base) {
        fail(flatRateKey(option.category, "base"), "the base of this flat rate is fixed by " +
                                                       option.legalBasis + ": " +
                                                       joined(option.base));
      }
      if (const auto& text = configured->second.rate) {
        const std::string key = flatRateKey(option.category, "rate");
        rate = trimmed(*text).empty()
                   ? std::nullopt
                   : std::optional(parseFlatRate(key, *text, option.ceiling, option.legalBasis));
      }
      flatRateKeys.erase(configured);
    }
    if (!rate) continue;
    if (!option.label.empty()) rules.categories.push_back({option.category, option.label});
    rules.flatRates.push_back({option.category, *rate, option.base});
  }
  rules.categories.insert(rules.categories.end(), extra.begin(), extra.end());

  // Free flat rates on any other known category, with a configured base.
  for (const auto& [category, keys] : flatRateKeys) {
    const std::string rateKey = flatRateKey(category, "rate");
    const std::string baseKey = flatRateKey(category, "base");
    const std::string& anyKey = keys.rate ? rateKey : baseKey;
    if (!defaults.freeFlatRates) {
      std::vector<std::string> options;
      for (const FlatRateOption& option : defaults.flatRateOptions)
        options.push_back(option.category);
      fail(anyKey, "these rules allow flat rates only for " +
                       (options.empty() ? std::string("no category") : joined(options)));
    }
    if (!hasCategory(rules.categories, category))
      fail(anyKey, "unknown cost category '" + category + "'");
    if (!keys.rate || trimmed(*keys.rate).empty()) {
      if (keys.base && !trimmed(*keys.base).empty())
        fail(baseKey, "a base is given but " + rateKey + " is not set");
      continue;
    }
    const Rate rate = parseFlatRate(rateKey, *keys.rate, Rate::fromMillionths(Rate::kScale), "");
    const std::vector<std::string> base = splitList(baseKey, keys.base.value_or(""));
    if (base.empty())
      fail(baseKey, "required with " + rateKey + ": a comma list of the categories it applies to");
    for (std::size_t i = 0; i < base.size(); ++i) {
      if (!hasCategory(rules.categories, base[i]))
        fail(baseKey, "unknown cost category '" + base[i] + "'");
      if (base[i] == category) fail(baseKey, "a flat rate cannot apply to its own category");
      if (std::find(base.begin(), base.begin() + i, base[i]) != base.begin() + i)
        fail(baseKey, "category '" + base[i] + "' is listed twice");
    }
    rules.flatRates.push_back({category, rate, base});
  }

  // Flat rates in the order of their categories.
  const auto position = [&](const FlatRate& flat) {
    return std::find_if(rules.categories.begin(), rules.categories.end(),
                        [&](const CostCategory& c) { return c.key == flat.category; });
  };
  std::sort(rules.flatRates.begin(), rules.flatRates.end(),
            [&](const FlatRate& a, const FlatRate& b) { return position(a) < position(b); });
  applyWorkPlanConfig(defaults, workPlan, rules);
  return rules;
}

}  // namespace

const std::vector<CostCategory>& commonCategories() {
  static const std::vector<CostCategory> categories = {
      {"staff", "Staff costs"},
      {"office_admin", "Office and administration"},
      {"travel", "Travel and accommodation"},
      {"external", "External expertise and services"},
      {"equipment", "Equipment"},
      {"infrastructure", "Infrastructure and works"},
  };
  return categories;
}

const std::vector<core::Labelled>& commonTargetGroups() {
  static const std::vector<core::Labelled> groups = {
      {"disabilities",
       {{"en", "People with disabilities"},
        {"lt", "Žmonės su negalia"},
        {"lv", "Cilvēki ar invaliditāti"}}},
      {"children", {{"en", "Children"}, {"lt", "Vaikai"}, {"lv", "Bērni"}}},
      {"youth", {{"en", "Young people"}, {"lt", "Jaunimas"}, {"lv", "Jaunieši"}}},
      {"seniors", {{"en", "Seniors"}, {"lt", "Senjorai"}, {"lv", "Seniori"}}},
      {"families_at_risk",
       {{"en", "Families at social risk"},
        {"lt", "Socialinės rizikos šeimos"},
        {"lv", "Sociālā riska ģimenes"}}},
      {"professionals", {{"en", "Professionals"}, {"lt", "Specialistai"}, {"lv", "Speciālisti"}}},
      {"general_public", {{"en", "General public"}, {"lt", "Visuomenė"}, {"lv", "Sabiedrība"}}},
  };
  return groups;
}

const std::vector<core::Labelled>& commonEventKinds() {
  static const std::vector<core::Labelled> kinds = {
      {"camp", {{"en", "Camp"}, {"lt", "Stovykla"}, {"lv", "Nometne"}}},
      {"training", {{"en", "Training"}, {"lt", "Mokymai"}, {"lv", "Apmācības"}}},
      {"exchange_visit",
       {{"en", "Experience exchange"}, {"lt", "Patirties mainai"}, {"lv", "Pieredzes apmaiņa"}}},
      {"conference", {{"en", "Conference"}, {"lt", "Konferencija"}, {"lv", "Konference"}}},
      {"consultation_meeting",
       {{"en", "Public consultation meeting"},
        {"lt", "Viešosios konsultacijos susitikimas"},
        {"lv", "Sabiedriskās apspriešanas sanāksme"}}},
      {"discussion", {{"en", "Discussion"}, {"lt", "Diskusija"}, {"lv", "Diskusija"}}},
      {"opening",
       {{"en", "Opening event"}, {"lt", "Atidarymo renginys"}, {"lv", "Atklāšanas pasākums"}}},
      {"meeting", {{"en", "Meeting"}, {"lt", "Susitikimas"}, {"lv", "Sanāksme"}}},
      {"other", {{"en", "Other"}, {"lt", "Kita"}, {"lv", "Cits"}}},
  };
  return kinds;
}

ConfiguredRulesPlugin::ConfiguredRulesPlugin(RulesDefaults defaults)
    : defaults_(std::move(defaults)), rules_(buildRules(defaults_, {})) {}

std::string ConfiguredRulesPlugin::key() const { return defaults_.key; }

std::vector<ConfigKey> ConfiguredRulesPlugin::configKeys() const { return keysOf(defaults_); }

void ConfiguredRulesPlugin::configure(const PluginConfig& config) {
  rules_ = buildRules(defaults_, config);
}

const core::ProgrammeRules& ConfiguredRulesPlugin::rules() const { return rules_; }

}  // namespace crossgrant::plugin
