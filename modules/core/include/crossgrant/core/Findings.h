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
  Amount expected;
  Amount actual;
  std::string message;  ///< one English sentence for people

  Amount difference() const { return actual - expected; }
  bool operator==(const Finding&) const = default;
};

/// All findings of a bundle, in a stable order: partner by partner in bundle order
/// (budget_mismatch, contributions_mismatch, fund_rate_exceeded, flat_rate_mismatch),
/// then the project-level ones (project_total_mismatch, project_fund_mismatch).
std::vector<Finding> computeFindings(const Bundle& bundle, const ProgrammeRules& rules);

/// Findings as the API and `crossgrant check --json` show them: {"project": CODE, "findings":
/// [{"code", "partner"?, "expected", "actual", "difference", "message"}]}.
Json findingsToJson(std::string_view projectCode, const std::vector<Finding>& findings);

}  // namespace crossgrant::core
