// The domain model of a grant project as the bundle format and the store know it: its
// programme, identification, reporting periods, partners with their approved budget by cost
// category and their co-financing. Plain values; validation lives in BundleCodec, findings
// in Findings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crossgrant/core/Date.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Money.h"
#include "crossgrant/core/WorkPlan.h"

namespace crossgrant::core {

struct Programme {
  std::string code;  ///< unique key, e.g. "LV-LT-2014-2020"
  std::string name;
  std::string rules;  ///< key of the programme-rules plugin, e.g. "interreg-2014-2020"
  std::string fund;   ///< e.g. "ERDF"

  bool operator==(const Programme&) const = default;
};

struct Period {
  int number = 0;  ///< 1, 2, ... in order
  Date start;
  Date end;

  bool operator==(const Period&) const = default;
};

struct Project {
  std::string code;  ///< unique key, e.g. "LLI-317"
  std::string programmeCode;
  std::string acronym;
  /// Language code -> title, sorted by language code.
  std::vector<std::pair<std::string, std::string>> titles;
  Date start;
  Date end;
  std::string currency = "EUR";         ///< EUR, LVL or LTL
  std::optional<Amount> approvedTotal;  ///< as in the subsidy contract
  std::optional<Amount> approvedFund;
  std::vector<Period> periods;

  bool operator==(const Project&) const = default;
};

enum class PartnerRole { kLead, kPartner };
enum class LegalStatus { kPublic, kPublicEquivalent, kPrivate, kNgo };
enum class ContributionType { kFund, kPublic, kAutomaticPublic, kPrivate };

std::string_view toString(PartnerRole value);
std::string_view toString(LegalStatus value);
std::string_view toString(ContributionType value);
std::optional<PartnerRole> parsePartnerRole(std::string_view text);
std::optional<LegalStatus> parseLegalStatus(std::string_view text);
std::optional<ContributionType> parseContributionType(std::string_view text);

struct BudgetLine {
  std::string category;  ///< a cost-category key of the programme's rules
  Amount amount;

  bool operator==(const BudgetLine&) const = default;
};

struct Contribution {
  std::string source;  ///< e.g. "ERDF", "Latvijas valsts budžets"
  ContributionType type = ContributionType::kPublic;
  Amount amount;

  bool operator==(const Contribution&) const = default;
};

struct Partner {
  std::string code;  ///< unique in the project: "LP", "PP1", ...
  PartnerRole role = PartnerRole::kPartner;
  std::string name;
  std::string country;  ///< ISO 3166-1 alpha-2
  LegalStatus legalStatus = LegalStatus::kPublic;
  bool vatRecoverable = false;
  Amount total;  ///< approved total budget
  std::vector<BudgetLine> budget;
  std::vector<Contribution> cofinancing;

  /// Sum of the fund-type contributions.
  Amount fundAmount() const;

  bool operator==(const Partner&) const = default;
};

/// A whole project as it travels in a bundle: programme, project, partners in order.
struct Bundle {
  Programme programme;
  Project project;
  std::vector<Partner> partners;
  /// The sections of version 2 (docs/bundle-v2.md), each nullopt where the bundle has none.
  std::optional<WorkPlan> workPlan;
  std::optional<std::vector<Event>> events;
  std::optional<std::vector<Indicator>> indicators;

  /// 2 when the bundle has any section of version 2, else 1: the version it is written as.
  int formatVersion() const { return workPlan || events || indicators ? 2 : 1; }

  bool operator==(const Bundle&) const = default;
};

// The sums crossgrant forms from a project's figures must each fit in an Amount: the findings
// and the reports add up each partner's budget lines and co-financing, and across partners
// their approved totals, budgets and co-financing; in a legacy currency they also show those
// sums and the contract's figures in euro. Each function returns one ValidationError for every
// such sum that would exceed Amount::max() (the message says so), at the pointer of the object
// whose sum it is; empty when every sum fits. Amounts are never negative here (the bundle
// format refuses negative ones), so a part of a sum that fits fits too.

/// A budget's lines, at pointer (the budget array).
std::vector<ValidationError> budgetTotalErrors(const std::vector<BudgetLine>& budget,
                                               const std::string& pointer);
/// Co-financing entries, at pointer (the co-financing array).
std::vector<ValidationError> cofinancingTotalErrors(const std::vector<Contribution>& cofinancing,
                                                    const std::string& pointer);
/// A partner's budget and co-financing, at pointer + "/budget" and pointer + "/cofinancing".
std::vector<ValidationError> partnerTotalErrors(const Partner& partner, const std::string& pointer);
/// Every sum of a bundle: each partner's at /partners/I/budget and /partners/I/cofinancing; the
/// sums across partners at /partners; a contract figure whose euro equivalent does not fit at
/// /project/approved/total or /project/approved/fund.
std::vector<ValidationError> bundleTotalErrors(const Bundle& bundle);

}  // namespace crossgrant::core
