// Programme rules of Interreg 2021–2027: ERDF at most 80 % of a partner's total, six-month
// reporting periods, and the flat-rate options of Regulation (EU) 2021/1059 Art. 39–41 and
// Regulation (EU) 2021/1060 Art. 54–56, each off unless configured and each refused above the
// regulation's ceiling; the Interreg common output and result indicators of Annex I to
// Regulation (EU) 2021/1058 that concern joint actions and social inclusion. Configuration keys
// and sources: README.md beside this file.
#include "crossgrant/plugin/ConfiguredRulesPlugin.h"

namespace crossgrant::plugin {
namespace {

using core::IndicatorKind;
using core::ProgrammeIndicator;
using core::Rate;

ProgrammeIndicator output(const char* code, const char* name, const char* unit) {
  return {code, {{"en", name}}, unit, IndicatorKind::kOutput};
}
ProgrammeIndicator result(const char* code, const char* name, const char* unit) {
  return {code, {{"en", name}}, unit, IndicatorKind::kResult};
}

// Annex I to Regulation (EU) 2021/1058 (OJ L 231, 30.6.2021, p. 60), Interreg indicators.
std::vector<ProgrammeIndicator> commonIndicators() {
  return {
      output("RCO81", "Participations in joint actions across borders", "participations"),
      output("RCO82",
             "Participations in joint actions promoting gender equality, equal opportunities "
             "and social inclusion",
             "participations"),
      output("RCO83", "Strategies and action plans jointly developed", "strategies/action plans"),
      output("RCO84", "Pilot actions developed jointly and implemented in projects",
             "pilot actions"),
      output("RCO85", "Participations in joint training schemes", "participations"),
      output("RCO87", "Organisations cooperating across borders", "organisations"),
      output("RCO115", "Public events across borders jointly organised", "events"),
      output("RCO116", "Jointly developed solutions", "solutions"),
      result("RCR79", "Joint strategies and action plans taken up by organisations",
             "strategies/action plans"),
      result("RCR81", "Completion of joint training schemes", "participants"),
      result("RCR84", "Organisations cooperating across borders after project completion",
             "organisations"),
      result("RCR85", "Participations in joint actions across borders after project completion",
             "participations"),
      result("RCR104", "Solutions taken up or up-scaled by organisations", "solutions"),
  };
}

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
      .indicators = commonIndicators(),
  };
}

class Interreg20212027Rules : public ConfiguredRulesPlugin {
 public:
  Interreg20212027Rules() : ConfiguredRulesPlugin(interreg20212027()) {}
};

}  // namespace
}  // namespace crossgrant::plugin

CROSSGRANT_RULES_PLUGIN(crossgrant::plugin::Interreg20212027Rules)
