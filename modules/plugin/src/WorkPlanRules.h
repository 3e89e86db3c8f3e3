// The configuration keys of a rules plugin about the work plan (docs/bundle-v2.md): target
// groups and event kinds with their labels, the programme indicators, and the tolerances of
// the findings. ConfiguredRulesPlugin hands every key to collect() first.
//
//   target_groups.extra          comma list of further target-group keys (a-z, 0-9, _)
//   target_group.<key>.<lang>    the label of a target group in en, lv or lt; required in en
//                                for an extra one, and for a shipped one it replaces the label
//   event_kinds.extra            comma list of further event-kind keys
//   event_kind.<key>.<lang>      as target_group.<key>.<lang>, for event kinds
//   indicators                   comma list of the programme indicators projects may name
//                                (default: every one the plugin ships)
//   indicator.<code>.name.<lang> an indicator's name in en, lv or lt
//   indicator.<code>.unit        its unit
//   indicator.<code>.kind        output or result
//                                (name.en, unit and kind are required for a code not shipped)
//   activity_tolerance_days      whole days, 0..365 (default 0)
//   indicator_tolerance          a share of the target, 0..1 (default 0.25)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crossgrant/core/ProgrammeRules.h"
#include "crossgrant/plugin/PluginApi.h"

namespace crossgrant::plugin {

struct RulesDefaults;

/// The work-plan keys of one configuration, as given.
struct WorkPlanConfig {
  std::optional<std::string> extraTargetGroups;
  std::optional<std::string> extraEventKinds;
  std::optional<std::string> indicators;
  std::optional<std::string> activityToleranceDays;
  std::optional<std::string> indicatorTolerance;
  /// key -> (the configuration key, lang -> label)
  std::map<std::string, std::map<std::string, std::string>> targetGroupLabels;
  std::map<std::string, std::map<std::string, std::string>> eventKindLabels;
  /// code -> field ("name.en", "unit", "kind", ...) -> value
  std::map<std::string, std::map<std::string, std::string>> indicatorFields;

  /// Takes key if it is one of the work-plan keys (a malformed one of them throws); false for
  /// any other key.
  bool collect(const std::string& key, const std::string& value);
};

/// Sets the target groups, event kinds, indicators and tolerances of rules from the defaults
/// and the configuration.
void applyWorkPlanConfig(const RulesDefaults& defaults, const WorkPlanConfig& config,
                         core::ProgrammeRules& rules);
/// The keys above, for `crossgrant rules` and the README.
std::vector<ConfigKey> workPlanKeys(const RulesDefaults& defaults);

}  // namespace crossgrant::plugin
