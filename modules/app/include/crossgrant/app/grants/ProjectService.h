// The grant-management use cases the CLI and the HTTP API share, so that both behave the
// same: import and export of bundles, findings, and edits of programmes, projects and
// partners. Values in and out are domain values (core/Project.h); parsing and showing them is
// the caller's business. Each operation runs in one unit of work and fails before it commits;
// one that throws leaves the database unchanged. Data whose sums would exceed the largest amount
// (core::bundleTotalErrors) is core::InvalidInput: a bundle's errors at their pointers in the
// bundle, a partner's, its budget's or co-financing's at their pointers in that object ("" for
// a sum across partners that the object would make overflow), a project's likewise. Every
// change appends one entry to the audit trail in that unit, recorded as the caller's actor, with
// the object's record (AuditRecorder.h) before and after; an import and a project's deletion record
// the whole bundle, a budget or co-financing replacement the array.
//
// Programmes, projects and partners carry a version (1 when created, one more with every
// change; a partner's budget and co-financing are part of the partner). Versions never go back
// (store/ProjectRepository.h): a replaced project and the partners it keeps go on counting from
// the ones they replace, and an object created again under a deleted code starts above the
// last version it had, so an edit based on a copy read before is stale. An update or delete names
// the version it is based on and is checked in this order: the object exists (core::NotFound), a
// version is given (core::VersionRequired), it is the stored one (core::StaleVersion, carrying the
// object's record as stored now). The version check and the write are one compare-and-set, so
// of two edits based on one version exactly one succeeds, also across processes sharing one
// MariaDB. Other errors: core::InvalidInput (rules), core::Conflict (duplicates, objects in
// use), core::Forbidden (what the caller's roles allow depends on the data: see
// importBundle and updatePartner).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Versioned.h"
#include "crossgrant/core/Findings.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/Project.h"
#include "crossgrant/store/UserRepository.h"

namespace crossgrant::app {

class Context;

/// A grant revoked because the object it was scoped to went away.
using RevokedGrant = store::ScopedGrant;

struct ImportResult {
  std::string projectCode;
  bool replaced = false;
  /// The project's stored version and number of partners before the replace (replaced only)
  /// and after the import, read in its transaction.
  std::int64_t previousVersion = 0;
  std::size_t previousPartners = 0;
  std::int64_t version = 0;
  std::size_t partners = 0;
  std::vector<core::Finding> findings;
  /// Grants scoped to partners the new bundle no longer has.
  std::vector<RevokedGrant> revoked;
};

/// The tag of an exported bundle's text (SHA-256, hex): GET …/bundle sends it as its ETag,
/// and a replace that names it replaces only that state.
std::string bundleTag(std::string_view bundleText);

class ProjectService {
 public:
  ProjectService(Context& context, Caller caller);

  /// Reads a bundle document with the loaded plugins' rules (core::InvalidInput with every
  /// problem's pointer).
  core::Bundle readBundle(std::string_view text) const;
  /// Stores a bundle. Conflict if the project exists and !replace. With expectedBundle
  /// (bundleTag of an export), the replace happens only while the stored project still exports
  /// to exactly that (Conflict otherwise), so that an edit of the project or any partner made
  /// since the caller's export is not lost silently. Forbidden unless the caller may manage
  /// projects (a new project), or may write the existing project and the bundle keeps it in its
  /// programme.
  /// alsoStore, when given, runs in the import's unit once the bundle is stored, with the
  /// project's identity (a project archive adds its evidence files' rows): what it throws
  /// undoes the import.
  ImportResult importBundle(
      const core::Bundle& bundle, bool replace,
      const std::optional<std::string>& expectedBundle = {},
      const std::function<void(store::Connection&, const std::string& identity)>& alsoStore = {});
  /// The check importBundle makes first (Forbidden), on its own: for callers that must refuse
  /// an import the caller may not make before they look at anything else.
  void authorizeImport(const core::Bundle& bundle);
  /// The canonical bundle text of a stored project. NotFound if missing.
  std::string exportBundle(std::string_view projectCode);
  core::Bundle loadBundle(std::string_view projectCode);
  /// The project's findings, those of version 2 judged at asOf (default: today, UTC).
  std::vector<core::Finding> findings(std::string_view projectCode,
                                      const std::optional<core::Date>& asOf = std::nullopt);

  std::vector<core::Programme> programmes();
  Versioned<core::Programme> programme(std::string_view code);
  Versioned<core::Programme> createProgramme(const core::Programme& programme);
  /// programme.code must be code (codes cannot change).
  Versioned<core::Programme> updateProgramme(std::string_view code,
                                             const core::Programme& programme, BaseVersion version);
  std::vector<RevokedGrant> deleteProgramme(std::string_view code, BaseVersion version);

  std::vector<core::Project> projects(std::string_view programmeCode = {});
  Versioned<core::Project> project(std::string_view code);
  /// project.programmeCode names its programme (InvalidInput at /programme when empty).
  Versioned<core::Project> createProject(const core::Project& project);
  /// project.programmeCode is empty or the stored one: a project cannot move.
  Versioned<core::Project> updateProject(std::string_view code, const core::Project& project,
                                         BaseVersion version);
  std::vector<RevokedGrant> deleteProject(std::string_view code, BaseVersion version);

  /// The rules of a project's programme, to read partner data with (NotFound for a missing
  /// project).
  const core::ProgrammeRules& projectRules(std::string_view projectCode);
  std::vector<core::Partner> partners(std::string_view projectCode);
  Versioned<core::Partner> partner(std::string_view projectCode, std::string_view partnerCode);
  Versioned<core::Partner> createPartner(std::string_view projectCode,
                                         const core::Partner& partner);
  /// Forbidden when the caller may not change approved figures (role, total, budget,
  /// co-financing) and the partner's differ from the stored ones.
  Versioned<core::Partner> updatePartner(std::string_view projectCode, std::string_view partnerCode,
                                         const core::Partner& partner, BaseVersion version);
  std::vector<RevokedGrant> deletePartner(std::string_view projectCode,
                                          std::string_view partnerCode, BaseVersion version);
  /// Replace a partner's budget lines or co-financing entries as a whole; the version is the
  /// partner's. A StaleVersion carries the current budget (co-financing) array.
  Versioned<core::Partner> replaceBudget(std::string_view projectCode, std::string_view partnerCode,
                                         const std::vector<core::BudgetLine>& budget,
                                         BaseVersion version);
  Versioned<core::Partner> replaceCofinancing(std::string_view projectCode,
                                              std::string_view partnerCode,
                                              const std::vector<core::Contribution>& cofinancing,
                                              BaseVersion version);

 private:
  /// Replaces one part of a partner (part: "budget" or "cofinancing", the audited object) in
  /// one unit, versioned by the partner: apply sets the part, view records it.
  Versioned<core::Partner> replacePartnerPart(
      std::string_view projectCode, std::string_view partnerCode, BaseVersion version,
      const char* part, const std::function<void(core::Partner&)>& apply,
      const std::function<core::Json(const Versioned<core::Partner>&)>& view);

  Context& context_;
  Caller caller_;
};

}  // namespace crossgrant::app
