#include "crossgrant/core/ProgrammeRules.h"

#include <algorithm>

namespace crossgrant::core {
namespace {

bool listed(const std::vector<Labelled>& list, std::string_view key) {
  return std::any_of(list.begin(), list.end(),
                     [&](const Labelled& item) { return item.key == key; });
}

}  // namespace

const std::string& textIn(const Texts& texts, std::string_view lang) {
  static const std::string kNone;
  const std::string* english = nullptr;
  for (const auto& [code, text] : texts) {
    if (code == lang) return text;
    if (code == "en") english = &text;
  }
  if (english != nullptr) return *english;
  return texts.empty() ? kNone : texts.front().second;
}

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
