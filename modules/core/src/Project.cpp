#include "crossgrant/core/Project.h"

#include <array>

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
