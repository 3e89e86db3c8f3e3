#include "Edits.h"

#include "crossgrant/core/Errors.h"

namespace crossgrant::app::edits {

void lockAt(const std::string& what, BaseVersion version,
            const std::function<bool(std::int64_t)>& lock, const std::function<Current()>& now) {
  if (version && lock(*version)) return;
  const Current current = now();
  if (!version) {
    throw core::VersionRequired(what +
                                " is versioned: a change must say which version it is based on");
  }
  throw core::StaleVersion(what + " is at version " + std::to_string(current.version) + ", not " +
                               std::to_string(*version) +
                               ": read it again and redo the change on what is stored now",
                           current.version, current.json);
}

void requireSameCode(std::string_view pathCode, std::string_view bodyCode) {
  if (pathCode != bodyCode) {
    throw core::InvalidInput("/code", "is \"" + std::string(bodyCode) + "\" but the path names \"" +
                                          std::string(pathCode) + "\"; codes cannot be changed");
  }
}

}  // namespace crossgrant::app::edits
