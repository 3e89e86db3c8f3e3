// What a programme's rules say, as plain data: a rules plugin fills this in from its
// configuration, and the domain code (findings, validation, reports) reads only this.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Money.h"

namespace crossgrant::core {

/// A cost category whose budget is a flat rate of other categories, e.g. office and
/// administration at 15 % of staff costs: expected = round(rate × sum of base categories).
struct FlatRate {
  std::string category;
  Rate rate;
  std::vector<std::string> base;  ///< categories whose sum the rate applies to
};

struct CostCategory {
  std::string key;    ///< e.g. "staff"
  std::string label;  ///< English label, e.g. "Staff costs"
};

struct ProgrammeRules {
  std::string key;  ///< e.g. "interreg-2014-2020"
  std::string title;
  std::vector<CostCategory> categories;
  Rate fundRateCap;  ///< the highest share of a partner's total the fund may pay
  std::vector<FlatRate> flatRates;
  int reportingPeriodMonths = 6;
  Rounding rounding = Rounding::kHalfUp;

  bool knowsCategory(std::string_view category) const;
};

}  // namespace crossgrant::core
