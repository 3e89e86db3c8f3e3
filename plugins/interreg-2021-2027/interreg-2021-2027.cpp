// Programme rules of Interreg 2021–2027: ERDF at most 80 % of a partner's total, six-month
// reporting periods, and the flat-rate options of Regulation (EU) 2021/1059 Art. 39–41 and
// Regulation (EU) 2021/1060 Art. 54–56, each off unless configured and each refused above the
// regulation's ceiling. Configuration keys: README.md beside this file.
#include "crossgrant/plugin/ConfiguredRulesPlugin.h"

namespace crossgrant::plugin {
namespace {

using core::Rate;

RulesDefaults interreg20212027() {
  return {
      .key = "interreg-2021-2027",
      .title = "Interreg 2021–2027",
      .fundRateCap = Rate::parse("0.80"),
      .reportingPeriodMonths = 6,
      .rounding = core::Rounding::kHalfUp,
      .flatRateOptions =
          {
              {.category = "staff",
               .base = {"travel", "external", "equipment", "infrastructure"},
               .ceiling = Rate::parse("0.20"),
               .rate = std::nullopt,
               .legalBasis = "Art. 39(3)(c) of Regulation (EU) 2021/1059 and Art. 55(1) of "
                             "Regulation (EU) 2021/1060"},
              {.category = "office_admin",
               .base = {"staff"},
               .ceiling = Rate::parse("0.15"),
               .rate = std::nullopt,
               .legalBasis = "Art. 40 of Regulation (EU) 2021/1059 and Art. 54(b) of "
                             "Regulation (EU) 2021/1060"},
              {.category = "travel",
               .base = {"staff"},
               .ceiling = Rate::parse("0.15"),
               .rate = std::nullopt,
               .legalBasis = "Art. 41(5) of Regulation (EU) 2021/1059"},
              {.category = "remaining_costs",
               .base = {"staff"},
               .ceiling = Rate::parse("0.40"),
               .rate = std::nullopt,
               .legalBasis = "Art. 56(1) of Regulation (EU) 2021/1060",
               .label = "Remaining costs (flat rate on staff costs)"},
          },
  };
}

class Interreg20212027Rules : public ConfiguredRulesPlugin {
 public:
  Interreg20212027Rules() : ConfiguredRulesPlugin(interreg20212027()) {}
};

}  // namespace
}  // namespace crossgrant::plugin

CROSSGRANT_RULES_PLUGIN(crossgrant::plugin::Interreg20212027Rules)
