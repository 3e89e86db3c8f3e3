// An object as stored, with its version, and the version an edit is based on.
#pragma once

#include <cstdint>
#include <optional>

namespace crossgrant::app {

template <typename T>
struct Versioned {
  T value;
  std::int64_t version = 0;
};

/// The version an edit is based on; nullopt when the edit did not say.
using BaseVersion = std::optional<std::int64_t>;

}  // namespace crossgrant::app
