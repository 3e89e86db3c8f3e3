#include "crossgrant/core/Text.h"

#include <charconv>

namespace crossgrant::core {

std::size_t utf8Length(std::string_view utf8) {
  std::size_t count = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

std::string_view utf8Prefix(std::string_view text, std::size_t most) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && count++ == most)
      return text.substr(0, i);
  }
  return text;
}

std::optional<std::int64_t> parseInteger(std::string_view text, std::int64_t lowest,
                                         std::int64_t highest) {
  std::int64_t number = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, number);
  if (text.empty() || error != std::errc() || stop != end || number < lowest || number > highest)
    return std::nullopt;
  return number;
}

std::optional<std::int64_t> parsePositiveInteger(std::string_view text) {
  if (text.empty() || text.front() < '1' || text.front() > '9') return std::nullopt;
  return parseInteger(text, 1);
}

}  // namespace crossgrant::core
