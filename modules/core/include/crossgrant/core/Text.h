// Small text utilities every layer needs alike: counting UTF-8 characters and reading
// integers, each written once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace crossgrant::core {

/// The number of characters (code points) of UTF-8 text: every byte that is not a
/// continuation byte (10xxxxxx) starts one. Meant for valid UTF-8; never reads past the end.
std::size_t utf8Length(std::string_view utf8);

/// The first `most` characters of UTF-8 text, cut only where a character starts; the whole
/// text when it has no more than `most`.
std::string_view utf8Prefix(std::string_view text, std::size_t most);

/// A decimal integer, the whole of text: an optional '-' and digits, from lowest to highest.
/// nullopt for anything else (empty, spaces, '+', other characters, out of range).
std::optional<std::int64_t> parseInteger(
    std::string_view text, std::int64_t lowest = std::numeric_limits<std::int64_t>::min(),
    std::int64_t highest = std::numeric_limits<std::int64_t>::max());

/// A positive integer written as people write one: digits only, no sign, no leading zero.
std::optional<std::int64_t> parsePositiveInteger(std::string_view text);

}  // namespace crossgrant::core
