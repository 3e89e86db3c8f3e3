#include "crossgrant/store/ProjectRepository.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <utility>

#include "Migrations.h"
#include "RepositorySupport.h"
#include "WorkPlanStore.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::store {
namespace {

using core::Amount;
using core::Date;

using detail::checkLimits;
using detail::dateOf;
using detail::enumOf;
using detail::firstVersion;
using detail::Limits;
using detail::optionalAmount;
using detail::retire;
using detail::text;

// ---- programmes

const char* const kProgrammeColumns = "SELECT code, name, rules, fund FROM programmes";

// The kinds of retired_keys (migrations 7 and 10).
constexpr const char* kProgrammeKind = "programme";
constexpr const char* kProjectKind = "project";
constexpr const char* kPartnerKind = "partner";

// The code and version of every partner of a project.
std::vector<std::pair<std::string, std::int64_t>> partnerVersions(Reader& db,
                                                                  std::int64_t projectId) {
  std::vector<std::pair<std::string, std::int64_t>> versions;
  for (const Row& row :
       db.query("SELECT code, version FROM partners WHERE project_id = ?", {projectId}))
    versions.emplace_back(asText(row[0]), asInt(row[1]));
  return versions;
}

core::Programme programmeOf(const Row& row) {
  return {asText(row[0]), asText(row[1]), asText(row[2]), asText(row[3])};
}

std::optional<std::int64_t> programmeId(Reader& db, std::string_view code) {
  const auto rows = db.query("SELECT id FROM programmes WHERE code = ?", {text(code)});
  if (rows.empty()) return std::nullopt;
  return asInt(rows[0][0]);
}

std::int64_t requireProgrammeId(Reader& db, std::string_view code) {
  const auto id = programmeId(db, code);
  if (!id) throw core::NotFound("programme " + text(code) + " not found");
  return *id;
}

// ---- projects

struct ProjectKey {
  std::int64_t id;
  std::int64_t version;
  std::string identity;
};

std::optional<ProjectKey> projectKey(Reader& db, std::string_view code) {
  const auto rows =
      db.query("SELECT id, version, identity FROM projects WHERE code = ?", {text(code)});
  if (rows.empty()) return std::nullopt;
  return ProjectKey{asInt(rows[0][0]), asInt(rows[0][1]), asText(rows[0][2])};
}

// ---- identities

// 128 random bits in hex: never the identity of another programme or project, nor the code of
// one from before identities (those took their code), in practice.
std::string newIdentity() {
  std::random_device random;
  std::string out;
  for (int i = 0; i < 4; ++i) {
    char word[9];
    std::snprintf(word, sizeof word, "%08x", static_cast<unsigned>(random()));
    out += word;
  }
  return out;
}

std::string identityOfProgrammeId(Reader& db, std::int64_t programmeId) {
  return asText(
      db.query("SELECT identity FROM programmes WHERE id = ?", {programmeId}).at(0).at(0));
}

// Records a new project identity with its programme and gives it its (empty) audit chain.
void registerProjectIdentity(Connection& db, const std::string& identity, std::string_view code,
                             std::int64_t programmeId) {
  db.execute("INSERT INTO project_identities (identity, code, programme_identity) VALUES (?, ?, ?)",
             {identity, text(code), identityOfProgrammeId(db, programmeId)});
  db.execute("INSERT INTO audit_chains (chain, last_sequence, last_hash) VALUES (?, 0, ?)",
             {identity, std::string(core::kAuditGenesisHash)});
}

std::int64_t requireProjectId(Reader& db, std::string_view code) {
  const auto key = projectKey(db, code);
  if (!key) throw core::NotFound("project " + text(code) + " not found");
  return key->id;
}

// Which projects a load reads; each filter is a fixed piece of SQL with one parameter.
enum class ProjectFilter { kAll, kProgramme, kCode };

std::string whereClause(ProjectFilter filter) {
  switch (filter) {
    case ProjectFilter::kAll:
      return "";
    case ProjectFilter::kProgramme:
      return " WHERE g.code = ?";
    case ProjectFilter::kCode:
      return " WHERE p.code = ?";
  }
  return "";
}

// Projects with their titles and periods: one query per table, however many projects; with
// versions, each project's version at the same index.
std::vector<core::Project> loadProjects(Reader& db, ProjectFilter filter, std::string_view key,
                                        std::vector<std::int64_t>* versions = nullptr) {
  const std::string where = whereClause(filter);
  const std::vector<Value> params =
      filter == ProjectFilter::kAll ? std::vector<Value>{} : std::vector<Value>{text(key)};
  const std::string from = " FROM projects p JOIN programmes g ON g.id = p.programme_id" + where;

  std::vector<core::Project> projects;
  std::map<std::int64_t, std::size_t> indexById;
  for (const Row& row : db.query("SELECT p.id, p.code, g.code, p.acronym, p.start_date, "
                                 "p.end_date, p.currency, p.approved_total, p.approved_fund, "
                                 "p.version" +
                                     from + " ORDER BY p.code",
                                 params)) {
    core::Project project;
    project.code = asText(row[1]);
    project.programmeCode = asText(row[2]);
    project.acronym = asText(row[3]);
    project.start = dateOf(row[4], "projects.start_date");
    project.end = dateOf(row[5], "projects.end_date");
    project.currency = asText(row[6]);
    if (!isNull(row[7])) project.approvedTotal = Amount::fromMinor(asInt(row[7]));
    if (!isNull(row[8])) project.approvedFund = Amount::fromMinor(asInt(row[8]));
    indexById.emplace(asInt(row[0]), projects.size());
    projects.push_back(std::move(project));
    if (versions != nullptr) versions->push_back(asInt(row[9]));
  }
  if (projects.empty()) return projects;

  // One project (the common case): its children by its key, without the joins.
  const bool one = filter == ProjectFilter::kCode;
  const std::vector<Value> childParams =
      one ? std::vector<Value>{indexById.begin()->first} : params;
  // How a child table (alias: t, r) is narrowed to the projects read above.
  const auto childWhere = [&](const std::string& alias) {
    if (one) return " WHERE " + alias + ".project_id = ?";
    return " JOIN projects p ON p.id = " + alias +
           ".project_id JOIN programmes g ON g.id = p.programme_id" + where;
  };
  for (const Row& row : db.query("SELECT t.project_id, t.lang, t.title FROM project_titles t" +
                                     childWhere("t") + " ORDER BY t.project_id, t.position",
                                 childParams)) {
    projects.at(indexById.at(asInt(row[0]))).titles.emplace_back(asText(row[1]), asText(row[2]));
  }
  for (const Row& row :
       db.query("SELECT r.project_id, r.number, r.start_date, r.end_date FROM periods r" +
                    childWhere("r") + " ORDER BY r.project_id, r.position",
                childParams)) {
    projects.at(indexById.at(asInt(row[0])))
        .periods.push_back({static_cast<int>(asInt(row[1])), dateOf(row[2], "periods.start_date"),
                            dateOf(row[3], "periods.end_date")});
  }
  return projects;
}

void insertProjectChildren(Connection& db, std::int64_t projectId, const core::Project& project) {
  std::int64_t position = 0;
  for (const auto& [lang, title] : project.titles) {
    db.execute("INSERT INTO project_titles (project_id, position, lang, title) VALUES (?, ?, ?, ?)",
               {projectId, position++, lang, title});
  }
  position = 0;
  for (const core::Period& period : project.periods) {
    db.execute(
        "INSERT INTO periods (project_id, position, number, start_date, end_date) "
        "VALUES (?, ?, ?, ?, ?)",
        {projectId, position++, std::int64_t{period.number}, period.start.toString(),
         period.end.toString()});
  }
}

std::int64_t insertProjectRow(Connection& db, std::int64_t programmeId,
                              const core::Project& project, std::int64_t version,
                              const std::string& identity) {
  db.execute(
      "INSERT INTO projects (programme_id, code, acronym, start_date, end_date, currency, "
      "approved_total, approved_fund, version, identity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {programmeId, project.code, project.acronym, project.start.toString(), project.end.toString(),
       project.currency, optionalAmount(project.approvedTotal),
       optionalAmount(project.approvedFund), version, identity});
  const std::int64_t id = db.lastInsertId();
  insertProjectChildren(db, id, project);
  return id;
}

