#include "ProjectService.h"

#include "AppContext.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Errors.h"
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

}  // namespace

const core::ProgrammeRules& ProjectService::rulesFor(const std::string& rulesKey) const {
  const core::ProgrammeRules* rules = context_.plugins().rules(rulesKey);
  if (rules == nullptr) {
    throw core::InvalidInput("/programme/rules",
                             "no plugin provides programme rules \"" + rulesKey + "\"");
  }
  return *rules;
}

ImportResult ProjectService::importBundle(std::string_view text, bool replace) {
  const core::Bundle bundle = core::readBundle(text, context_.plugins().lookup());
  const core::ProgrammeRules& rules = rulesFor(bundle.programme.rules);
  ImportResult result;
  result.projectCode = bundle.project.code;
  context_.database().transaction([&](Connection& db) {
    result.replaced = store::findProject(db, bundle.project.code).has_value();
    store::saveBundle(db, bundle, replace);
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

std::vector<core::Programme> ProjectService::programmes() {
  return context_.database().transaction([](Connection& db) { return store::listProgrammes(db); });
}

core::Programme ProjectService::programme(std::string_view code) {
  return context_.database().transaction(
      [&](Connection& db) { return requireProgramme(db, code); });
}

void ProjectService::createProgramme(const Json& body) {
  const core::Programme programme = core::readProgramme(body, context_.plugins().lookup());
  context_.database().transaction([&](Connection& db) { store::insertProgramme(db, programme); });
}

void ProjectService::updateProgramme(std::string_view code, const Json& body) {
  const core::Programme programme = core::readProgramme(body, context_.plugins().lookup());
  requireSameCode(code, programme.code);
  context_.database().transaction([&](Connection& db) {
    const core::Programme current = requireProgramme(db, code);
    if (current.rules != programme.rules && !store::listProjects(db, code).empty()) {
      throw core::Conflict("programme \"" + std::string(code) +
                           "\" has projects; its rules cannot change from \"" + current.rules +
                           "\" to \"" + programme.rules + "\"");
    }
    store::updateProgramme(db, programme);
  });
}

void ProjectService::deleteProgramme(std::string_view code) {
  context_.database().transaction([&](Connection& db) {
    requireProgramme(db, code);
    store::deleteProgramme(db, code);
  });
}

std::vector<core::Project> ProjectService::projects(std::string_view programmeCode) {
  return context_.database().transaction([&](Connection& db) {
    if (!programmeCode.empty()) requireProgramme(db, programmeCode);
    return store::listProjects(db, programmeCode);
  });
}

core::Project ProjectService::project(std::string_view code) {
  return context_.database().transaction([&](Connection& db) { return requireProject(db, code); });
}

void ProjectService::createProject(const Json& body) {
  auto [programmeCode, projectJson] = splitProjectBody(body);
  if (programmeCode.empty()) {
    throw core::InvalidInput("/programme", "missing: the code of the project's programme");
  }
  core::Project project = core::readProject(projectJson);
  project.programmeCode = programmeCode;
  context_.database().transaction([&](Connection& db) {
    requireProgramme(db, programmeCode);
    store::insertProject(db, project);
  });
}

void ProjectService::updateProject(std::string_view code, const Json& body) {
  auto [programmeCode, projectJson] = splitProjectBody(body);
  core::Project project = core::readProject(projectJson);
  requireSameCode(code, project.code);
  context_.database().transaction([&](Connection& db) {
    const core::Project current = requireProject(db, code);
    if (!programmeCode.empty() && programmeCode != current.programmeCode) {
      throw core::InvalidInput("/programme",
                               "a project cannot move to another programme (it is in \"" +
                                   current.programmeCode + "\")");
    }
    project.programmeCode = current.programmeCode;
    store::updateProject(db, project);
  });
}

void ProjectService::deleteProject(std::string_view code) {
  context_.database().transaction([&](Connection& db) {
    requireProject(db, code);
    store::deleteProject(db, code);
  });
}

std::vector<core::Partner> ProjectService::partners(std::string_view projectCode) {
  return context_.database().transaction([&](Connection& db) {
    requireProject(db, projectCode);
    return store::listPartners(db, projectCode);
  });
}

core::Partner ProjectService::partner(std::string_view projectCode, std::string_view partnerCode) {
  return context_.database().transaction(
      [&](Connection& db) { return requirePartner(db, projectCode, partnerCode); });
}

void ProjectService::createPartner(std::string_view projectCode, const Json& body) {
  context_.database().transaction([&](Connection& db) {
    const core::Project project = requireProject(db, projectCode);
    const core::Programme programme = requireProgramme(db, project.programmeCode);
    const core::Partner partner = core::readPartner(body, rulesFor(programme.rules));
    requireSingleLead(db, projectCode, partner);
    store::insertPartner(db, projectCode, partner);
  });
}

void ProjectService::updatePartner(std::string_view projectCode, std::string_view partnerCode,
                                   const Json& body) {
  context_.database().transaction([&](Connection& db) {
    const core::Project project = requireProject(db, projectCode);
    const core::Programme programme = requireProgramme(db, project.programmeCode);
    const core::Partner partner = core::readPartner(body, rulesFor(programme.rules));
    requireSameCode(partnerCode, partner.code);
    requirePartner(db, projectCode, partnerCode);
    requireSingleLead(db, projectCode, partner);
    store::updatePartner(db, projectCode, partner);
  });
}

void ProjectService::deletePartner(std::string_view projectCode, std::string_view partnerCode) {
  context_.database().transaction([&](Connection& db) {
    requirePartner(db, projectCode, partnerCode);
    store::deletePartner(db, projectCode, partnerCode);
  });
}

void ProjectService::replaceBudget(std::string_view projectCode, std::string_view partnerCode,
                                   const Json& body) {
  context_.database().transaction([&](Connection& db) {
    core::Partner partner = requirePartner(db, projectCode, partnerCode);
    const core::Project project = requireProject(db, projectCode);
    const core::Programme programme = requireProgramme(db, project.programmeCode);
    partner.budget = core::readBudget(body, rulesFor(programme.rules));
    store::updatePartner(db, projectCode, partner);
  });
}

void ProjectService::replaceCofinancing(std::string_view projectCode, std::string_view partnerCode,
                                        const Json& body) {
  context_.database().transaction([&](Connection& db) {
    core::Partner partner = requirePartner(db, projectCode, partnerCode);
    partner.cofinancing = core::readCofinancing(body);
    store::updatePartner(db, projectCode, partner);
  });
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
