// Programme rules of Interreg 2014–2020 (European Territorial Cooperation): ERDF at most 85 %
// of a partner's total, office and administration at a flat 15 % of staff costs, six-month
// reporting periods. Configuration keys: README.md beside this file.
#include "crossgrant/plugin/ConfiguredRulesPlugin.h"

namespace crossgrant::plugin {
namespace {

using core::Rate;

RulesDefaults interreg20142020() {
  return {
      .key = "interreg-2014-2020",
      .title = "Interreg 2014–2020",
      .fundRateCap = Rate::parse("0.85"),
      .reportingPeriodMonths = 6,
      .rounding = core::Rounding::kHalfUp,
      .flatRateOptions =
          {
              {.category = "office_admin",
               .base = {"staff"},
               .ceiling = Rate::parse("0.15"),
               .rate = Rate::parse("0.15"),
               .legalBasis = "Art. 68(1)(b) of Regulation (EU) No 1303/2013 and Art. 4 of "
                             "Delegated Regulation (EU) No 481/2014"},
              {.category = "staff",
               .base = {"travel", "external", "equipment", "infrastructure"},
               .ceiling = Rate::parse("0.20"),
               .rate = std::nullopt,
               .legalBasis = "Art. 19 of Regulation (EU) No 1299/2013"},
          },
  };
}

class Interreg20142020Rules : public ConfiguredRulesPlugin {
 public:
  Interreg20142020Rules() : ConfiguredRulesPlugin(interreg20142020()) {}
};

}  // namespace
}  // namespace crossgrant::plugin

CROSSGRANT_RULES_PLUGIN(crossgrant::plugin::Interreg20142020Rules)