// ---- partners

// Partners of one project (one partner if partnerCode is given) with budget and co-financing:
// three queries in all.
std::vector<core::Partner> loadPartners(Reader& db, std::int64_t projectId,
                                        std::optional<std::string_view> partnerCode) {
  const std::string only = partnerCode ? " AND p.code = ?" : "";
  std::vector<Value> params{projectId};
  if (partnerCode) params.emplace_back(std::in_place_type<std::string>, *partnerCode);

  std::vector<core::Partner> partners;
  std::map<std::int64_t, std::size_t> indexById;
  for (const Row& row :
       db.query("SELECT p.id, p.code, p.role, p.name, p.country, p.legal_status, "
                "p.vat_recoverable, p.total FROM partners p WHERE p.project_id = ?" +
                    only + " ORDER BY p.position, p.id",
                params)) {
    core::Partner partner;
    partner.code = asText(row[1]);
    partner.role = enumOf(core::parsePartnerRole(asText(row[2])), row[2], "partners.role");
    partner.name = asText(row[3]);
    partner.country = asText(row[4]);
    partner.legalStatus =
        enumOf(core::parseLegalStatus(asText(row[5])), row[5], "partners.legal_status");
    partner.vatRecoverable = asInt(row[6]) != 0;
    partner.total = Amount::fromMinor(asInt(row[7]));
    indexById.emplace(asInt(row[0]), partners.size());
    partners.push_back(std::move(partner));
  }
  if (partners.empty()) return partners;

  for (const Row& row : db.query("SELECT b.partner_id, b.category, b.amount FROM budget_lines b "
                                 "JOIN partners p ON p.id = b.partner_id WHERE p.project_id = ?" +
                                     only + " ORDER BY b.partner_id, b.position",
                                 params)) {
    partners.at(indexById.at(asInt(row[0])))
        .budget.push_back({asText(row[1]), Amount::fromMinor(asInt(row[2]))});
  }
  for (const Row& row :
       db.query("SELECT c.partner_id, c.source, c.contribution_type, c.amount FROM cofinancing c "
                "JOIN partners p ON p.id = c.partner_id WHERE p.project_id = ?" +
                    only + " ORDER BY c.partner_id, c.position",
                params)) {
    partners.at(indexById.at(asInt(row[0])))
        .cofinancing.push_back({asText(row[1]),
                                enumOf(core::parseContributionType(asText(row[2])), row[2],
                                       "cofinancing.contribution_type"),
                                Amount::fromMinor(asInt(row[3]))});
  }
  return partners;
}

