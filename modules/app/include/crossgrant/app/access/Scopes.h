// Where an object sits in the hierarchy the policy judges by (core::Scope: programme,
// project, partner): what the authorization of a request needs to know about the object it
// names before anything else is read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crossgrant::app {

class Context;

struct ReportScope {
  std::string project;
  std::string programme;  ///< "" when the project no longer exists
  std::string kind;       ///< "financial", "partner", "project" or "audit"
};

class Scopes {
 public:
  explicit Scopes(Context& context) : context_(context) {}

  /// The programme of a project, "" when the project does not exist (the policy then hides it).
  std::string programmeOfProject(std::string_view project);
  /// What a submitted report is about; nullopt when there is no such report.
  std::optional<ReportScope> report(std::int64_t id);

 private:
  Context& context_;
};

}  // namespace crossgrant::app
