#include "crossgrant/app/workplan/WorkPlanService.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Policy.h"
#include "crossgrant/store/EvidenceRepository.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/WorkPlanRepository.h"
#include "grants/Edits.h"

namespace crossgrant::app {
namespace {

using core::Json;
using edits::quoted;
using store::Connection;
using store::PlanObject;
using store::Reader;

/// A project with its programme, which its scope and rules come from.
struct Where {
  core::Project project;
  core::Programme programme;
};

Where requireProject(Reader& db, std::string_view code) {
  std::optional<core::Project> project = store::findProject(db, code);
  if (!project) throw core::NotFound("project " + quoted(code) + " does not exist");
  std::optional<core::Programme> programme = store::findProgramme(db, project->programmeCode);
  if (!programme)
    throw core::NotFound("programme " + quoted(project->programmeCode) + " does not exist");
  return {std::move(*project), std::move(*programme)};
}

[[noreturn]] void notFound(PlanObject kind, std::string_view code, std::string_view project) {
  throw core::NotFound(std::string(store::describe(kind)) + " " + quoted(code) +
                       " does not exist in project " + quoted(project));
}

template <typename T>
T required(std::optional<T> found, PlanObject kind, std::string_view code,
           std::string_view project) {
  if (!found) notFound(kind, code, project);
  return std::move(*found);
}

std::int64_t versionOf(Reader& db, PlanObject kind, std::string_view project,
                       std::string_view code) {
  return store::planVersion(db, kind, project, code).value();
}

// The audited record and the resource body of each kind: its bundle form plus its version.
Json record(Json json, std::int64_t version) { return json.set("version", version); }
Json recordOf(const Versioned<core::WorkPackage>& w) {
  return record(core::workPackageToJson(w.value), w.version);
}
Json recordOf(const Versioned<core::PlacedActivity>& a) {
  return record(core::activityToJson(a.value), a.version);
}
Json recordOf(const Versioned<core::Event>& e) {
  return record(core::eventToJson(e.value), e.version);
}
Json recordOf(const Versioned<core::Indicator>& i) {
  return record(core::indicatorToJson(i.value), i.version);
}

// How each kind is read from the store and named in the trail.
Versioned<core::WorkPackage> storedWorkPackage(Reader& db, std::string_view project,
                                               std::string_view code) {
  core::WorkPackage wp =
      required(store::findWorkPackage(db, project, code), PlanObject::kWorkPackage, code, project);
  wp.activities.clear();
  return {std::move(wp), versionOf(db, PlanObject::kWorkPackage, project, code)};
}
Versioned<core::PlacedActivity> storedActivity(Reader& db, std::string_view project,
                                               std::string_view code) {
  return {required(store::findActivity(db, project, code), PlanObject::kActivity, code, project),
          versionOf(db, PlanObject::kActivity, project, code)};
}
Versioned<core::Event> storedEvent(Reader& db, std::string_view project, std::string_view code) {
  return {required(store::findEvent(db, project, code), PlanObject::kEvent, code, project),
          versionOf(db, PlanObject::kEvent, project, code)};
}
Versioned<core::Indicator> storedIndicator(Reader& db, std::string_view project,
                                           std::string_view code) {
  return {required(store::findIndicator(db, project, code), PlanObject::kIndicator, code, project),
          versionOf(db, PlanObject::kIndicator, project, code)};
}

/// The record of an object being deleted with the ids of its evidence files, which stay
/// (EvidenceService.h): the trail says what was deleted and what was kept.
Json withKeptEvidence(Reader& db, Json record, std::string_view project, std::string_view kind,
                      std::string_view code) {
  Json kept = Json::array();
  for (const store::EvidenceFile& file :
       store::listEvidence(db, store::projectIdentity(db, project).value(), kind, code))
    kept.push(file.id);
  return record.set("evidence_kept", std::move(kept));
}

std::string objectKey(std::string_view project, std::string_view code) {
  return std::string(project) + "/" + std::string(code);
}

/// Locks the object at version (edits::lockAt), showing it as current shows it.
void lockAt(Connection& db, PlanObject kind, std::string_view project, std::string_view code,
            BaseVersion version, const std::function<Json()>& current) {
  edits::lockAt(
      std::string(store::describe(kind)) + " " + quoted(code) + " of project " + quoted(project),
      version, [&](std::int64_t v) { return store::lockPlanObject(db, kind, project, code, v); },
      [&] {
        Json json = current();  // NotFound when it is missing
        return edits::Current{versionOf(db, kind, project, code), std::move(json)};
      });
}

/// What a body of this project is read against, as the project is stored in this unit.
struct Reading {
  Where where;
  const core::ProgrammeRules* rules;
  std::vector<std::string> partners;
  std::vector<std::string> workPackages;
  std::vector<std::string> activities;