std::optional<std::int64_t> partnerId(Reader& db, std::int64_t projectId, std::string_view code) {
  const auto rows = db.query("SELECT id FROM partners WHERE project_id = ? AND code = ?",
                             {projectId, text(code)});
  if (rows.empty()) return std::nullopt;
  return asInt(rows[0][0]);
}

std::int64_t requirePartnerId(Reader& db, std::string_view projectCode,
                              std::string_view partnerCode) {
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const auto id = partnerId(db, projectId, partnerCode);
  if (!id)
    throw core::NotFound("partner " + text(partnerCode) + " not found in project " +
                         text(projectCode));
  return *id;
}

void insertPartnerChildren(Connection& db, std::int64_t partnerId, const core::Partner& partner) {
  std::int64_t position = 0;
  for (const core::BudgetLine& line : partner.budget) {
    db.execute(
        "INSERT INTO budget_lines (partner_id, position, category, amount) VALUES (?, ?, ?, ?)",
        {partnerId, position++, line.category, line.amount.minor()});
  }
  position = 0;
  for (const core::Contribution& contribution : partner.cofinancing) {
    db.execute(
        "INSERT INTO cofinancing (partner_id, position, source, contribution_type, amount) "
        "VALUES (?, ?, ?, ?, ?)",
        {partnerId, position++, contribution.source, text(core::toString(contribution.type)),
         contribution.amount.minor()});
  }
}

