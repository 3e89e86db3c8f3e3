#include "crossgrant/core/Access.h"

#include <array>
#include <utility>

namespace crossgrant::core {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kProgramme, "programme"},
    {Role::kLead, "lead"},
    {Role::kPartner, "partner"},
    {Role::kController, "controller"},
    {Role::kAuditor, "auditor"},
}};

}  // namespace

std::string_view toString(Role role) {
  for (const auto& [value, name] : kRoleNames)
    if (value == role) return name;
  return "unknown";
}

std::optional<Role> parseRole(std::string_view text) {
  for (const auto& [value, name] : kRoleNames)
    if (name == text) return value;
  return std::nullopt;
}

}  // namespace crossgrant::core
