// What a programme's rules say, as plain data: a rules plugin fills this in from its
// configuration, and the domain code (findings, validation, reports) reads only this.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Money.h"
#include "crossgrant/core/WorkPlan.h"

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

/// The text of texts in lang, else the English one, else the first; "" when there is none.
const std::string& textIn(const Texts& texts, std::string_view lang);

/// A key the rules list with its labels (target groups, event kinds), which a plugin gives in
/// English and, where it has them, in Latvian and Lithuanian.
struct Labelled {
  std::string key;  ///< e.g. "youth"
  Texts labels;     ///< e.g. {{"en", "Young people"}, {"lt", "Jaunimas"}, {"lv", "Jaunieši"}}
  /// The label in lang, else the English one.
  const std::string& label(std::string_view lang = "en") const { return textIn(labels, lang); }
  bool operator==(const Labelled&) const = default;
};

/// An indicator of the programme that a project's indicator may name (e.g. RCO81).
struct ProgrammeIndicator {
  std::string code;  ///< e.g. "RCO81"
  Texts name;        ///< as the legal act or programme gives it: English, and lv/lt where known
  std::string unit;  ///< e.g. "participations"
  IndicatorKind kind = IndicatorKind::kOutput;
  bool operator==(const ProgrammeIndicator&) const = default;
};

struct ProgrammeRules {
  std::string key;  ///< e.g. "interreg-2014-2020"
  std::string title;
  std::vector<CostCategory> categories;
  Rate fundRateCap;  ///< the highest share of a partner's total the fund may pay
  std::vector<FlatRate> flatRates;
  int reportingPeriodMonths = 6;
  Rounding rounding = Rounding::kHalfUp;

  /// The target groups of events' participants, and the kinds of events.
  std::vector<Labelled> targetGroups;
  std::vector<Labelled> eventKinds;
  std::vector<ProgrammeIndicator> indicators;
  /// How many days an activity's actual dates may lie outside its planned ones before it is
  /// a finding (activity_outside_plan).
  int activityToleranceDays = 0;
  /// The share of an indicator's target by which it may be behind the straight line from the
  /// project's start before it is a finding (indicator_behind).
  Rate indicatorTolerance = Rate::fromMillionths(250000);

  bool knowsCategory(std::string_view category) const;
  bool knowsTargetGroup(std::string_view key) const;
  bool knowsEventKind(std::string_view key) const;
  /// The programme indicator of that code; nullptr when the rules list none.
  const ProgrammeIndicator* indicator(std::string_view code) const;
};

}  // namespace crossgrant::core
