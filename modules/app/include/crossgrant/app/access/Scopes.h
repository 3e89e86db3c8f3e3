// Where an object sits in the hierarchy the policy judges by (core::Scope: programme,
// project, partner): what the authorization of a request needs to know about the object it
// names before anything else is read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crossgrant/core/Policy.h"

namespace crossgrant::core {
struct Principal;
}

namespace crossgrant::app {

class Context;

struct ReportScope {
  /// The report's project and programme: a project that is gone (deleted, even when its code
  /// names another project now) with Scope::projectGone, in the programme it was last in ("" when
  /// that is gone too).
  core::Scope scope;
  std::string kind;  ///< "financial", "partner", "project" or "audit"
};

class Scopes {
 public:
  /// asker: whom the lookups are for, with the grants AuthService resolved for them in the
  /// current read unit, or null.
  explicit Scopes(Context& context, const core::Principal* asker = nullptr)
      : context_(context), asker_(asker) {}

  /// The programme of a project, "" when the project does not exist (the policy then hides it).
  /// Read from the asker's grants when one names the project: their programme was resolved
  /// from the project (store::resolvedGrants), so the store need not be asked again.
  std::string programmeOfProject(std::string_view project);
  /// What a submitted report is about; nullopt when there is no such report.
  std::optional<ReportScope> report(std::int64_t id);
  /// The scope of what belongs to a project identity (a report, an audit entry): as report().
  core::Scope ofIdentity(const std::string& projectIdentity, const std::string& code);

 private:
  Context& context_;
  const core::Principal* asker_;
};

}  // namespace crossgrant::app
