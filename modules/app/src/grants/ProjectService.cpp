#include "crossgrant/app/grants/ProjectService.h"

#include "Edits.h"

#include <algorithm>

#include <functional>
#include <optional>
#include <utility>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/app/identity/UserService.h"
#include "crossgrant/app/workplan/EvidenceService.h"
#include "crossgrant/core/Audit.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Policy.h"
#include "crossgrant/store/AuditLog.h"
#include "crossgrant/store/ProgressRepository.h"
#include "crossgrant/store/ProjectRepository.h"

namespace crossgrant::app {
namespace {

using core::Json;
using edits::Current;
using edits::lockAt;
using edits::quoted;
using edits::requireSameCode;
using store::Connection;

[[noreturn]] void notFound(std::string_view what, std::string_view code) {
  throw core::NotFound(std::string(what) + " \"" + std::string(code) + "\" does not exist");
}

core::Programme requireProgramme(store::Reader& db, std::string_view code) {
  auto programme = store::findProgramme(db, code);
  if (!programme) notFound("programme", code);
  return *programme;
}

core::Project requireProject(store::Reader& db, std::string_view code) {
  auto project = store::findProject(db, code);
  if (!project) notFound("project", code);
  return *project;
}

core::Partner requirePartner(store::Reader& db, std::string_view projectCode,
                             std::string_view partnerCode) {
  requireProject(db, projectCode);
  auto partner = store::findPartner(db, projectCode, partnerCode);
  if (!partner) {
    throw core::NotFound("partner \"" + std::string(partnerCode) +
                         "\" does not exist in project \"" + std::string(projectCode) + "\"");
  }
  return *partner;
}

// A project has exactly one lead partner: refuse a second one.
void requireSingleLead(store::Reader& db, std::string_view projectCode,
                       const core::Partner& partner) {
  if (partner.role != core::PartnerRole::kLead) return;
  for (const core::Partner& other : store::listPartners(db, projectCode)) {
    if (other.role == core::PartnerRole::kLead && other.code != partner.code) {
      throw core::InvalidInput("/role", "project \"" + std::string(projectCode) +
                                            "\" already has lead partner \"" + other.code + "\"");
    }
  }
}

Versioned<core::Programme> storedProgramme(store::Reader& db, std::string_view code) {
  core::Programme programme = requireProgramme(db, code);
  return {std::move(programme), store::programmeVersion(db, code).value()};
}

Versioned<core::Project> storedProject(store::Reader& db, std::string_view code) {
  std::optional<store::VersionedProject> stored = store::findVersionedProject(db, code);
  if (!stored) notFound("project", code);
  return {std::move(stored->project), stored->version};
}

Versioned<core::Partner> storedPartner(store::Reader& db, std::string_view projectCode,
                                       std::string_view partnerCode) {
  core::Partner partner = requirePartner(db, projectCode, partnerCode);
  return {std::move(partner), store::partnerVersion(db, projectCode, partnerCode).value()};
}

void lockProgrammeAt(Connection& db, std::string_view code, BaseVersion version) {
  lockAt(
      "programme " + quoted(code), version,
      [&](std::int64_t v) { return store::lockProgramme(db, code, v); },
      [&] {
        const auto current = storedProgramme(db, code);
        return Current{current.version, programmeRecord(current)};
      });
}

void lockProjectAt(Connection& db, std::string_view code, BaseVersion version) {
  lockAt(
      "project " + quoted(code), version,
      [&](std::int64_t v) { return store::lockProject(db, code, v); },
      [&] {
        const auto current = storedProject(db, code);
        return Current{current.version, projectRecord(current)};
      });
}

/// current shows the partner the way the edited resource does (the partner, its budget, ...).
void lockPartnerAt(Connection& db, std::string_view projectCode, std::string_view partnerCode,
                   BaseVersion version,
                   const std::function<Json(const Versioned<core::Partner>&)>& current) {
  lockAt(
      "partner " + quoted(partnerCode) + " of project " + quoted(projectCode), version,
      [&](std::int64_t v) { return store::lockPartner(db, projectCode, partnerCode, v); },
      [&] {
        const auto stored = storedPartner(db, projectCode, partnerCode);
        return Current{stored.version, current(stored)};
      });
}

std::string partnerKey(std::string_view projectCode, std::string_view partnerCode) {
  return std::string(projectCode) + "/" + std::string(partnerCode);
}

/// Whether two versions of a partner differ in what only those who may change approved
/// figures may change.
bool figuresDiffer(const core::Partner& a, const core::Partner& b) {
  return a.role != b.role || a.total != b.total || a.budget != b.budget ||
         a.cofinancing != b.cofinancing;
}

/// Refuses a bundle any of whose sums would not fit in an amount (core::bundleTotalErrors), with
/// each error's pointer as relocate gives it for the document the caller sent.
void requireTotalsFit(const core::Bundle& bundle,
                      const std::function<std::string(const std::string&)>& relocate) {
  std::vector<core::ValidationError> errors = core::bundleTotalErrors(bundle);
  if (errors.empty()) return;
  for (core::ValidationError& error : errors) error.pointer = relocate(error.pointer);
  throw core::InvalidInput(std::move(errors));
}

/// The stored project with partner (new or changed) in it, checked as a whole: an edit of one
/// partner must not make a sum across partners overflow. Errors of that partner's own sums keep
/// their pointer within the partner (within the part when part is "budget" or "cofinancing");
/// a sum across partners is located at the edited object itself ("").
void requirePartnerTotalsFit(store::Reader& db, std::string_view projectCode,
                             const core::Partner& partner, std::string_view part = {}) {
  core::Bundle bundle = store::loadBundle(db, projectCode).value();
  std::size_t index = bundle.partners.size();
  for (std::size_t i = 0; i < bundle.partners.size(); ++i)
    if (bundle.partners[i].code == partner.code) index = i;
  if (index == bundle.partners.size())
    bundle.partners.push_back(partner);
  else
    bundle.partners[index] = partner;
  const std::string own = "/partners/" + std::to_string(index);
  const std::string ownPart = part.empty() ? own : own + "/" + std::string(part);
  requireTotalsFit(bundle, [&](const std::string& pointer) -> std::string {
    if (pointer.rfind(ownPart, 0) == 0 &&
        (pointer.size() == ownPart.size() || pointer[ownPart.size()] == '/'))
      return pointer.substr(ownPart.size());
    return "";
  });
}

/// Who is not an admin may only replace a project it may write, within its programme; a
/// project it may not replace is answered as if it did not exist (the same Forbidden).
void requireImportAllowed(store::Reader& db, const core::Principal& principal,
                          const core::Bundle& bundle) {
  if (core::allows(principal, core::Operation::kManage, {})) return;
  const std::optional<std::string> stored = store::programmeOfProject(db, bundle.project.code);
  const core::Decision decision = stored ? core::decide(principal, core::Operation::kWriteProject,
                                                        {*stored, bundle.project.code, ""})
                                         : core::Decision{};
  if (!decision.allowed())
    throw core::Forbidden(
        "only an admin may import a new project; a lead partner may replace its own project "
        "(?replace=true)");
  if (bundle.programme.code != *stored)
    throw core::Forbidden("project " + quoted(bundle.project.code) + " belongs to programme " +
                          quoted(*stored) + "; only an admin may import it into another programme");
}

}  // namespace

ProjectService::ProjectService(Context& context, Caller caller)
    : context_(context), caller_(std::move(caller)) {}

std::string bundleTag(std::string_view bundleText) { return core::sha256Hex(bundleText); }

void ProjectService::authorizeImport(const core::Bundle& bundle) {
  context_.database().read(
      [&](store::Reader& db) { requireImportAllowed(db, caller_.principal, bundle); });
}

core::Bundle ProjectService::readBundle(std::string_view text) const {
  return core::readBundle(text, context_.plugins().lookup());
}

ImportResult ProjectService::importBundle(
    const core::Bundle& bundle, bool replace, const std::optional<std::string>& expectedBundle,
    const std::function<void(Connection&, const std::string& identity)>& alsoStore) {
  const core::ProgrammeRules& rules = context_.rules(bundle.programme.rules);
  requireTotalsFit(bundle, [](const std::string& pointer) { return pointer; });
  ImportResult result;
  result.projectCode = bundle.project.code;
  // Computed before anything is written: nothing may fail once the unit has committed.
  result.findings = core::computeFindings(bundle, rules);
  context_.database().write([&](Connection& db) {
    requireImportAllowed(db, caller_.principal, bundle);
    if (expectedBundle) {
      // Lock the project first, so that nothing changes it between the comparison and the
      // replace (two servers on one MariaDB included).
      if (!store::findProject(db, bundle.project.code)) {
        throw core::Conflict("project " + quoted(bundle.project.code) +
                             " does not exist, but If-Match names an export of it");
      }
      lockProjectAt(db, bundle.project.code, storedProject(db, bundle.project.code).version);
      if (bundleTag(core::writeBundle(store::loadBundle(db, bundle.project.code).value())) !=
          *expectedBundle) {
        throw core::Conflict("project " + quoted(bundle.project.code) +
                             " has changed since that export (If-Match); export it again, "
                             "apply your changes and replace again");
      }
    }
    const std::optional<core::Bundle> previous = store::loadBundle(db, bundle.project.code);
    result.replaced = previous.has_value();
    if (previous) {
      result.previousVersion = store::projectVersion(db, bundle.project.code).value();
      result.previousPartners = previous->partners.size();
    }
    store::saveBundle(db, bundle, replace);
    if (previous) {
      // Partners the new bundle no longer has are gone: so are the grants scoped to them.
      for (const core::Partner& old : previous->partners) {
        const bool kept = std::any_of(bundle.partners.begin(), bundle.partners.end(),
                                      [&](const core::Partner& p) { return p.code == old.code; });
        if (kept) continue;
        for (RevokedGrant& revoked :
             revokeGrantsScopedTo(db, context_.auditKey(), caller_.actor, context_.nowMillis(), "",
                                  bundle.project.code, old.code))
          result.revoked.push_back(std::move(revoked));
      }
    }
    const std::optional<core::Bundle> stored = store::loadBundle(db, bundle.project.code);
    result.version = store::projectVersion(db, bundle.project.code).value();
    result.partners = stored.value().partners.size();
    recordChange(db, context_.auditKey(), caller_.actor, "import", "bundle", result.projectCode,
                 result.projectCode,
                 previous ? std::optional<Json>(core::bundleToJson(*previous)) : std::nullopt,
                 core::bundleToJson(stored.value()));
    if (alsoStore) alsoStore(db, store::projectIdentity(db, bundle.project.code).value());
  });
  return result;
}

core::Bundle ProjectService::loadBundle(std::string_view projectCode) {
  auto bundle = context_.database().read(
      [&](store::Reader& db) { return store::loadBundle(db, projectCode); });
  if (!bundle) notFound("project", projectCode);
  return *bundle;
}

std::string ProjectService::exportBundle(std::string_view projectCode) {
  return core::writeBundle(loadBundle(projectCode));
}

std::vector<core::Finding> ProjectService::findings(std::string_view projectCode,
                                                    const std::optional<core::Date>& asOf) {
  const core::Bundle bundle = loadBundle(projectCode);
  const core::ProgrammeRules& rules = context_.rules(bundle.programme.rules);
  return asOf ? core::computeFindings(bundle, rules, *asOf) : core::computeFindings(bundle, rules);
}

// ---- programmes

std::vector<core::Programme> ProjectService::programmes() {
  return context_.database().read([](store::Reader& db) { return store::listProgrammes(db); });
}

Versioned<core::Programme> ProjectService::programme(std::string_view code) {
  return context_.database().read([&](store::Reader& db) { return storedProgramme(db, code); });
}

Versioned<core::Programme> ProjectService::createProgramme(const core::Programme& programme) {
  return context_.database().write([&](Connection& db) {
    store::insertProgramme(db, programme);
    Versioned<core::Programme> after = storedProgramme(db, programme.code);
    recordChange(db, context_.auditKey(), caller_.actor, "create", "programme", programme.code, "",
                 std::nullopt, programmeRecord(after));
    return after;
  });
}

Versioned<core::Programme> ProjectService::updateProgramme(std::string_view code,
                                                           const core::Programme& programme,
                                                           BaseVersion version) {
  requireSameCode(code, programme.code);
  return context_.database().write([&](Connection& db) {
    lockProgrammeAt(db, code, version);
    const Versioned<core::Programme> before = storedProgramme(db, code);
    if (before.value.rules != programme.rules && !store::listProjects(db, code).empty()) {
      throw core::Conflict("programme \"" + std::string(code) +
                           "\" has projects; its rules cannot change from \"" + before.value.rules +
                           "\" to \"" + programme.rules + "\"");
    }
    store::updateProgramme(db, programme);
    Versioned<core::Programme> after = storedProgramme(db, code);
    recordChange(db, context_.auditKey(), caller_.actor, "update", "programme", programme.code, "",
                 programmeRecord(before), programmeRecord(after));
    return after;
  });
}

std::vector<RevokedGrant> ProjectService::deleteProgramme(std::string_view code,
                                                          BaseVersion version) {
  return context_.database().write([&](Connection& db) {
    lockProgrammeAt(db, code, version);
    const Versioned<core::Programme> before = storedProgramme(db, code);
    store::deleteProgramme(db, code);
    std::vector<RevokedGrant> revoked = revokeGrantsScopedTo(db, context_.auditKey(), caller_.actor,
                                                             context_.nowMillis(), code, "", "");
    recordChange(db, context_.auditKey(), caller_.actor, "delete", "programme", std::string(code),
                 "", programmeRecord(before), std::nullopt);
    return revoked;
  });
}

// ---- projects

std::vector<core::Project> ProjectService::projects(std::string_view programmeCode) {
  return context_.database().read([&](store::Reader& db) {
    if (!programmeCode.empty()) requireProgramme(db, programmeCode);
    return store::listProjects(db, programmeCode);
  });
}

Versioned<core::Project> ProjectService::project(std::string_view code) {
  return context_.database().read([&](store::Reader& db) { return storedProject(db, code); });
}

Versioned<core::Project> ProjectService::createProject(const core::Project& project) {
  if (project.programmeCode.empty()) {
    throw core::InvalidInput("/programme", "missing: the code of the project's programme");
  }
  return context_.database().write([&](Connection& db) {
    requireProgramme(db, project.programmeCode);
    store::insertProject(db, project);
    Versioned<core::Project> after = storedProject(db, project.code);
    recordChange(db, context_.auditKey(), caller_.actor, "create", "project", project.code,
                 project.code, std::nullopt, projectRecord(after));
    return after;
  });
}

Versioned<core::Project> ProjectService::updateProject(std::string_view code,
                                                       const core::Project& changed,
                                                       BaseVersion version) {
  requireSameCode(code, changed.code);
  return context_.database().write([&](Connection& db) {
    lockProjectAt(db, code, version);
    const Versioned<core::Project> before = storedProject(db, code);
    if (!changed.programmeCode.empty() && changed.programmeCode != before.value.programmeCode) {
      throw core::InvalidInput("/programme",
                               "a project cannot move to another programme (it is in \"" +
                                   before.value.programmeCode + "\")");
    }
    core::Project project = changed;
    project.programmeCode = before.value.programmeCode;
    core::Bundle bundle = store::loadBundle(db, code).value();
    bundle.project = project;
    requireTotalsFit(bundle, [](const std::string& pointer) {
      return pointer.rfind("/project", 0) == 0 ? pointer.substr(8) : std::string();
    });
    store::updateProject(db, project);
    Versioned<core::Project> after = storedProject(db, code);
    recordChange(db, context_.auditKey(), caller_.actor, "update", "project", project.code,
                 project.code, projectRecord(before), projectRecord(after));
    return after;
  });
}

std::vector<RevokedGrant> ProjectService::deleteProject(std::string_view code,
                                                        BaseVersion version) {
  // The project's evidence files go with it: their rows in the unit, their bytes once it has
  // committed (a unit that fails keeps both).
  std::vector<std::string> evidence;
  std::vector<RevokedGrant> revoked = context_.database().write([&](Connection& db) {
    lockProjectAt(db, code, version);
    // The partners go with the project, so the entry keeps the whole project: its bundle. The
    // entries are appended while the project still exists, so that they end its chain.
    const core::Bundle before = store::loadBundle(db, code).value();
    std::vector<RevokedGrant> revoked =
        revokeGrantsScopedTo(db, context_.auditKey(), caller_.actor, context_.nowMillis(),
                             before.programme.code, code, "");
    recordChange(db, context_.auditKey(), caller_.actor, "delete", "project", std::string(code),
                 std::string(code), core::bundleToJson(before), std::nullopt);
    const std::string identity = store::projectIdentity(db, code).value();
    evidence = takeProjectEvidence(db, identity);
    store::deleteProjectStatements(db, identity);
    store::deleteProject(db, code);
    return revoked;
  });
  removeEvidenceFiles(context_, evidence);
  return revoked;
}

// ---- partners

std::vector<core::Partner> ProjectService::partners(std::string_view projectCode) {
  return context_.database().read([&](store::Reader& db) {
    requireProject(db, projectCode);
    return store::listPartners(db, projectCode);
  });
}

Versioned<core::Partner> ProjectService::partner(std::string_view projectCode,
                                                 std::string_view partnerCode) {
  return context_.database().read(
      [&](store::Reader& db) { return storedPartner(db, projectCode, partnerCode); });
}

const core::ProgrammeRules& ProjectService::projectRules(std::string_view projectCode) {
  const std::string rules = context_.database().read([&](store::Reader& db) {
    return requireProgramme(db, requireProject(db, projectCode).programmeCode).rules;
  });
  return context_.rules(rules);
}

Versioned<core::Partner> ProjectService::createPartner(std::string_view projectCode,
                                                       const core::Partner& partner) {
  return context_.database().write([&](Connection& db) {
    requireProject(db, projectCode);
    requireSingleLead(db, projectCode, partner);
    requirePartnerTotalsFit(db, projectCode, partner);
    store::insertPartner(db, projectCode, partner);
    Versioned<core::Partner> after = storedPartner(db, projectCode, partner.code);
    recordChange(db, context_.auditKey(), caller_.actor, "create", "partner",
                 partnerKey(projectCode, partner.code), std::string(projectCode), std::nullopt,
                 partnerRecord(after));
    return after;
  });
}

Versioned<core::Partner> ProjectService::updatePartner(std::string_view projectCode,
                                                       std::string_view partnerCode,
                                                       const core::Partner& partner,
                                                       BaseVersion version) {
  requireSameCode(partnerCode, partner.code);
  const core::Principal& principal = caller_.principal;
  // Approved figures change only by those who may change them; the others' edits must leave
  // them as stored. Checked before the version (a refusal does not depend on it) and again on
  // the locked state, which is the one the write replaces.
  const auto requireFiguresKept = [&](store::Reader& db, const core::Partner& stored) {
    const core::Scope scope{requireProject(db, projectCode).programmeCode, std::string(projectCode),
                            std::string(partnerCode)};
    if (figuresDiffer(partner, stored) &&
        !core::allows(principal, core::Operation::kWritePartnerFigures, scope))
      throw core::Forbidden(
          core::decide(principal, core::Operation::kWritePartnerFigures, scope).reason);
  };
  context_.database().read([&](store::Reader& db) {
    if (auto stored = store::findPartner(db, projectCode, partnerCode))
      requireFiguresKept(db, *stored);
  });
  return context_.database().write([&](Connection& db) {
    lockPartnerAt(db, projectCode, partnerCode, version, partnerRecord);
    const Versioned<core::Partner> before = storedPartner(db, projectCode, partnerCode);
    requireFiguresKept(db, before.value);
    requireSingleLead(db, projectCode, partner);
    requirePartnerTotalsFit(db, projectCode, partner);
    store::updatePartner(db, projectCode, partner);
    Versioned<core::Partner> after = storedPartner(db, projectCode, partnerCode);
    recordChange(db, context_.auditKey(), caller_.actor, "update", "partner",
                 partnerKey(projectCode, partnerCode), std::string(projectCode),
                 partnerRecord(before), partnerRecord(after));
    return after;
  });
}

std::vector<RevokedGrant> ProjectService::deletePartner(std::string_view projectCode,
                                                        std::string_view partnerCode,
                                                        BaseVersion version) {
  return context_.database().write([&](Connection& db) {
    lockPartnerAt(db, projectCode, partnerCode, version, partnerRecord);
    const Versioned<core::Partner> before = storedPartner(db, projectCode, partnerCode);
    store::deletePartner(db, projectCode, partnerCode);
    std::vector<RevokedGrant> revoked = revokeGrantsScopedTo(
        db, context_.auditKey(), caller_.actor, context_.nowMillis(), "", projectCode, partnerCode);
    recordChange(db, context_.auditKey(), caller_.actor, "delete", "partner",
                 partnerKey(projectCode, partnerCode), std::string(projectCode),
                 partnerRecord(before), std::nullopt);
    return revoked;
  });
}

Versioned<core::Partner> ProjectService::replacePartnerPart(
    std::string_view projectCode, std::string_view partnerCode, BaseVersion version,
    const char* part, const std::function<void(core::Partner&)>& apply,
    const std::function<Json(const Versioned<core::Partner>&)>& view) {
  return context_.database().write([&](Connection& db) {
    lockPartnerAt(db, projectCode, partnerCode, version, view);
    const Versioned<core::Partner> before = storedPartner(db, projectCode, partnerCode);
    core::Partner partner = before.value;
    apply(partner);
    requirePartnerTotalsFit(db, projectCode, partner, part);
    store::updatePartner(db, projectCode, partner);
    Versioned<core::Partner> after = storedPartner(db, projectCode, partnerCode);
    recordChange(db, context_.auditKey(), caller_.actor, "update", part,
                 partnerKey(projectCode, partnerCode), std::string(projectCode), view(before),
                 view(after));
    return after;
  });
}

Versioned<core::Partner> ProjectService::replaceBudget(std::string_view projectCode,
                                                       std::string_view partnerCode,
                                                       const std::vector<core::BudgetLine>& budget,
                                                       BaseVersion version) {
  return replacePartnerPart(
      projectCode, partnerCode, version, "budget",
      [&](core::Partner& partner) { partner.budget = budget; },
      [](const Versioned<core::Partner>& p) { return core::budgetToJson(p.value.budget); });
}

Versioned<core::Partner> ProjectService::replaceCofinancing(
    std::string_view projectCode, std::string_view partnerCode,
    const std::vector<core::Contribution>& cofinancing, BaseVersion version) {
  return replacePartnerPart(
      projectCode, partnerCode, version, "cofinancing",
      [&](core::Partner& partner) { partner.cofinancing = cofinancing; },
      [](const Versioned<core::Partner>& p) {
        return core::cofinancingToJson(p.value.cofinancing);
      });
}

}  // namespace crossgrant::app
