#include "crossgrant/core/ProgrammeRules.h"

#include <algorithm>

namespace crossgrant::core {
namespace {

bool listed(const std::vector<Labelled>& list, std::string_view key) {
  return std::any_of(list.begin(), list.end(),
                     [&](const Labelled& item) { return item.key == key; });
}

}  // namespace

bool ProgrammeRules::knowsCategory(std::string_view category) const {
  for (const CostCategory& known : categories)
    if (known.key == category) return true;
  return false;
}

bool ProgrammeRules::knowsTargetGroup(std::string_view key) const {
  return listed(targetGroups, key);
}

bool ProgrammeRules::knowsEventKind(std::string_view key) const { return listed(eventKinds, key); }

const ProgrammeIndicator* ProgrammeRules::indicator(std::string_view code) const {
  for (const ProgrammeIndicator& known : indicators)
    if (known.code == code) return &known;
  return nullptr;
}

}  // namespace crossgrant::core
