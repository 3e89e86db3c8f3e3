// Programme rules of the EEA and Norway Grants: the fund (EEA/Norway Grants) at most 85 % of a
// partner's total, no flat rates unless the programme configures them (on any category, of a
// configured base), six-month reporting periods unless the programme says otherwise.
// Configuration keys: README.md beside this file.
#include "crossgrant/plugin/ConfiguredRulesPlugin.h"

namespace crossgrant::plugin {
namespace {

RulesDefaults eeaNorwayGrants() {
  return {
      .key = "eea-norway-grants",
      .title = "EEA and Norway Grants",
      .fundRateCap = core::Rate::parse("0.85"),
      .reportingPeriodMonths = 6,
      .rounding = core::Rounding::kHalfUp,
      .flatRateOptions = {},
      .freeFlatRates = true,
  };
}

class EeaNorwayGrantsRules : public ConfiguredRulesPlugin {
 public:
  EeaNorwayGrantsRules() : ConfiguredRulesPlugin(eeaNorwayGrants()) {}
};

}  // namespace
}  // namespace crossgrant::plugin

CROSSGRANT_RULES_PLUGIN(crossgrant::plugin::EeaNorwayGrantsRules)
