#include "ConfigParsing.h"

#include <algorithm>

namespace crossgrant::plugin::config {

[[noreturn]] void fail(const std::string& key, const std::string& problem) {
  throw PluginConfigError(key, problem);
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> splitList(const std::string& key, const std::string& text) {
  std::vector<std::string> items;
  if (trimmed(text).empty()) return items;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    std::string item = trimmed(std::string_view(text).substr(start, comma - start));
    if (item.empty()) fail(key, "empty item in the comma list '" + text + "'");
    items.push_back(std::move(item));
    if (comma == std::string::npos) return items;
    start = comma + 1;
  }
}

bool isListKey(std::string_view text) {
  if (text.empty() || text.front() < 'a' || text.front() > 'z') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace crossgrant::plugin::config