  core::PlanContext context() const {
    return {where.project, partners, workPackages, activities, rules};
  }
};

Reading readingOf(Reader& db, Context& context, std::string_view project) {
  Reading reading{requireProject(db, project), nullptr, {}, {}, {}};
  reading.rules = &context.rules(reading.where.programme.rules);
  for (const core::Partner& partner : store::listPartners(db, project))
    reading.partners.push_back(partner.code);
  reading.workPackages = store::planCodes(db, PlanObject::kWorkPackage, project);
  reading.activities = store::planCodes(db, PlanObject::kActivity, project);
  return reading;
}

/// A body read against the project as this unit sees it.
template <typename Read>
auto readBody(Reader& db, Context& context, std::string_view project, const Json& body, Read read) {
  const Reading reading = readingOf(db, context, project);
  return read(body, reading.context());
}

}  // namespace

WorkPlanService::WorkPlanService(Context& context, Caller caller)
    : context_(context), caller_(std::move(caller)) {}

void WorkPlanService::requirePartnerWork(std::string_view programme, std::string_view project,
                                         const std::string& partner) const {
  const core::Scope scope{std::string(programme), std::string(project), partner};
  const core::Decision decision =
      core::decide(caller_.principal, core::Operation::kWritePartnerWork, scope);
  if (!decision.allowed()) throw core::Forbidden(decision.reason);
}

// ---- work packages

core::WorkPlan WorkPlanService::workPlan(std::string_view project) {
  return context_.database().read([&](Reader& db) {
    requireProject(db, project);
    return store::loadWorkPlan(db, project);
  });
}

Versioned<core::WorkPackage> WorkPlanService::workPackage(std::string_view project,
                                                          std::string_view code) {
  return context_.database().read([&](Reader& db) {
    requireProject(db, project);
    return storedWorkPackage(db, project, code);
  });
}

Versioned<core::WorkPackage> WorkPlanService::createWorkPackage(std::string_view project,
                                                                const Json& body) {
  return context_.database().write([&](Connection& db) {
    const core::WorkPackage wp = readBody(db, context_, project, body, core::readWorkPackage);
    store::insertWorkPackage(db, project, wp);
    Versioned<core::WorkPackage> after = storedWorkPackage(db, project, wp.code);
    recordChange(db, context_.auditKey(), caller_.actor, "create", "work_package",
                 objectKey(project, wp.code), std::string(project), std::nullopt, recordOf(after));
    return after;
  });
}

Versioned<core::WorkPackage> WorkPlanService::updateWorkPackage(std::string_view project,
                                                                std::string_view code,
                                                                const Json& body,
                                                                BaseVersion version) {
  return context_.database().write([&](Connection& db) {
    lockAt(db, PlanObject::kWorkPackage, project, code, version,
           [&] { return recordOf(storedWorkPackage(db, project, code)); });
    const Versioned<core::WorkPackage> before = storedWorkPackage(db, project, code);
    const core::WorkPackage wp = readBody(db, context_, project, body, core::readWorkPackage);
    edits::requireSameCode(code, wp.code);
    store::updateWorkPackage(db, project, wp);
    Versioned<core::WorkPackage> after = storedWorkPackage(db, project, code);
    recordChange(db, context_.auditKey(), caller_.actor, "update", "work_package",
                 objectKey(project, code), std::string(project), recordOf(before), recordOf(after));
    return after;
  });
}

void WorkPlanService::deleteWorkPackage(std::string_view project, std::string_view code,
                                        BaseVersion version) {
  context_.database().write([&](Connection& db) {
    lockAt(db, PlanObject::kWorkPackage, project, code, version,
           [&] { return recordOf(storedWorkPackage(db, project, code)); });
    const Versioned<core::WorkPackage> before = storedWorkPackage(db, project, code);
    store::deleteWorkPackage(db, project, code);
    recordChange(db, context_.auditKey(), caller_.actor, "delete", "work_package",
                 objectKey(project, code), std::string(project), recordOf(before), std::nullopt);
  });
}

// ---- activities: the responsible partner's, before and after the change

Versioned<core::PlacedActivity> WorkPlanService::activity(std::string_view project,
                                                          std::string_view code) {
  return context_.database().read([&](Reader& db) {
    requireProject(db, project);
    return storedActivity(db, project, code);
  });
}

Versioned<core::PlacedActivity> WorkPlanService::createActivity(std::string_view project,
                                                                const Json& body) {
  return context_.database().write([&](Connection& db) {
    const Reading reading = readingOf(db, context_, project);
    const core::PlacedActivity placed = core::readPlacedActivity(body, reading.context());
    requirePartnerWork(reading.where.programme.code, project, placed.activity.partner);
    store::insertActivity(db, project, placed.workPackage, placed.activity);
    Versioned<core::PlacedActivity> after = storedActivity(db, project, placed.activity.code);
    recordChange(db, context_.auditKey(), caller_.actor, "create", "activity",
                 objectKey(project, placed.activity.code), std::string(project), std::nullopt,
                 recordOf(after));
    return after;
  });
}

Versioned<core::PlacedActivity> WorkPlanService::updateActivity(std::string_view project,
                                                                std::string_view code,
                                                                const Json& body,
                                                                BaseVersion version) {
  // Who may not change the activity as stored is refused before its version is looked at.
  context_.database().read([&](Reader& db) {
    const Where where = requireProject(db, project);
    if (auto stored = store::findActivity(db, project, code))
      requirePartnerWork(where.programme.code, project, stored->activity.partner);
  });
  return context_.database().write([&](Connection& db) {
    lockAt(db, PlanObject::kActivity, project, code, version,
           [&] { return recordOf(storedActivity(db, project, code)); });
    const Versioned<core::PlacedActivity> before = storedActivity(db, project, code);
    const Reading reading = readingOf(db, context_, project);
    const core::PlacedActivity placed = core::readPlacedActivity(body, reading.context());
    edits::requireSameCode(code, placed.activity.code);
    requirePartnerWork(reading.where.programme.code, project, before.value.activity.partner);
    requirePartnerWork(reading.where.programme.code, project, placed.activity.partner);
    store::updateActivity(db, project, placed.workPackage, placed.activity);
    Versioned<core::PlacedActivity> after = storedActivity(db, project, code);
    recordChange(db, context_.auditKey(), caller_.actor, "update", "activity",
                 objectKey(project, code), std::string(project), recordOf(before), recordOf(after));
    return after;
  });
}

void WorkPlanService::deleteActivity(std::string_view project, std::string_view code,
                                     BaseVersion version) {
  context_.database().read([&](Reader& db) {
    const Where where = requireProject(db, project);
    if (auto stored = store::findActivity(db, project, code))
      requirePartnerWork(where.programme.code, project, stored->activity.partner);
  });
  context_.database().write([&](Connection& db) {
    lockAt(db, PlanObject::kActivity, project, code, version,
           [&] { return recordOf(storedActivity(db, project, code)); });
    const Versioned<core::PlacedActivity> before = storedActivity(db, project, code);
    requirePartnerWork(requireProject(db, project).programme.code, project,
                       before.value.activity.partner);
    store::deleteActivity(db, project, code);
    recordChange(db, context_.auditKey(), caller_.actor, "delete", "activity",
                 objectKey(project, code), std::string(project),
                 withKeptEvidence(db, recordOf(before), project, "activity", code), std::nullopt);
  });
}

// ---- events: the organising partner's, before and after the change

std::vector<core::Event> WorkPlanService::events(std::string_view project,
                                                 const EventQuery& query) {
  return context_.database().read([&](Reader& db) {
    const Where where = requireProject(db, project);
    store::EventFilter filter{std::nullopt, query.activity, query.partner};
    if (query.period) {
      const auto& periods = where.project.periods;
      const auto period = std::find_if(periods.begin(), periods.end(), [&](const core::Period& p) {
        return p.number == *query.period;
      });
      if (period == periods.end())
        throw core::NotFound("project " + quoted(project) + " has no period " +
                             std::to_string(*query.period));
      filter.startsIn = core::DateRange{period->start, period->end};
    }
    return store::listEvents(db, project, filter);
  });
}

Versioned<core::Event> WorkPlanService::event(std::string_view project, std::string_view code) {
  return context_.database().read([&](Reader& db) {
    requireProject(db, project);
    return storedEvent(db, project, code);
  });
}

Versioned<core::Event> WorkPlanService::createEvent(std::string_view project, const Json& body) {
  return context_.database().write([&](Connection& db) {
    const Reading reading = readingOf(db, context_, project);
    const core::Event event = core::readEvent(body, reading.context());
    requirePartnerWork(reading.where.programme.code, project, event.partner);
    store::insertEvent(db, project, event);
    Versioned<core::Event> after = storedEvent(db, project, event.code);
    recordChange(db, context_.auditKey(), caller_.actor, "create", "event",
                 objectKey(project, event.code), std::string(project), std::nullopt,
                 recordOf(after));
    return after;
  });
}

Versioned<core::Event> WorkPlanService::updateEvent(std::string_view project, std::string_view code,
                                                    const Json& body, BaseVersion version) {
  context_.database().read([&](Reader& db) {
    const Where where = requireProject(db, project);
    if (auto stored = store::findEvent(db, project, code))
      requirePartnerWork(where.programme.code, project, stored->partner);
  });
  return context_.database().write([&](Connection& db) {
    lockAt(db, PlanObject::kEvent, project, code, version,
           [&] { return recordOf(storedEvent(db, project, code)); });
    const Versioned<core::Event> before = storedEvent(db, project, code);
    const Reading reading = readingOf(db, context_, project);
    const core::Event event = core::readEvent(body, reading.context());
    edits::requireSameCode(code, event.code);
    requirePartnerWork(reading.where.programme.code, project, before.value.partner);
    requirePartnerWork(reading.where.programme.code, project, event.partner);
    store::updateEvent(db, project, event);
    Versioned<core::Event> after = storedEvent(db, project, code);
    recordChange(db, context_.auditKey(), caller_.actor, "update", "event",
                 objectKey(project, code), std::string(project), recordOf(before), recordOf(after));
    return after;
  });
}

void WorkPlanService::deleteEvent(std::string_view project, std::string_view code,
                                  BaseVersion version) {
  context_.database().read([&](Reader& db) {
    const Where where = requireProject(db, project);
    if (auto stored = store::findEvent(db, project, code))
      requirePartnerWork(where.programme.code, project, stored->partner);
  });
  context_.database().write([&](Connection& db) {
    lockAt(db, PlanObject::kEvent, project, code, version,
           [&] { return recordOf(storedEvent(db, project, code)); });
    const Versioned<core::Event> before = storedEvent(db, project, code);
    requirePartnerWork(requireProject(db, project).programme.code, project, before.value.partner);
    store::deleteEvent(db, project, code);
    recordChange(db, context_.auditKey(), caller_.actor, "delete", "event",
                 objectKey(project, code), std::string(project),
                 withKeptEvidence(db, recordOf(before), project, "event", code), std::nullopt);
  });
}

// ---- indicators

std::vector<IndicatorProgress> WorkPlanService::indicators(std::string_view project) {
  return context_.database().read([&](Reader& db) {
    const Where where = requireProject(db, project);
    const std::vector<core::Event> events = store::listEvents(db, project);
    std::vector<core::Indicator> indicators = store::listIndicators(db, project);
    std::vector<std::vector<core::IndicatorPeriod>> periods =
        core::allIndicatorPeriods(indicators, where.project, events);
    std::vector<IndicatorProgress> out;
    for (std::size_t i = 0; i < indicators.size(); ++i)
      out.push_back({std::move(indicators[i]), std::move(periods[i])});
    return out;
  });
}

Versioned<core::Indicator> WorkPlanService::indicator(std::string_view project,
                                                      std::string_view code) {
  return context_.database().read([&](Reader& db) {
    requireProject(db, project);
    return storedIndicator(db, project, code);
  });
}

Versioned<core::Indicator> WorkPlanService::createIndicator(std::string_view project,
                                                            const Json& body) {
  return context_.database().write([&](Connection& db) {
    const core::Indicator indicator = readBody(db, context_, project, body, core::readIndicator);
    store::insertIndicator(db, project, indicator);
    Versioned<core::Indicator> after = storedIndicator(db, project, indicator.code);
    recordChange(db, context_.auditKey(), caller_.actor, "create", "indicator",
                 objectKey(project, indicator.code), std::string(project), std::nullopt,
                 recordOf(after));
    return after;
  });
}

Versioned<core::Indicator> WorkPlanService::updateIndicator(std::string_view project,
                                                            std::string_view code, const Json& body,
                                                            BaseVersion version) {
  return context_.database().write([&](Connection& db) {
    lockAt(db, PlanObject::kIndicator, project, code, version,
           [&] { return recordOf(storedIndicator(db, project, code)); });
    const Versioned<core::Indicator> before = storedIndicator(db, project, code);
    const core::Indicator indicator = readBody(db, context_, project, body, core::readIndicator);
    edits::requireSameCode(code, indicator.code);
    store::updateIndicator(db, project, indicator);
    Versioned<core::Indicator> after = storedIndicator(db, project, code);
    recordChange(db, context_.auditKey(), caller_.actor, "update", "indicator",
                 objectKey(project, code), std::string(project), recordOf(before), recordOf(after));
    return after;
  });
}

void WorkPlanService::deleteIndicator(std::string_view project, std::string_view code,
                                      BaseVersion version) {
  context_.database().write([&](Connection& db) {
    lockAt(db, PlanObject::kIndicator, project, code, version,
           [&] { return recordOf(storedIndicator(db, project, code)); });
    const Versioned<core::Indicator> before = storedIndicator(db, project, code);
    store::deleteIndicator(db, project, code);
    recordChange(db, context_.auditKey(), caller_.actor, "delete", "indicator",
                 objectKey(project, code), std::string(project), recordOf(before), std::nullopt);
  });
}

}  // namespace crossgrant::app
