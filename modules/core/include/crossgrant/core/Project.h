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
#include "crossgrant/core/Money.h"

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

  bool operator==(const Bundle&) const = default;
};

}  // namespace crossgrant::core
