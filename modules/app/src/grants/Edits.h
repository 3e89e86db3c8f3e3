// What the services that edit versioned objects share (ProjectService, WorkPlanService): the
// compare-and-set that starts every edit, and the errors for a missing object or a body that
// names another one than its path.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "crossgrant/app/Versioned.h"
#include "crossgrant/core/Json.h"

namespace crossgrant::app::edits {

/// An object as an edit that lost the race gets to see it: its version and its JSON.
struct Current {
  std::int64_t version;
  core::Json json;
};

/// The first step of an edit of a versioned object (what: "partner \"PP6\" of ..."), before it
/// reads anything else: locks the object at the version the edit is based on. Otherwise reads
/// it as stored now (now throws NotFound when it is missing) and throws VersionRequired when no
/// version was given, StaleVersion when another one is stored.
void lockAt(const std::string& what, BaseVersion version,
            const std::function<bool(std::int64_t)>& lock, const std::function<Current()>& now);

/// The key in a request path names the object; a body that names another one is a mistake
/// (InvalidInput at /code).
void requireSameCode(std::string_view pathCode, std::string_view bodyCode);

inline std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace crossgrant::app::edits
