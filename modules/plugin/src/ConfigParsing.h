// Reading a rules plugin's configuration values: what ConfiguredRulesPlugin and its work-plan
// keys (WorkPlanRules.h) share. Every failure is a PluginConfigError naming the key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/plugin/PluginApi.h"

namespace crossgrant::plugin::config {

[[noreturn]] void fail(const std::string& key, const std::string& problem);

std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ");
std::string trimmed(std::string_view text);
/// The trimmed items of a comma list; an empty item is an error of key.
std::vector<std::string> splitList(const std::string& key, const std::string& text);
/// a-z, 0-9 and _, starting with a letter: the keys of categories, target groups, event kinds.
bool isListKey(std::string_view text);

}  // namespace crossgrant::plugin::config