void insertPartnerRow(Connection& db, std::int64_t projectId, std::int64_t position,
                      const core::Partner& partner, std::int64_t version) {
  db.execute(
      "INSERT INTO partners (project_id, position, code, role, name, country, legal_status, "
      "vat_recoverable, total, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {projectId, position, partner.code, text(core::toString(partner.role)), partner.name,
       partner.country, text(core::toString(partner.legalStatus)),
       std::int64_t{partner.vatRecoverable ? 1 : 0}, partner.total.minor(), version});
  insertPartnerChildren(db, db.lastInsertId(), partner);
}

void requireProgrammeEqual(const core::Programme& stored, const core::Programme& given) {
  const std::pair<std::string_view, std::pair<const std::string*, const std::string*>> fields[] = {
      {"name", {&stored.name, &given.name}},
      {"rules", {&stored.rules, &given.rules}},
      {"fund", {&stored.fund, &given.fund}}};
  for (const auto& [field, values] : fields) {
    if (*values.first != *values.second)
      throw core::Conflict("programme " + stored.code + " exists with " + text(field) + " " +
                           *values.first + ", the bundle says " + *values.second);
  }
}

// Whether the bundle has an object of the key's kind and code.
bool planHas(const core::Bundle& bundle, const detail::PlanKey& key) {
  const auto has = [&](const auto& objects) {
    return std::any_of(objects.begin(), objects.end(),
                       [&](const auto& object) { return object.code == key.code; });
  };
  switch (key.kind) {
    case PlanObject::kWorkPackage:
      return bundle.workPlan && has(bundle.workPlan->workPackages);
    case PlanObject::kActivity:
      return bundle.workPlan &&
             std::any_of(bundle.workPlan->workPackages.begin(), bundle.workPlan->workPackages.end(),
                         [&](const core::WorkPackage& wp) { return has(wp.activities); });
    case PlanObject::kEvent:
      return bundle.events && has(*bundle.events);
    case PlanObject::kIndicator:
      return bundle.indicators && has(*bundle.indicators);
  }
  return false;
}

}  // namespace

std::vector<core::Programme> listProgrammes(Reader& db) {
  std::vector<core::Programme> programmes;
  for (const Row& row : db.query(std::string(kProgrammeColumns) + " ORDER BY code"))
    programmes.push_back(programmeOf(row));
  return programmes;
}

std::optional<core::Programme> findProgramme(Reader& db, std::string_view code) {
  const auto rows = db.query(std::string(kProgrammeColumns) + " WHERE code = ?", {text(code)});
  if (rows.empty()) return std::nullopt;
  return programmeOf(rows[0]);
}

void insertProgramme(Connection& db, const core::Programme& programme) {
  checkLimits(&Limits::programme, programme);
  if (programmeId(db, programme.code))
    throw core::Conflict("programme " + programme.code + " already exists");
  db.execute(
      "INSERT INTO programmes (code, name, rules, fund, version, identity) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {programme.code, programme.name, programme.rules, programme.fund,
       firstVersion(db, kProgrammeKind, programme.code, ""), newIdentity()});
}

void updateProgramme(Connection& db, const core::Programme& programme) {
  checkLimits(&Limits::programme, programme);
  const std::int64_t changed = db.execute(
      "UPDATE programmes SET name = ?, rules = ?, fund = ?, version = version + 1 WHERE code = ?",
      {programme.name, programme.rules, programme.fund, programme.code});
  if (changed == 0) throw core::NotFound("programme " + programme.code + " not found");
}

void deleteProgramme(Connection& db, std::string_view code) {
  const std::int64_t id = requireProgrammeId(db, code);
  const std::int64_t projects =
      asInt(db.query("SELECT COUNT(*) FROM projects WHERE programme_id = ?", {id}).at(0).at(0));
  if (projects > 0)
    throw core::Conflict("programme " + text(code) + " still has " + std::to_string(projects) +
                         (projects == 1 ? " project" : " projects") + "; delete them first");
  retire(db, kProgrammeKind, code, "", programmeVersion(db, code).value());
  db.execute("DELETE FROM programmes WHERE id = ?", {id});
}

std::vector<core::Project> listProjects(Reader& db, std::string_view programmeCode) {
  if (programmeCode.empty()) return loadProjects(db, ProjectFilter::kAll, {});
  return loadProjects(db, ProjectFilter::kProgramme, programmeCode);
}

