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

namespace {

core::Scope scopeOfIdentity(store::Reader& db, const std::string& identity,
                            const std::string& code) {
  const std::optional<store::IdentityScope> found = store::identityScope(db, identity);
  // An identity never recorded (a report stored by hand) belongs to no programme.
  if (!found) return core::Scope{"", code, "", true};
  return core::Scope{found->programme, found->code, "", !found->current};
}

}  // namespace

std::optional<ReportScope> Scopes::report(std::int64_t id) {
  return context_.database().read([&](store::Reader& db) -> std::optional<ReportScope> {
    const auto report = store::findSubmittedReport(db, id);
    if (!report) return std::nullopt;
    return ReportScope{scopeOfIdentity(db, report->projectIdentity, report->project), report->kind};
  });
}

core::Scope Scopes::ofIdentity(const std::string& projectIdentity, const std::string& code) {
  return context_.database().read(
      [&](store::Reader& db) { return scopeOfIdentity(db, projectIdentity, code); });
}

}  // namespace crossgrant::app
