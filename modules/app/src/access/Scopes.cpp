#include "crossgrant/app/access/Scopes.h"

#include "crossgrant/app/Context.h"
#include "crossgrant/core/Access.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/ReportRepository.h"
#include "crossgrant/store/UserRepository.h"

namespace crossgrant::app {

std::string Scopes::programmeOfProject(std::string_view project) {
  if (asker_ != nullptr)
    for (const core::Grant& grant : asker_->grants)
      if (grant.project == project && !grant.programme.empty()) return grant.programme;
  return context_.database()
      .read([&](store::Reader& db) { return store::programmeOfProject(db, project); })
      .value_or("");
}

std::optional<ReportScope> Scopes::report(std::int64_t id) {
  return context_.database().read([&](store::Reader& db) -> std::optional<ReportScope> {
    const auto report = store::findSubmittedReport(db, id);
    if (!report) return std::nullopt;
    return ReportScope{report->project, store::programmeOfProject(db, report->project).value_or(""),
                       report->kind};
  });
}

}  // namespace crossgrant::app