std::optional<core::Project> findProject(Reader& db, std::string_view code) {
  std::vector<core::Project> projects = loadProjects(db, ProjectFilter::kCode, code);
  if (projects.empty()) return std::nullopt;
  return std::move(projects.front());
}

void insertProject(Connection& db, const core::Project& project) {
  checkLimits(&Limits::project, project);
  if (projectKey(db, project.code))
    throw core::Conflict("project " + project.code + " already exists");
  const std::int64_t programme = requireProgrammeId(db, project.programmeCode);
  const std::string identity = newIdentity();
  registerProjectIdentity(db, identity, project.code, programme);
  insertProjectRow(db, programme, project, firstVersion(db, kProjectKind, project.code, ""),
                   identity);
}

void updateProject(Connection& db, const core::Project& project) {
  checkLimits(&Limits::project, project);
  const std::int64_t id = requireProjectId(db, project.code);
  const std::int64_t programme = requireProgrammeId(db, project.programmeCode);
  db.execute(
      "UPDATE projects SET programme_id = ?, acronym = ?, start_date = ?, end_date = ?, "
      "currency = ?, approved_total = ?, approved_fund = ?, version = version + 1 WHERE id = ?",
      {programme, project.acronym, project.start.toString(), project.end.toString(),
       project.currency, optionalAmount(project.approvedTotal),
       optionalAmount(project.approvedFund), id});
  db.execute("DELETE FROM project_titles WHERE project_id = ?", {id});
  db.execute("DELETE FROM periods WHERE project_id = ?", {id});
  insertProjectChildren(db, id, project);
  // Should the project have moved, what belongs to it follows it to its programme.
  db.execute(
      "UPDATE project_identities SET programme_identity = ? WHERE identity = (SELECT identity "
      "FROM projects WHERE id = ?)",
      {identityOfProgrammeId(db, programme), id});
}

void deleteProject(Connection& db, std::string_view code) {
  const std::int64_t id = requireProjectId(db, code);
  for (const auto& [partner, version] : partnerVersions(db, id))
    retire(db, kPartnerKind, code, partner, version);
  for (const detail::PlanKey& key : detail::planKeys(db, id))
    retire(db, detail::retiredKind(key.kind), code, key.code, key.version);
  retire(db, kProjectKind, code, "", projectVersion(db, code).value());
  db.execute("DELETE FROM projects WHERE id = ?", {id});
}

std::optional<std::string> projectIdentity(Reader& db, std::string_view code) {
  const std::optional<ProjectKey> key = projectKey(db, code);
  if (!key) return std::nullopt;
  return key->identity;
}

std::optional<std::string> programmeIdentity(Reader& db, std::string_view code) {
  const auto rows = db.query("SELECT identity FROM programmes WHERE code = ?", {text(code)});
  if (rows.empty()) return std::nullopt;
  return asText(rows[0][0]);
}

std::optional<IdentityScope> identityScope(Reader& db, std::string_view identity) {
  // A project that still has the identity is in its programme now; a gone one in the
  // programme it last had, if that programme is not gone too.
  const auto rows = db.query(
      "SELECT i.code, p.code, COALESCE(pg.code, ig.code) FROM project_identities i "
      "LEFT JOIN projects p ON p.identity = i.identity "
      "LEFT JOIN programmes pg ON pg.id = p.programme_id "
      "LEFT JOIN programmes ig ON ig.identity = i.programme_identity "
      "WHERE i.identity = ?",
      {text(identity)});
  if (rows.empty()) return std::nullopt;
  const Row& row = rows[0];
  return IdentityScope{asText(row[0]), isNull(row[2]) ? std::string() : asText(row[2]),
                       !isNull(row[1])};
}

std::vector<core::Partner> listPartners(Reader& db, std::string_view projectCode) {
  return loadPartners(db, requireProjectId(db, projectCode), std::nullopt);
}

std::optional<core::Partner> findPartner(Reader& db, std::string_view projectCode,
                                         std::string_view partnerCode) {
  const auto project = projectKey(db, projectCode);
  if (!project) return std::nullopt;
  std::vector<core::Partner> partners = loadPartners(db, project->id, partnerCode);
  if (partners.empty()) return std::nullopt;
  return std::move(partners.front());
}

