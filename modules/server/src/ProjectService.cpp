#include "ProjectService.h"

#include <algorithm>

#include <functional>
#include <optional>
#include <utility>

#include "AppContext.h"
#include "AuditTrail.h"
#include "UserService.h"
#include "crossgrant/core/Audit.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/AuditLog.h"
#include "crossgrant/store/ProjectRepository.h"

namespace crossgrant::server {
namespace {

using core::Json;
using store::Connection;

[[noreturn]] void notFound(std::string_view what, std::string_view code) {
  throw core::NotFound(std::string(what) + " \"" + std::string(code) + "\" does not exist");
}

core::Programme requireProgramme(Connection& db, std::string_view code) {
  auto programme = store::findProgramme(db, code);
  if (!programme) notFound("programme", code);
  return *programme;
}

core::Project requireProject(Connection& db, std::string_view code) {
  auto project = store::findProject(db, code);
  if (!project) notFound("project", code);
  return *project;
}

core::Partner requirePartner(Connection& db, std::string_view projectCode,
                             std::string_view partnerCode) {
  requireProject(db, projectCode);
  auto partner = store::findPartner(db, projectCode, partnerCode);
  if (!partner) {
    throw core::NotFound("partner \"" + std::string(partnerCode) +
                         "\" does not exist in project \"" + std::string(projectCode) + "\"");
  }
  return *partner;
}

// The key in a request path names the object; a body that names another one is a mistake.
void requireSameCode(std::string_view pathCode, std::string_view bodyCode) {
  if (pathCode != bodyCode) {
    throw core::InvalidInput("/code", "is \"" + std::string(bodyCode) + "\" but the path names \"" +
                                          std::string(pathCode) + "\"; codes cannot be changed");
  }
}

// A project has exactly one lead partner: refuse a second one.
void requireSingleLead(Connection& db, std::string_view projectCode, const core::Partner& partner) {
  if (partner.role != core::PartnerRole::kLead) return;
  for (const core::Partner& other : store::listPartners(db, projectCode)) {
    if (other.role == core::PartnerRole::kLead && other.code != partner.code) {
      throw core::InvalidInput("/role", "project \"" + std::string(projectCode) +
                                            "\" already has lead partner \"" + other.code + "\"");
    }
  }
}

// A project body is the bundle's project object plus the programme's code.
std::pair<std::string, Json> splitProjectBody(const Json& body) {
  if (!body.isObject()) {
    throw core::InvalidInput("", "expected an object, found " + std::string(body.typeName()));
  }
  std::string programme;
  Json project = Json::object();
  for (const auto& [key, value] : body.members()) {
    if (key != "programme") {
      project.set(key, value);
    } else if (value.isString()) {
      programme = value.asString();
    } else {
      throw core::InvalidInput("/programme", "expected a string (the programme's code), found " +
                                                 std::string(value.typeName()));
    }
  }
  return {programme, project};
}

Versioned<core::Programme> storedProgramme(Connection& db, std::string_view code) {
  core::Programme programme = requireProgramme(db, code);
  return {std::move(programme), store::programmeVersion(db, code).value()};
}

Versioned<core::Project> storedProject(Connection& db, std::string_view code) {
  core::Project project = requireProject(db, code);
  return {std::move(project), store::projectVersion(db, code).value()};
}

Versioned<core::Partner> storedPartner(Connection& db, std::string_view projectCode,
                                       std::string_view partnerCode) {
  core::Partner partner = requirePartner(db, projectCode, partnerCode);
  return {std::move(partner), store::partnerVersion(db, projectCode, partnerCode).value()};
}

/// An object as an edit that lost the race gets to see it: its version and its JSON.
struct Current {
  std::int64_t version;
  Json json;
};

// The first step of an edit of a versioned object, before it reads anything else: locks the
// object at the version the edit is based on. Otherwise reads it as stored now (NotFound when
// it is missing) and throws VersionRequired when no version was given, StaleVersion when
// another one is stored.
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

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

void lockProgrammeAt(Connection& db, std::string_view code, BaseVersion version) {
  lockAt(
      "programme " + quoted(code), version,
      [&](std::int64_t v) { return store::lockProgramme(db, code, v); },
      [&] {
        const auto current = storedProgramme(db, code);
        return Current{current.version, programmeJson(current)};
      });
}

void lockProjectAt(Connection& db, std::string_view code, BaseVersion version) {
  lockAt(
      "project " + quoted(code), version,
      [&](std::int64_t v) { return store::lockProject(db, code, v); },
      [&] {
        const auto current = storedProject(db, code);
        return Current{current.version, projectJson(current)};
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

}  // namespace

ProjectService::ProjectService(AppContext& context, core::Actor actor)
    : context_(context), actor_(std::move(actor)) {}

const core::ProgrammeRules& ProjectService::rulesFor(const std::string& rulesKey) const {
  const core::ProgrammeRules* rules = context_.plugins().rules(rulesKey);
  if (rules == nullptr) {
    throw core::InvalidInput("/programme/rules",
                             "no plugin provides programme rules \"" + rulesKey + "\"");
  }
  return *rules;
}

std::string bundleTag(std::string_view bundleText) { return core::sha256Hex(bundleText); }

ImportResult ProjectService::importBundle(std::string_view text, bool replace,
                                          const std::optional<std::string>& expectedBundle) {
  const core::Bundle bundle = core::readBundle(text, context_.plugins().lookup());
  const core::ProgrammeRules& rules = rulesFor(bundle.programme.rules);
  ImportResult result;
  result.projectCode = bundle.project.code;
  context_.database().transaction([&](Connection& db) {
    if (expectedBundle) {
      // Lock the project first, so that nothing changes it between the comparison and the
      // replace (two servers on one MariaDB included).
      const auto current = store::findProject(db, bundle.project.code);
      if (!current) {
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
    store::saveBundle(db, bundle, replace);
    if (previous) {
      // Partners the new bundle no longer has are gone: so are the grants scoped to them.
      for (const core::Partner& old : previous->partners) {
        const bool kept = std::any_of(bundle.partners.begin(), bundle.partners.end(),
                                      [&](const core::Partner& p) { return p.code == old.code; });
        if (!kept)
          revokeGrantsScopedTo(db, actor_, context_.nowMillis(), "", bundle.project.code, old.code);
      }
    }
    const std::optional<core::Bundle> stored = store::loadBundle(db, bundle.project.code);
    recordChange(db, actor_, "import", "bundle", result.projectCode, result.projectCode,
                 previous ? std::optional<Json>(core::bundleToJson(*previous)) : std::nullopt,
                 core::bundleToJson(stored.value()));
  });
  result.findings = core::computeFindings(bundle, rules);
  return result;
}

core::Bundle ProjectService::loadBundle(std::string_view projectCode) {
  auto bundle = context_.database().transaction(
      [&](Connection& db) { return store::loadBundle(db, projectCode); });
  if (!bundle) notFound("project", projectCode);
  return *bundle;
}

std::string ProjectService::exportBundle(std::string_view projectCode) {
  return core::writeBundle(loadBundle(projectCode));
}

std::vector<core::Finding> ProjectService::findings(std::string_view projectCode) {
  const core::Bundle bundle = loadBundle(projectCode);
  return core::computeFindings(bundle, rulesFor(bundle.programme.rules));
}

// ---- programmes

std::vector<core::Programme> ProjectService::programmes() {
  return context_.database().transaction([](Connection& db) { return store::listProgrammes(db); });
}

Versioned<core::Programme> ProjectService::programme(std::string_view code) {
  return context_.database().transaction([&](Connection& db) { return storedProgramme(db, code); });
}

Versioned<core::Programme> ProjectService::createProgramme(const Json& body) {
  const core::Programme programme = core::readProgramme(body, context_.plugins().lookup());
  return context_.database().transaction([&](Connection& db) {
    store::insertProgramme(db, programme);
    Versioned<core::Programme> after = storedProgramme(db, programme.code);
    recordChange(db, actor_, "create", "programme", programme.code, "", std::nullopt,
                 programmeJson(after));
    return after;
  });
}

Versioned<core::Programme> ProjectService::updateProgramme(std::string_view code, const Json& body,
                                                           BaseVersion version) {
  const core::Programme programme = core::readProgramme(body, context_.plugins().lookup());
  requireSameCode(code, programme.code);
  return context_.database().transaction([&](Connection& db) {
    lockProgrammeAt(db, code, version);
    const Versioned<core::Programme> before = storedProgramme(db, code);
    if (before.value.rules != programme.rules && !store::listProjects(db, code).empty()) {
      throw core::Conflict("programme \"" + std::string(code) +
                           "\" has projects; its rules cannot change from \"" + before.value.rules +
                           "\" to \"" + programme.rules + "\"");
    }
    store::updateProgramme(db, programme);
    Versioned<core::Programme> after = storedProgramme(db, code);
    recordChange(db, actor_, "update", "programme", programme.code, "", programmeJson(before),
                 programmeJson(after));
    return after;
  });
}

void ProjectService::deleteProgramme(std::string_view code, BaseVersion version) {
  context_.database().transaction([&](Connection& db) {
    lockProgrammeAt(db, code, version);
    const Versioned<core::Programme> before = storedProgramme(db, code);
    store::deleteProgramme(db, code);
    revokeGrantsScopedTo(db, actor_, context_.nowMillis(), code, "", "");
    recordChange(db, actor_, "delete", "programme", std::string(code), "", programmeJson(before),
                 std::nullopt);
  });
}

// ---- projects

std::vector<core::Project> ProjectService::projects(std::string_view programmeCode) {
  return context_.database().transaction([&](Connection& db) {
    if (!programmeCode.empty()) requireProgramme(db, programmeCode);
    return store::listProjects(db, programmeCode);
  });
}

Versioned<core::Project> ProjectService::project(std::string_view code) {
  return context_.database().transaction([&](Connection& db) { return storedProject(db, code); });
}

Versioned<core::Project> ProjectService::createProject(const Json& body) {
  auto [programmeCode, projectJsonBody] = splitProjectBody(body);
  if (programmeCode.empty()) {
    throw core::InvalidInput("/programme", "missing: the code of the project's programme");
  }
  core::Project project = core::readProject(projectJsonBody);
  project.programmeCode = programmeCode;
  return context_.database().transaction([&](Connection& db) {
    requireProgramme(db, project.programmeCode);
    store::insertProject(db, project);
    Versioned<core::Project> after = storedProject(db, project.code);
    recordChange(db, actor_, "create", "project", project.code, project.code, std::nullopt,
                 projectJson(after));
    return after;
  });
}

Versioned<core::Project> ProjectService::updateProject(std::string_view code, const Json& body,
                                                       BaseVersion version) {
  const std::pair<std::string, Json> split = splitProjectBody(body);
  const std::string& programmeCode = split.first;
  core::Project project = core::readProject(split.second);
  requireSameCode(code, project.code);
  return context_.database().transaction([&](Connection& db) {
    lockProjectAt(db, code, version);
    const Versioned<core::Project> before = storedProject(db, code);
    if (!programmeCode.empty() && programmeCode != before.value.programmeCode) {
      throw core::InvalidInput("/programme",
                               "a project cannot move to another programme (it is in \"" +
                                   before.value.programmeCode + "\")");
    }
    project.programmeCode = before.value.programmeCode;
    store::updateProject(db, project);
    Versioned<core::Project> after = storedProject(db, code);
    recordChange(db, actor_, "update", "project", project.code, project.code, projectJson(before),
                 projectJson(after));
    return after;
  });
}

void ProjectService::deleteProject(std::string_view code, BaseVersion version) {
  context_.database().transaction([&](Connection& db) {
    lockProjectAt(db, code, version);
    // The partners go with the project, so the entry keeps the whole project: its bundle.
    const core::Bundle before = store::loadBundle(db, code).value();
    store::deleteProject(db, code);
    revokeGrantsScopedTo(db, actor_, context_.nowMillis(), before.programme.code, code, "");
    recordChange(db, actor_, "delete", "project", std::string(code), std::string(code),
                 core::bundleToJson(before), std::nullopt);
  });
}

// ---- partners

std::vector<core::Partner> ProjectService::partners(std::string_view projectCode) {
  return context_.database().transaction([&](Connection& db) {
    requireProject(db, projectCode);
    return store::listPartners(db, projectCode);
  });
}

Versioned<core::Partner> ProjectService::partner(std::string_view projectCode,
                                                 std::string_view partnerCode) {
  return context_.database().transaction(
      [&](Connection& db) { return storedPartner(db, projectCode, partnerCode); });
}

const core::ProgrammeRules& ProjectService::projectRules(std::string_view projectCode) {
  const std::string rules = context_.database().transaction([&](Connection& db) {
    return requireProgramme(db, requireProject(db, projectCode).programmeCode).rules;
  });
  return rulesFor(rules);
}

Versioned<core::Partner> ProjectService::createPartner(std::string_view projectCode,
                                                       const Json& body) {
  return context_.database().transaction([&](Connection& db) {
    const core::Project project = requireProject(db, projectCode);
    const core::Programme programme = requireProgramme(db, project.programmeCode);
    const core::Partner partner = core::readPartner(body, rulesFor(programme.rules));
    requireSingleLead(db, projectCode, partner);
    store::insertPartner(db, projectCode, partner);
    Versioned<core::Partner> after = storedPartner(db, projectCode, partner.code);
    recordChange(db, actor_, "create", "partner", partnerKey(projectCode, partner.code),
                 std::string(projectCode), std::nullopt, partnerJson(after));
    return after;
  });
}

Versioned<core::Partner> ProjectService::updatePartner(std::string_view projectCode,
                                                       std::string_view partnerCode,
                                                       const Json& body, BaseVersion version) {
  const core::Partner partner = core::readPartner(body, projectRules(projectCode));
  requireSameCode(partnerCode, partner.code);
  return context_.database().transaction([&](Connection& db) {
    lockPartnerAt(db, projectCode, partnerCode, version, partnerJson);
    const Versioned<core::Partner> before = storedPartner(db, projectCode, partnerCode);
    requireSingleLead(db, projectCode, partner);
    store::updatePartner(db, projectCode, partner);
    Versioned<core::Partner> after = storedPartner(db, projectCode, partnerCode);
    recordChange(db, actor_, "update", "partner", partnerKey(projectCode, partnerCode),
                 std::string(projectCode), partnerJson(before), partnerJson(after));
    return after;
  });
}

void ProjectService::deletePartner(std::string_view projectCode, std::string_view partnerCode,
                                   BaseVersion version) {
  context_.database().transaction([&](Connection& db) {
    lockPartnerAt(db, projectCode, partnerCode, version, partnerJson);
    const Versioned<core::Partner> before = storedPartner(db, projectCode, partnerCode);
    store::deletePartner(db, projectCode, partnerCode);
    revokeGrantsScopedTo(db, actor_, context_.nowMillis(), "", projectCode, partnerCode);
    recordChange(db, actor_, "delete", "partner", partnerKey(projectCode, partnerCode),
                 std::string(projectCode), partnerJson(before), std::nullopt);
  });
}

Versioned<core::Partner> ProjectService::replacePartnerPart(
    std::string_view projectCode, std::string_view partnerCode, BaseVersion version,
    const char* part, const std::function<void(core::Partner&)>& apply,
    const std::function<Json(const Versioned<core::Partner>&)>& view) {
  return context_.database().transaction([&](Connection& db) {
    lockPartnerAt(db, projectCode, partnerCode, version, view);
    const Versioned<core::Partner> before = storedPartner(db, projectCode, partnerCode);
    core::Partner partner = before.value;
    apply(partner);
    store::updatePartner(db, projectCode, partner);
    Versioned<core::Partner> after = storedPartner(db, projectCode, partnerCode);
    recordChange(db, actor_, "update", part, partnerKey(projectCode, partnerCode),
                 std::string(projectCode), view(before), view(after));
    return after;
  });
}

Versioned<core::Partner> ProjectService::replaceBudget(std::string_view projectCode,
                                                       std::string_view partnerCode,
                                                       const Json& body, BaseVersion version) {
  const std::vector<core::BudgetLine> budget = core::readBudget(body, projectRules(projectCode));
  return replacePartnerPart(
      projectCode, partnerCode, version, "budget",
      [&](core::Partner& partner) { partner.budget = budget; },
      [](const Versioned<core::Partner>& p) { return core::budgetToJson(p.value.budget); });
}

Versioned<core::Partner> ProjectService::replaceCofinancing(std::string_view projectCode,
                                                            std::string_view partnerCode,
                                                            const Json& body, BaseVersion version) {
  const std::vector<core::Contribution> cofinancing = core::readCofinancing(body);
  return replacePartnerPart(
      projectCode, partnerCode, version, "cofinancing",
      [&](core::Partner& partner) { partner.cofinancing = cofinancing; },
      [](const Versioned<core::Partner>& p) {
        return core::cofinancingToJson(p.value.cofinancing);
      });
}

// ---- JSON

Json programmeJson(const Versioned<core::Programme>& programme) {
  Json object = core::programmeToJson(programme.value);
  object.set("version", programme.version);
  return object;
}

Json projectJson(const Versioned<core::Project>& project) {
  Json object = Json::object();
  object.set("programme", project.value.programmeCode);
  const Json fields = core::projectToJson(project.value);
  for (const auto& [key, value] : fields.members()) object.set(key, value);
  object.set("version", project.version);
  return object;
}

Json partnerJson(const Versioned<core::Partner>& partner) {
  Json object = core::partnerToJson(partner.value);
  object.set("version", partner.version);
  return object;
}

Json findingsToJson(std::string_view projectCode, const std::vector<core::Finding>& findings) {
  Json list = Json::array();
  for (const core::Finding& finding : findings) {
    Json item = Json::object();
    item.set("code", finding.code);
    if (finding.partner) item.set("partner", *finding.partner);
    item.set("expected", finding.expected.toString())
        .set("actual", finding.actual.toString())
        .set("difference", finding.difference().toString())
        .set("message", finding.message);
    list.push(std::move(item));
  }
  return Json::object().set("project", projectCode).set("findings", std::move(list));
}

}  // namespace crossgrant::server
