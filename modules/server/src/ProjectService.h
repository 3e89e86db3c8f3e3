// The operations the CLI and the HTTP API share, so that both behave the same: import and
// export of bundles, findings, and validated edits of programmes, projects and partners.
// Each operation runs in one transaction; one that throws leaves the database unchanged.
// Every change appends one entry to the audit trail (store/AuditLog.h) in that transaction,
// recorded as the service's actor, with the object's JSON before and after, as the API shows
// it (with its version); an import and a project's deletion record the whole bundle, and a
// budget or co-financing replacement the array.
//
// Programmes, projects and partners carry a version (1 when created, one more with every
// change; a partner's budget and co-financing are part of the partner). An update or delete
// names the version it is based on and is checked in this order: the body is valid
// (core::InvalidInput), the object exists (core::NotFound), a version is given
// (core::VersionRequired), it is the stored one (core::StaleVersion, carrying the object as
// stored now). The version check and the write are one compare-and-set, so of two edits based
// on one version exactly one succeeds, also across processes sharing one MariaDB.
// Other errors: core::Conflict (duplicates, objects in use).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Access.h"
#include "crossgrant/core/Findings.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/Project.h"

namespace crossgrant::server {

class AppContext;

struct ImportResult {
  std::string projectCode;
  bool replaced = false;
  std::vector<core::Finding> findings;
};

/// An object as stored, with its version.
template <typename T>
struct Versioned {
  T value;
  std::int64_t version = 0;
};

/// The version an edit is based on; nullopt when the edit did not say.
using BaseVersion = std::optional<std::int64_t>;

/// The tag of an exported bundle's text (SHA-256, hex): GET …/bundle sends it as its ETag,
/// and a replace that names it in If-Match replaces only that state.
std::string bundleTag(std::string_view bundleText);

class ProjectService {
 public:
  /// actor: who the changes are recorded as in the audit trail.
  ProjectService(AppContext& context, core::Actor actor);

  /// Validates and stores a bundle document. Conflict if the project exists and !replace.
  /// A replaced project's version goes on counting from the one it replaces. With
  /// expectedBundle (the SHA-256 hex of an export, bundleTag), the replace happens only while
  /// the stored project still exports to exactly that (Conflict otherwise), so that an edit
  /// of the project or any partner made since the caller's export is not lost silently.
  ImportResult importBundle(std::string_view text, bool replace,
                            const std::optional<std::string>& expectedBundle = {});
  /// The canonical bundle text of a stored project. NotFound if missing.
  std::string exportBundle(std::string_view projectCode);
  core::Bundle loadBundle(std::string_view projectCode);
  std::vector<core::Finding> findings(std::string_view projectCode);
  /// The rules a programme's plugin gives; InvalidInput if no plugin has that key.
  const core::ProgrammeRules& rulesFor(const std::string& rulesKey) const;

  std::vector<core::Programme> programmes();
  Versioned<core::Programme> programme(std::string_view code);
  Versioned<core::Programme> createProgramme(const core::Json& body);
  /// body is the whole programme; its code must equal the one in the path.
  Versioned<core::Programme> updateProgramme(std::string_view code, const core::Json& body,
                                             BaseVersion version);
  void deleteProgramme(std::string_view code, BaseVersion version);

  std::vector<core::Project> projects(std::string_view programmeCode = {});
  Versioned<core::Project> project(std::string_view code);
  /// body: the bundle's "project" object plus "programme" (the programme's code).
  Versioned<core::Project> createProject(const core::Json& body);
  Versioned<core::Project> updateProject(std::string_view code, const core::Json& body,
                                         BaseVersion version);
  void deleteProject(std::string_view code, BaseVersion version);

  std::vector<core::Partner> partners(std::string_view projectCode);
  Versioned<core::Partner> partner(std::string_view projectCode, std::string_view partnerCode);
  Versioned<core::Partner> createPartner(std::string_view projectCode, const core::Json& body);
  Versioned<core::Partner> updatePartner(std::string_view projectCode, std::string_view partnerCode,
                                         const core::Json& body, BaseVersion version);
  void deletePartner(std::string_view projectCode, std::string_view partnerCode,
                     BaseVersion version);
  /// Replace a partner's budget lines or co-financing entries as a whole (a JSON array); the
  /// version is the partner's. A StaleVersion carries the current budget (co-financing).
  Versioned<core::Partner> replaceBudget(std::string_view projectCode, std::string_view partnerCode,
                                         const core::Json& body, BaseVersion version);
  Versioned<core::Partner> replaceCofinancing(std::string_view projectCode,
                                              std::string_view partnerCode, const core::Json& body,
                                              BaseVersion version);

 private:
  /// Replaces one part of a partner (part: "budget" or "cofinancing", the audited object) in
  /// one transaction, versioned by the partner: apply sets the part, view shows it as the API
  /// does (for the audit entry and a 409's current state).
  Versioned<core::Partner> replacePartnerPart(
      std::string_view projectCode, std::string_view partnerCode, BaseVersion version,
      const char* part, const std::function<void(core::Partner&)>& apply,
      const std::function<core::Json(const Versioned<core::Partner>&)>& view);

  /// The rules of a project's programme (NotFound for a missing project), read in a
  /// transaction of its own, before an edit's: they cannot change while the project exists.
  const core::ProgrammeRules& projectRules(std::string_view projectCode);

  AppContext& context_;
  core::Actor actor_;
};

/// The API's JSON for one object: the bundle's object plus "version" last; a project also
/// carries "programme" (its programme's code) first.
core::Json programmeJson(const Versioned<core::Programme>& programme);
core::Json projectJson(const Versioned<core::Project>& project);
core::Json partnerJson(const Versioned<core::Partner>& partner);

/// Findings as the CLI's --json and the API print them:
/// {"project": CODE, "findings": [{"code", "partner"?, "expected", "actual", "difference",
/// "message"}]}.
core::Json findingsToJson(std::string_view projectCode, const std::vector<core::Finding>& findings);

}  // namespace crossgrant::server