void insertPartner(Connection& db, std::string_view projectCode, const core::Partner& partner) {
  checkLimits(&Limits::partner, partner);
  const std::int64_t projectId = requireProjectId(db, projectCode);
  if (partnerId(db, projectId, partner.code))
    throw core::Conflict("partner " + partner.code + " already exists in project " +
                         text(projectCode));
  const std::int64_t position =
      asInt(db.query("SELECT COALESCE(MAX(position) + 1, 0) FROM partners WHERE project_id = ?",
                     {projectId})
                .at(0)
                .at(0));
  insertPartnerRow(db, projectId, position, partner,
                   firstVersion(db, kPartnerKind, projectCode, partner.code));
}

void updatePartner(Connection& db, std::string_view projectCode, const core::Partner& partner) {
  checkLimits(&Limits::partner, partner);
  const std::int64_t id = requirePartnerId(db, projectCode, partner.code);
  db.execute(
      "UPDATE partners SET role = ?, name = ?, country = ?, legal_status = ?, "
      "vat_recoverable = ?, total = ?, version = version + 1 WHERE id = ?",
      {text(core::toString(partner.role)), partner.name, partner.country,
       text(core::toString(partner.legalStatus)), std::int64_t{partner.vatRecoverable ? 1 : 0},
       partner.total.minor(), id});
  db.execute("DELETE FROM budget_lines WHERE partner_id = ?", {id});
  db.execute("DELETE FROM cofinancing WHERE partner_id = ?", {id});
  insertPartnerChildren(db, id, partner);
}

void deletePartner(Connection& db, std::string_view projectCode, std::string_view partnerCode) {
  const std::int64_t id = requirePartnerId(db, projectCode, partnerCode);
  retire(db, kPartnerKind, projectCode, partnerCode,
         partnerVersion(db, projectCode, partnerCode).value());
  db.execute("DELETE FROM partners WHERE id = ?", {id});
}

std::optional<std::int64_t> programmeVersion(Reader& db, std::string_view code) {
  const auto rows = db.query("SELECT version FROM programmes WHERE code = ?", {text(code)});
  if (rows.empty()) return std::nullopt;
  return asInt(rows[0][0]);
}

std::optional<VersionedProject> findVersionedProject(Reader& db, std::string_view code) {
  std::vector<std::int64_t> versions;
  std::vector<core::Project> projects = loadProjects(db, ProjectFilter::kCode, code, &versions);
  if (projects.empty()) return std::nullopt;
  return VersionedProject{std::move(projects.front()), versions.front()};
}

std::optional<std::int64_t> projectVersion(Reader& db, std::string_view code) {
  const auto key = projectKey(db, code);
  if (!key) return std::nullopt;
  return key->version;
}

std::optional<std::int64_t> partnerVersion(Reader& db, std::string_view projectCode,
                                           std::string_view partnerCode) {
  const auto rows = db.query(
      "SELECT p.version FROM partners p JOIN projects j ON j.id = p.project_id "
      "WHERE j.code = ? AND p.code = ?",
      {text(projectCode), text(partnerCode)});
  if (rows.empty()) return std::nullopt;
  return asInt(rows[0][0]);
}

// An UPDATE that changes nothing still locks the row it matches on MariaDB, and both backends
// count it as matched.
bool lockProgramme(Connection& db, std::string_view code, std::int64_t version) {
  return db.execute("UPDATE programmes SET version = version WHERE code = ? AND version = ?",
                    {text(code), version}) == 1;
}

bool lockProject(Connection& db, std::string_view code, std::int64_t version) {
  return db.execute("UPDATE projects SET version = version WHERE code = ? AND version = ?",
                    {text(code), version}) == 1;
}

bool lockPartner(Connection& db, std::string_view projectCode, std::string_view partnerCode,
                 std::int64_t version) {
  return db.execute(
             "UPDATE partners SET version = version WHERE code = ? AND version = ? AND "
             "project_id = (SELECT id FROM projects WHERE code = ?)",
             {text(partnerCode), version, text(projectCode)}) == 1;
}

