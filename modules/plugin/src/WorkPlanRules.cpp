#include "WorkPlanRules.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "ConfigParsing.h"
#include "crossgrant/core/Text.h"
#include "crossgrant/plugin/ConfiguredRulesPlugin.h"

namespace crossgrant::plugin {
namespace {

using config::fail;
using config::joined;
using config::splitList;
using config::trimmed;
using core::Labelled;
using core::ProgrammeIndicator;

constexpr std::array<std::string_view, 3> kLanguages = {"en", "lv", "lt"};
constexpr std::int64_t kMaxToleranceDays = 365;

bool isLanguage(std::string_view lang) {
  return std::find(kLanguages.begin(), kLanguages.end(), lang) != kLanguages.end();
}

// "prefix<key>.<lang>": the key and the language, or false when key has another shape.
bool splitLabelKey(std::string_view key, std::string_view prefix, std::string& item,
                   std::string& lang) {
  if (!key.starts_with(prefix)) return false;
  const std::string_view rest = key.substr(prefix.size());
  const auto dot = rest.rfind('.');
  if (dot == std::string_view::npos) return false;
  item = std::string(rest.substr(0, dot));
  lang = std::string(rest.substr(dot + 1));
  return true;
}

// Indicator codes: letters, digits, '.', '_' and '-', as programmes write them (RCO81, O3.1).
bool isIndicatorCode(std::string_view code) {
  return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

constexpr std::array<std::string_view, 5> kIndicatorFields = {"name.en", "name.lv", "name.lt",
                                                              "unit", "kind"};

void setText(core::Texts& texts, const std::string& lang, const std::string& text) {
  for (auto& [code, existing] : texts)
    if (code == lang) {
      existing = text;
      return;
    }
  texts.emplace_back(lang, text);
  std::sort(texts.begin(), texts.end());
}

/// The shipped list with the extra keys appended and every configured label applied.
std::vector<Labelled> labelledList(
    const std::vector<Labelled>& shipped, const std::optional<std::string>& extra,
    const std::string& extraKey, const std::string& labelPrefix,
    const std::map<std::string, std::map<std::string, std::string>>& labels, const char* what) {
  std::vector<Labelled> list = shipped;
  const auto find = [&](const std::string& key) {
    return std::find_if(list.begin(), list.end(), [&](const Labelled& l) { return l.key == key; });
  };
  for (const std::string& key : splitList(extraKey, extra.value_or(""))) {
    if (!config::isListKey(key))
      fail(extraKey, "expected keys of a-z, 0-9 and _ starting with a letter, got '" + key + "'");
    if (find(key) != list.end())
      fail(extraKey, std::string(what) + " '" + key + "' is already defined");
    const auto given = labels.find(key);
    if (given == labels.end() || given->second.count("en") == 0)
      fail(labelPrefix + key + ".en", "required: the English label of the " + std::string(what) +
                                          " '" + key + "' that " + extraKey + " adds");
    list.push_back({key, {}});
  }
  for (const auto& [key, byLang] : labels) {
    const auto item = find(key);
    if (item == list.end())
      fail(labelPrefix + key + "." + byLang.begin()->first,
           "unknown " + std::string(what) + " '" + key + "'; add it to " + extraKey + " first");
    for (const auto& [lang, label] : byLang) {
      if (trimmed(label).empty()) fail(labelPrefix + key + "." + lang, "a label may not be empty");
      setText(item->labels, lang, trimmed(label));
    }
  }
  return list;
}

std::vector<ProgrammeIndicator> indicatorList(
    const std::vector<ProgrammeIndicator>& shipped, const std::optional<std::string>& offered,
    const std::map<std::string, std::map<std::string, std::string>>& fields) {
  std::vector<ProgrammeIndicator> list;
  std::vector<std::string> codes;
  if (offered) {
    codes = splitList("indicators", *offered);
  } else {
    for (const ProgrammeIndicator& indicator : shipped) codes.push_back(indicator.code);
    for (const auto& [code, given] : fields)
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (!isIndicatorCode(codes[i]))
      fail("indicators",
           "expected codes of letters, digits, '.', '_' and '-', got '" + codes[i] + "'");
    if (std::find(codes.begin(), codes.begin() + i, codes[i]) != codes.begin() + i)
      fail("indicators", "indicator '" + codes[i] + "' is listed twice");
  }
  for (const std::string& code : codes) {
    const auto known = std::find_if(shipped.begin(), shipped.end(),
                                    [&](const ProgrammeIndicator& p) { return p.code == code; });
    ProgrammeIndicator indicator =
        known != shipped.end() ? *known
                               : ProgrammeIndicator{code, {}, {}, core::IndicatorKind::kOutput};
    const auto given = fields.find(code);
    const auto value = [&](std::string_view field) -> std::optional<std::string> {
      if (given == fields.end()) return std::nullopt;
      const auto found = given->second.find(std::string(field));
      if (found == given->second.end()) return std::nullopt;
      return trimmed(found->second);
    };
    const std::string prefix = "indicator." + code + ".";
    for (std::string_view lang : kLanguages) {
      const std::string field = "name." + std::string(lang);
      if (const auto name = value(field)) {
        if (name->empty()) fail(prefix + field, "a name may not be empty");
        setText(indicator.name, std::string(lang), *name);
      }
    }
    if (const auto unit = value("unit")) {
      if (unit->empty()) fail(prefix + "unit", "a unit may not be empty");
      indicator.unit = *unit;
    }
    if (const auto kind = value("kind")) {
      const auto parsed = core::parseIndicatorKind(*kind);
      if (!parsed) fail(prefix + "kind", "expected output or result, got '" + *kind + "'");
      indicator.kind = *parsed;
    } else if (known == shipped.end()) {
      fail(prefix + "kind", "required for an indicator the plugin does not ship: output or result");
    }
    if (std::none_of(indicator.name.begin(), indicator.name.end(),
                     [](const auto& text) { return text.first == "en"; }))
      fail(prefix + "name.en", "required for an indicator the plugin does not ship");
    if (indicator.unit.empty())
      fail(prefix + "unit", "required for an indicator the plugin does not ship");
    list.push_back(std::move(indicator));
  }
  // Fields of an indicator that is not offered would be silently unused.
  for (const auto& [code, given] : fields)
    if (std::find(codes.begin(), codes.end(), code) == codes.end())
      fail("indicator." + code + "." + given.begin()->first,
           "indicator '" + code + "' is not in the list of indicators");
  return list;
}

}  // namespace

bool WorkPlanConfig::collect(const std::string& key, const std::string& value) {
  if (key == "target_groups.extra") {
    extraTargetGroups = value;
  } else if (key == "event_kinds.extra") {
    extraEventKinds = value;
  } else if (key == "indicators") {
    indicators = value;
  } else if (key == "activity_tolerance_days") {
    activityToleranceDays = value;
  } else if (key == "indicator_tolerance") {
    indicatorTolerance = value;
  } else if (key.starts_with("target_group.") || key.starts_with("event_kind.")) {
    const bool group = key.starts_with("target_group.");
    std::string item, lang;
    if (!splitLabelKey(key, group ? "target_group." : "event_kind.", item, lang) ||
        !config::isListKey(item) || !isLanguage(lang))
      fail(key, std::string("expected ") + (group ? "target_group" : "event_kind") +
                    ".<key>.<lang> with a key of a-z, 0-9 and _ and a language en, lv or lt");
    (group ? targetGroupLabels : eventKindLabels)[item][lang] = value;
  } else if (key.starts_with("indicator.")) {
    const std::string_view rest =
        std::string_view(key).substr(std::string_view("indicator.").size());
    for (std::string_view field : kIndicatorFields) {
      const std::string suffix = "." + std::string(field);
      if (rest.size() > suffix.size() && rest.ends_with(suffix)) {
        const std::string code(rest.substr(0, rest.size() - suffix.size()));
        if (!isIndicatorCode(code)) break;
        indicatorFields[code][std::string(field)] = value;
        return true;
      }
    }
    fail(key,
         "expected indicator.<code>.name.<en|lv|lt>, indicator.<code>.unit or "
         "indicator.<code>.kind");
  } else {
    return false;
  }
  return true;
}

void applyWorkPlanConfig(const RulesDefaults& defaults, const WorkPlanConfig& config,
                         core::ProgrammeRules& rules) {
  rules.targetGroups =
      labelledList(commonTargetGroups(), config.extraTargetGroups, "target_groups.extra",
                   "target_group.", config.targetGroupLabels, "target group");
  rules.eventKinds = labelledList(commonEventKinds(), config.extraEventKinds, "event_kinds.extra",
                                  "event_kind.", config.eventKindLabels, "event kind");
  rules.indicators = indicatorList(defaults.indicators, config.indicators, config.indicatorFields);
  if (config.activityToleranceDays) {
    const std::string& text = *config.activityToleranceDays;
    const auto days = text.find_first_not_of("0123456789") == std::string::npos
                          ? core::parseInteger(text, 0, kMaxToleranceDays)
                          : std::nullopt;
    if (!days)
      fail("activity_tolerance_days", "expected a whole number of days from 0 to " +
                                          std::to_string(kMaxToleranceDays) + ", got '" + text +
                                          "'");
    rules.activityToleranceDays = static_cast<int>(*days);
  }
  if (config.indicatorTolerance) {
    try {
      const core::Rate tolerance = core::Rate::parse(*config.indicatorTolerance);
      if (tolerance > core::Rate::fromMillionths(core::Rate::kScale))
        fail("indicator_tolerance",
             "a share of the target from 0 to 1, got " + *config.indicatorTolerance);
      rules.indicatorTolerance = tolerance;
    } catch (const core::MoneyError& error) {
      fail("indicator_tolerance", error.what());
    }
  }
}

std::vector<ConfigKey> workPlanKeys(const RulesDefaults& defaults) {
  std::vector<std::string> shipped;
  for (const ProgrammeIndicator& indicator : defaults.indicators) shipped.push_back(indicator.code);
  return {
      {"target_groups.extra", "", "Further target groups of participants, a comma list of keys."},
      {"target_group.<key>.<lang>", "",
       "Label of a target group in en, lv or lt (en required for an extra one)."},
      {"event_kinds.extra", "", "Further kinds of events, a comma list of keys."},
      {"event_kind.<key>.<lang>", "",
       "Label of an event kind in en, lv or lt (en required for an extra one)."},
      {"indicators", joined(shipped),
       "The programme indicators projects may name, a comma list of codes."},
      {"indicator.<code>.name.<lang>", "", "Name of a programme indicator in en, lv or lt."},
      {"indicator.<code>.unit", "", "Unit of a programme indicator."},
      {"indicator.<code>.kind", "", "output or result."},
      {"activity_tolerance_days", "0",
       "Days an activity's actual dates may lie outside its planned ones before it is a finding."},
      {"indicator_tolerance", "0.25",
       "Share of its target an indicator may be behind the straight line before it is a finding."},
  };
}

}  // namespace crossgrant::plugin
