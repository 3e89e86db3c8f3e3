#include "crossgrant/app/workplan/ProgressService.h"

#include <algorithm>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Policy.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/WorkPlanRepository.h"
#include "grants/Edits.h"

namespace crossgrant::app {
namespace {

using core::Json;
using edits::quoted;
using store::Connection;
using store::Reader;
using store::StoredStatement;

/// The project a statement belongs to, as one unit reads it.
struct Place {
  core::Project project;
  std::string identity;
  std::vector<std::string> partners;
};

Place placeOf(Reader& db, std::string_view project, int period) {
  std::optional<core::Project> stored = store::findProject(db, project);
  if (!stored) throw core::NotFound("project " + quoted(project) + " does not exist");
  const bool known = std::any_of(stored->periods.begin(), stored->periods.end(),
                                 [&](const core::Period& p) { return p.number == period; });
  if (!known)
    throw core::NotFound("project " + quoted(project) + " has no period " + std::to_string(period));
  Place place{std::move(*stored), store::projectIdentity(db, project).value(), {}};
  for (const core::Partner& partner : store::listPartners(db, project))
    place.partners.push_back(partner.code);
  return place;
}

void requirePartner(const Place& place, std::string_view partner) {
  if (!partner.empty() &&
      std::find(place.partners.begin(), place.partners.end(), partner) == place.partners.end())
    throw core::NotFound("project " + quoted(place.project.code) + " has no partner " +
                         quoted(partner));
}

core::Scope scopeOf(const Place& place, std::string_view partner) {
  return {place.project.programmeCode, place.project.code, std::string(partner)};
}

core::Decision readDecision(const Caller& caller, const Place& place, std::string_view partner) {
  return core::decide(
      caller.principal,
      partner.empty() ? core::Operation::kReadProject : core::Operation::kReadPartner,
      scopeOf(place, partner));
}

bool mayRead(const Caller& caller, const Place& place, std::string_view partner) {
  return readDecision(caller, place, partner).allowed();
}

/// Forbidden, or NotFound for what the caller may not even see.
[[noreturn]] void refuse(const core::Decision& decision, const Place& place,
                         std::string_view partner) {
  if (decision.outcome == core::Decision::Outcome::kHidden)
    throw core::NotFound("project " + quoted(place.project.code) + " has no partner " +
                         quoted(partner));
  throw core::Forbidden(decision.reason);
}

StoredStatement storedOrEmpty(Reader& db, const Place& place, int period,
                              std::string_view partner) {
  if (auto stored = store::findStatement(db, place.identity, period, partner)) return *stored;
  StoredStatement empty;
  empty.statement.period = period;
  empty.statement.partner = std::string(partner);
  return empty;
}

std::string describe(const Place& place, int period, std::string_view partner) {
  return (partner.empty() ? std::string("the project's statement")
                          : "partner " + quoted(partner) + "'s statement") +
         " for period " + std::to_string(period) + " of project " + quoted(place.project.code);
}

}  // namespace

Json statementRecord(const StoredStatement& s) {
  return core::periodStatementToJson(s.statement)
      .set("version", s.version)
      .set("changed_by", s.changedBy)
      .set("changed_at", s.changedAt);
}

ProgressService::ProgressService(Context& context, Caller caller)
    : context_(context), caller_(std::move(caller)) {}

std::vector<StoredStatement> ProgressService::statements(std::string_view project, int period) {
  return context_.database().read([&](Reader& db) {
    const Place place = placeOf(db, project, period);
    std::vector<StoredStatement> written = store::listStatements(db, place.identity, period);
    std::vector<StoredStatement> out;
    std::vector<std::string> partners{""};
    partners.insert(partners.end(), place.partners.begin(), place.partners.end());
    for (const std::string& partner : partners) {
      if (!mayRead(caller_, place, partner)) continue;
      const auto found = std::find_if(written.begin(), written.end(), [&](const auto& s) {
        return s.statement.partner == partner;
      });
      if (found != written.end()) {
        out.push_back(std::move(*found));
      } else {
        StoredStatement empty;
        empty.statement.period = period;
        empty.statement.partner = partner;
        out.push_back(std::move(empty));
      }
    }
    return out;
  });
}

StoredStatement ProgressService::statement(std::string_view project, int period,
                                           std::string_view partner) {
  return context_.database().read([&](Reader& db) {
    const Place place = placeOf(db, project, period);
    requirePartner(place, partner);
    const core::Decision decision = readDecision(caller_, place, partner);
    if (!decision.allowed()) refuse(decision, place, partner);
    return storedOrEmpty(db, place, period, partner);
  });
}

StoredStatement ProgressService::save(std::string_view project, int period,
                                      std::string_view partner, const Json& body,
                                      BaseVersion version) {
  return context_.database().write([&](Connection& db) {
    const Place place = placeOf(db, project, period);
    requirePartner(place, partner);
    const core::Operation operation =
        partner.empty() ? core::Operation::kWriteProject : core::Operation::kWritePartnerWork;
    const core::Decision decision =
        core::decide(caller_.principal, operation, scopeOf(place, partner));
    if (!decision.allowed()) refuse(decision, place, partner);
    const StoredStatement before = storedOrEmpty(db, place, period, partner);
    if (before.version == 0) {
      // Nothing written yet: no version is the right base.
      if (version && *version != 0)
        throw core::StaleVersion(describe(place, period, partner) +
                                     " is not written yet (version 0), not at version " +
                                     std::to_string(*version),
                                 0, statementRecord(before));
    } else {
      edits::lockAt(
          describe(place, period, partner), version,
          [&](std::int64_t v) {
            return store::lockStatement(db, place.identity, period, partner, v);
          },
          [&] {
            return edits::Current{before.version, statementRecord(before)};
          });
    }
    core::ActivityOwners owners;
    for (const core::WorkPackage& wp : store::loadWorkPlan(db, project).workPackages)
      for (const core::Activity& activity : wp.activities)
        owners.emplace_back(activity.code, activity.partner);
    const core::PeriodStatement statement =
        core::readPeriodStatement(body, period, std::string(partner), owners);
    store::saveStatement(db, place.identity, statement, caller_.actor.user,
                         core::utcTimestamp(context_.nowMillis()));
    StoredStatement after = storedOrEmpty(db, place, period, partner);
    recordChange(db, context_.auditKey(), caller_.actor, before.version == 0 ? "create" : "update",
                 "progress_statement",
                 std::string(project) + "/" + std::to_string(period) + "/" +
                     (partner.empty() ? std::string("project") : std::string(partner)),
                 std::string(project),
                 before.version == 0 ? std::nullopt : std::optional<Json>(statementRecord(before)),
                 statementRecord(after));
    return after;
  });
}

}  // namespace crossgrant::app
