// Findings: data that is well-formed but does not reconcile (bundle spec, "What is an error
// and what is a finding"). Computed from the stored figures and the programme's rules; the
// figures themselves are never changed.
#pragma once

#include "crossgrant/core/Json.h"

#include <optional>
#include <string>
#include <vector>

#include "crossgrant/core/Money.h"
#include "crossgrant/core/ProgrammeRules.h"
#include "crossgrant/core/Project.h"

namespace crossgrant::core {

struct Finding {
  std::string code;                    ///< e.g. "contributions_mismatch"
  std::optional<std::string> partner;  ///< partner code; nullopt for project-level findings
  Amount expected;                     ///< for findings about amounts
  Amount actual;
  std::string message;  ///< one English sentence for people
  /// For findings about an object other than amounts (version 2): "activity", "event" or
  /// "indicator", its code, and what was expected and found as text (dates, intervals
  /// "START/END", counts); "" for findings about amounts.
  std::string object{};
  std::string key{};
  std::string expectedText{};
  std::string actualText{};

  bool aboutAmounts() const { return object.empty(); }
  Amount difference() const { return actual - expected; }
  bool operator==(const Finding&) const = default;
};

/// All findings of a bundle, in a stable order: partner by partner in bundle order
/// (budget_mismatch, contributions_mismatch, fund_rate_exceeded, flat_rate_mismatch),
/// then the project-level ones (project_total_mismatch, project_fund_mismatch).
/// Then, for a version-2 bundle: activity_outside_plan and event_outside_activity in work-plan
/// and event order, and indicator_behind in indicator order, judged at asOf (the latest period
/// that has ended by then). Without asOf: today (UTC).
std::vector<Finding> computeFindings(const Bundle& bundle, const ProgrammeRules& rules,
                                     const Date& asOf);
std::vector<Finding> computeFindings(const Bundle& bundle, const ProgrammeRules& rules);

/// Findings as the API and `crossgrant check --json` show them: {"project": CODE, "findings":
/// [{"code", "partner"?, "expected", "actual", "difference", "message"}]}; a finding about an
/// object has "object" and "key" after "partner" and no "difference".
Json findingsToJson(std::string_view projectCode, const std::vector<Finding>& findings);

}  // namespace crossgrant::core
