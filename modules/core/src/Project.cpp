#include "crossgrant/core/Project.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace crossgrant::core {
namespace {

template <typename Enum, std::size_t N>
using Names = std::array<std::pair<Enum, std::string_view>, N>;

constexpr Names<PartnerRole, 2> kRoles{
    {{PartnerRole::kLead, "lead"}, {PartnerRole::kPartner, "partner"}}};
constexpr Names<LegalStatus, 4> kStatuses{{{LegalStatus::kPublic, "public"},
                                           {LegalStatus::kPublicEquivalent, "public_equivalent"},
                                           {LegalStatus::kPrivate, "private"},
                                           {LegalStatus::kNgo, "ngo"}}};
constexpr Names<ContributionType, 4> kTypes{
    {{ContributionType::kFund, "fund"},
     {ContributionType::kPublic, "public"},
     {ContributionType::kAutomaticPublic, "automatic_public"},
     {ContributionType::kPrivate, "private"}}};

template <typename Enum, std::size_t N>
std::string_view nameOf(const Names<Enum, N>& names, Enum value) {
  for (const auto& [key, name] : names)
    if (key == value) return name;
  return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const Names<Enum, N>& names, std::string_view text) {
  for (const auto& [key, name] : names)
    if (name == text) return key;
  return std::nullopt;
}

std::string tooLarge(const std::string& what) {
  return what + " exceeds " + Amount::max().toString() + ", the largest amount crossgrant stores";
}

template <typename Items, typename AmountOf>
std::optional<Amount> sumOf(const Items& items, AmountOf amountOf) {
  std::optional<Amount> sum = Amount();
  for (const auto& item : items) {
    sum = sum->checkedAdd(amountOf(item));
    if (!sum) break;
  }
  return sum;
}

std::optional<Amount> plus(std::optional<Amount> sum, std::optional<Amount> amount) {
  if (!sum || !amount) return std::nullopt;
  return sum->checkedAdd(*amount);
}

// Whether an amount in a legacy currency has a euro equivalent, whatever the rounding (half
// up gives the largest).
bool fitsInEuro(Amount amount, std::string_view currency) {
  try {
    toEuro(amount, currency, Rounding::kHalfUp);
    return true;
  } catch (const MoneyError&) {
    return false;
  }
}

Amount budgetAmount(const BudgetLine& line) { return line.amount; }
Amount contributionAmount(const Contribution& contribution) { return contribution.amount; }

}  // namespace

std::string_view toString(PartnerRole value) { return nameOf(kRoles, value); }
std::string_view toString(LegalStatus value) { return nameOf(kStatuses, value); }
std::string_view toString(ContributionType value) { return nameOf(kTypes, value); }
std::optional<PartnerRole> parsePartnerRole(std::string_view text) { return valueOf(kRoles, text); }
std::optional<LegalStatus> parseLegalStatus(std::string_view text) {
  return valueOf(kStatuses, text);
}
std::optional<ContributionType> parseContributionType(std::string_view text) {
  return valueOf(kTypes, text);
}

Amount Partner::fundAmount() const {
  Amount sum;
  for (const Contribution& c : cofinancing)
    if (c.type == ContributionType::kFund) sum += c.amount;
  return sum;
}

}  // namespace crossgrant::core

namespace crossgrant::core {

std::vector<ValidationError> budgetTotalErrors(const std::vector<BudgetLine>& budget,
                                               const std::string& pointer) {
  if (sumOf(budget, budgetAmount)) return {};
  return {{pointer, tooLarge("the total of the budget lines")}};
}

std::vector<ValidationError> cofinancingTotalErrors(const std::vector<Contribution>& cofinancing,
                                                    const std::string& pointer) {
  if (sumOf(cofinancing, contributionAmount)) return {};
  return {{pointer, tooLarge("the total of the co-financing")}};
}

std::vector<ValidationError> partnerTotalErrors(const Partner& partner,
                                                const std::string& pointer) {
  std::vector<ValidationError> errors = budgetTotalErrors(partner.budget, pointer + "/budget");
  for (ValidationError& error :
       cofinancingTotalErrors(partner.cofinancing, pointer + "/cofinancing"))
    errors.push_back(std::move(error));
  return errors;
}

std::vector<ValidationError> bundleTotalErrors(const Bundle& bundle) {
  std::vector<ValidationError> errors;
  std::optional<Amount> totals = Amount();
  std::optional<Amount> budgets = Amount();
  std::optional<Amount> cofinancing = Amount();
  bool partnersFit = true;
  for (std::size_t i = 0; i < bundle.partners.size(); ++i) {
    const Partner& partner = bundle.partners[i];
    const std::optional<Amount> budget = sumOf(partner.budget, budgetAmount);
    const std::optional<Amount> contributions = sumOf(partner.cofinancing, contributionAmount);
    for (ValidationError& error : partnerTotalErrors(partner, "/partners/" + std::to_string(i))) {
      errors.push_back(std::move(error));
      partnersFit = false;
    }
    totals = plus(totals, partner.total);
    budgets = plus(budgets, budget);
    cofinancing = plus(cofinancing, contributions);
  }
  if (!totals)
    errors.push_back({"/partners", tooLarge("the sum of the partners' approved totals")});
  if (partnersFit && !budgets)
    errors.push_back({"/partners", tooLarge("the sum of the partners' budgets")});
  if (partnersFit && !cofinancing)
    errors.push_back({"/partners", tooLarge("the sum of the partners' co-financing")});

  const std::string& currency = bundle.project.currency;
  const Currency* known = findCurrency(currency);
  if (known == nullptr || !known->unitsPerEuro) return errors;
  const auto inEuro = [&](const std::optional<Amount>& sum, const std::string& pointer,
                          const std::string& what) {
    if (sum && !fitsInEuro(*sum, currency))
      errors.push_back({pointer, tooLarge("in euro, " + what)});
  };
  inEuro(totals, "/partners", "the sum of the partners' approved totals");
  inEuro(budgets, "/partners", "the sum of the partners' budgets");
  inEuro(cofinancing, "/partners", "the sum of the partners' co-financing");
  inEuro(bundle.project.approvedTotal, "/project/approved/total", "the approved total");
  inEuro(bundle.project.approvedFund, "/project/approved/fund", "the approved fund");
  return errors;
}

}  // namespace crossgrant::core
