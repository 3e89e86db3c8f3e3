// Where an object sits in the hierarchy the policy judges by (core::Scope: programme,
// project, partner): what the authorization of a request needs to know about the object it
// names before anything else is read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crossgrant::core {
struct Principal;
}

namespace crossgrant::app {

class Context;

struct ReportScope {
  std::string project;
  std::string programme;  ///< "" when the project no longer exists
  std::string kind;       ///< "financial", "partner", "project" or "audit"
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

 private:
  Context& context_;
  const core::Principal* asker_;
};

}  // namespace crossgrant::app
