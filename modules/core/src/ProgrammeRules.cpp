#include "crossgrant/core/ProgrammeRules.h"

namespace crossgrant::core {

bool ProgrammeRules::knowsCategory(std::string_view category) const {
  for (const CostCategory& known : categories)
    if (known.key == category) return true;
  return false;
}

}  // namespace crossgrant::core
