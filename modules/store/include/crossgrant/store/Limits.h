// The limits of text columns as the schema description states them (the one place they are
// written), for use cases that check input before they reach the store.
#pragma once

#include <cstddef>
#include <string_view>

namespace crossgrant::store {

/// The most characters column of table holds. Throws std::logic_error for a column the schema
/// does not have or one not limited in characters.
std::size_t characterLimit(std::string_view table, std::string_view column);

}  // namespace crossgrant::store
