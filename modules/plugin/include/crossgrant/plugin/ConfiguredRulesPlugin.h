// The shared mechanics of a programme-rules plugin: turns a plugin's configuration section
// into core::ProgrammeRules on top of the plugin's defaults. A concrete plugin only states its
// defaults (RulesDefaults) and has a default constructor for the Poco manifest.
//
// Accepted keys (within "plugins.<key>."):
//   fund_rate_cap               decimal rate, 0 < cap <= 1
//   rounding                    half_up | half_even | down
//   reporting_period_months     whole number of months, 1..36
//   categories.extra            comma list of KEY:Label, added to the six common categories
//   flat_rate.<category>.rate   decimal rate above 0 and at most the option's ceiling;
//                               an empty value turns the flat rate off
//   flat_rate.<category>.base   comma list of categories; only for categories that are not a
//                               regulated option, and only when the plugin allows free flat rates
//   and the work-plan keys of WorkPlanRules.h (target groups, event kinds, indicators,
//   tolerances).
// Any other key, and any bad value, throws PluginConfigError naming the key. configure() either
// applies the whole configuration or changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crossgrant/core/Money.h"
#include "crossgrant/core/ProgrammeRules.h"
#include "crossgrant/plugin/PluginApi.h"

namespace crossgrant::plugin {

/// The categories every programme-rules plugin knows, in budget order.
const std::vector<core::CostCategory>& commonCategories();
/// The target groups of events' participants and the kinds of events every programme-rules
/// plugin knows (docs/bundle-v2.md), labelled in en, lv and lt.
const std::vector<core::Labelled>& commonTargetGroups();
const std::vector<core::Labelled>& commonEventKinds();

/// A flat rate the programme's regulation allows: its base is fixed and its rate may not
/// exceed the ceiling.
struct FlatRateOption {
  std::string category;            ///< the flat-rated category
  std::vector<std::string> base;   ///< what the rate applies to, as the regulation says
  core::Rate ceiling;              ///< the highest rate the regulation allows
  std::optional<core::Rate> rate;  ///< the default; nullopt = off unless configured
  std::string legalBasis;          ///< e.g. "Art. 41 of Regulation (EU) 2021/1059"
  /// Non-empty when the category is not a common one: enabling the option adds the category
  /// with this label.
  std::string label = {};
};

/// What a plugin is without configuration.
struct RulesDefaults {
  std::string key;    ///< the rules key, e.g. "interreg-2014-2020"
  std::string title;  ///< for people, e.g. "Interreg 2014–2020"
  core::Rate fundRateCap;
  int reportingPeriodMonths = 6;
  core::Rounding rounding = core::Rounding::kHalfUp;
  std::vector<FlatRateOption> flatRateOptions;
  /// Whether any other category may be given a flat rate of any configured base, up to 100 %.
  bool freeFlatRates = false;
  /// The programme indicators projects may name, unless the configuration lists others.
  std::vector<core::ProgrammeIndicator> indicators = {};
};

class ConfiguredRulesPlugin : public RulesPlugin {
 public:
  /// rules() gives the defaults until configure() is called.
  explicit ConfiguredRulesPlugin(RulesDefaults defaults);

  std::string key() const override;
  std::vector<ConfigKey> configKeys() const override;
  void configure(const PluginConfig& config) override;
  const core::ProgrammeRules& rules() const override;

 private:
  RulesDefaults defaults_;
  core::ProgrammeRules rules_;
};

}  // namespace crossgrant::plugin