std::optional<core::Bundle> loadBundle(Reader& db, std::string_view projectCode) {
  const auto key = projectKey(db, projectCode);
  if (!key) return std::nullopt;
  std::vector<core::Project> projects = loadProjects(db, ProjectFilter::kCode, projectCode);
  if (projects.empty()) return std::nullopt;
  core::Bundle bundle;
  bundle.project = std::move(projects.front());
  const auto programme = findProgramme(db, bundle.project.programmeCode);
  if (!programme)
    throw StoreError("project " + text(projectCode) + " refers to the missing programme " +
                     bundle.project.programmeCode);
  bundle.programme = *programme;
  bundle.partners = loadPartners(db, key->id, std::nullopt);
  detail::loadSections(db, key->id, bundle);
  return bundle;
}

void saveBundle(Connection& db, const core::Bundle& bundle, bool replace) {
  core::Project project = bundle.project;
  if (project.programmeCode.empty()) project.programmeCode = bundle.programme.code;
  if (project.programmeCode != bundle.programme.code)
    throw core::InvalidInput("/programme/code",
                             "the project belongs to programme " + project.programmeCode +
                                 ", the bundle's programme is " + bundle.programme.code);
  Limits limits;
  limits.programme(bundle.programme, "/programme");
  limits.project(project, "/project");
  for (std::size_t i = 0; i < bundle.partners.size(); ++i)
    limits.partner(bundle.partners[i], "/partners/" + std::to_string(i));
  detail::sectionLimits(limits, bundle);
  limits.throwIfAny();

  const auto stored = findProgramme(db, bundle.programme.code);
  if (stored)
    requireProgrammeEqual(*stored, bundle.programme);
  else
    insertProgramme(db, bundle.programme);

  // A replaced project and the partners it keeps go on counting versions, so that a copy read
  // before the replace is stale; the partners it drops are retired like deleted ones.
  // A replaced project keeps its identity (and with it its reports and audit chain), also when
  // an admin moves it to another programme.
  const std::int64_t programmeId = requireProgrammeId(db, project.programmeCode);
  std::int64_t version = firstVersion(db, kProjectKind, project.code, "");
  std::string identity;
  std::vector<std::pair<std::string, std::int64_t>> previousPartners;
  std::vector<detail::PlanKey> previousPlan;
  if (const auto existing = projectKey(db, project.code)) {
    if (!replace)
      throw core::Conflict("project " + project.code +
                           " already exists; save the bundle with replace to overwrite it");
    version = existing->version + 1;
    previousPartners = partnerVersions(db, existing->id);
    previousPlan = detail::planKeys(db, existing->id);
    for (const detail::PlanKey& key : previousPlan)
      if (!planHas(bundle, key))
        retire(db, detail::retiredKind(key.kind), project.code, key.code, key.version);
    for (const auto& previous : previousPartners) {
      const bool kept =
          std::any_of(bundle.partners.begin(), bundle.partners.end(),
                      [&](const core::Partner& partner) { return partner.code == previous.first; });
      if (!kept) retire(db, kPartnerKind, project.code, previous.first, previous.second);
    }
    db.execute("DELETE FROM projects WHERE id = ?", {existing->id});
    identity = existing->identity;
    db.execute("UPDATE project_identities SET programme_identity = ? WHERE identity = ?",
               {identityOfProgrammeId(db, programmeId), identity});
  } else {
    identity = newIdentity();
    registerProjectIdentity(db, identity, project.code, programmeId);
  }
  const std::int64_t projectId = insertProjectRow(db, programmeId, project, version, identity);
  std::int64_t position = 0;
  for (const core::Partner& partner : bundle.partners) {
    if (partnerId(db, projectId, partner.code))
      throw core::Conflict("partner " + partner.code + " appears twice in project " + project.code);
    const auto previous =
        std::find_if(previousPartners.begin(), previousPartners.end(),
                     [&](const auto& entry) { return entry.first == partner.code; });
    insertPartnerRow(db, projectId, position++, partner,
                     previous != previousPartners.end()
                         ? previous->second + 1
                         : firstVersion(db, kPartnerKind, project.code, partner.code));
  }
  detail::insertSections(db, projectId, project.code, bundle, previousPlan);
}

}  // namespace crossgrant::store
