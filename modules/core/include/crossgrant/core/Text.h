// Small text utilities every layer needs alike: counting UTF-8 characters and reading
// integers, each written once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace crossgrant::core {

/// The number of code points of UTF-8 text (continuation bytes are not counted).
std::size_t utf8Length(std::string_view utf8);

/// A decimal integer, the whole of text: an optional '-' and digits, from lowest to highest.
/// nullopt for anything else (empty, spaces, '+', other characters, out of range).
std::optional<std::int64_t> parseInteger(
    std::string_view text, std::int64_t lowest = std::numeric_limits<std::int64_t>::min(),
    std::int64_t highest = std::numeric_limits<std::int64_t>::max());

/// A positive integer written as people write one: digits only, no sign, no leading zero.
std::optional<std::int64_t> parsePositiveInteger(std::string_view text);

}  // namespace crossgrant::core
