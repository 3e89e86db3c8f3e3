#include "crossgrant/store/WorkPlanRepository.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "WorkPlanStore.h"

namespace crossgrant::store {
namespace {

using core::Activity;
using core::Event;
using core::Indicator;
using core::Quantity;
using core::Texts;
using core::WorkPackage;
using detail::checkLimits;
using detail::dateOf;
using detail::enumOf;
using detail::firstVersion;
using detail::optionalDateOf;
using detail::PlanKey;
using detail::retiredKind;
using detail::text;

std::int64_t flag(bool value) { return value ? 1 : 0; }

// How each kind is stored: its table and the column of object_texts that owns its texts.
struct KindTable {
  const char* table;
  const char* textOwner;
};

KindTable tableOf(PlanObject kind) {
  switch (kind) {
    case PlanObject::kWorkPackage:
      return {"work_packages", "work_package_id"};
    case PlanObject::kActivity:
      return {"activities", "activity_id"};
    case PlanObject::kEvent:
      return {"events", "event_id"};
    case PlanObject::kIndicator:
      return {"indicators", "indicator_id"};
  }
  return {"", ""};
}

constexpr PlanObject kAllKinds[] = {PlanObject::kWorkPackage, PlanObject::kActivity,
                                    PlanObject::kEvent, PlanObject::kIndicator};

// Which objects of a kind a load reads: always those of one project (alias o in every
// statement), narrowed by a fixed piece of SQL with its parameters.
struct Selection {
  std::int64_t projectId = 0;
  std::string where;  ///< " AND ..." on alias o, or ""
  std::vector<Value> params;

  std::vector<Value> all() const {
    std::vector<Value> out{projectId};
    out.insert(out.end(), params.begin(), params.end());
    return out;
  }
};

Selection oneCode(std::int64_t projectId, std::string_view code) {
  return {projectId, " AND o.code = ?", {text(code)}};
}

// ---- projects and their section flags

std::optional<std::int64_t> projectIdOf(Reader& db, std::string_view code) {
  const auto rows = db.query("SELECT id FROM projects WHERE code = ?", {text(code)});
  if (rows.empty()) return std::nullopt;
  return asInt(rows[0][0]);
}

std::int64_t requireProjectId(Reader& db, std::string_view code) {
  const auto id = projectIdOf(db, code);
  if (!id) throw core::NotFound("project " + text(code) + " not found");
  return *id;
}

const char* sectionFlag(PlanObject kind) {
  switch (kind) {
    case PlanObject::kWorkPackage:
    case PlanObject::kActivity:
      return "has_work_plan";
    case PlanObject::kEvent:
      return "has_events";
    case PlanObject::kIndicator:
      return "has_indicators";
  }
  return "";
}

// A project that gains an object of a section has the section from then on, also once the
// object is deleted again: its bundle then has the section empty.
void markSection(Connection& db, std::int64_t projectId, PlanObject kind) {
  db.execute(std::string("UPDATE projects SET ") + sectionFlag(kind) + " = 1 WHERE id = ? AND " +
                 sectionFlag(kind) + " = 0",
             {projectId});
}

std::optional<std::int64_t> objectId(Reader& db, PlanObject kind, std::int64_t projectId,
                                     std::string_view code) {
  const auto rows = db.query(
      std::string("SELECT id FROM ") + tableOf(kind).table + " WHERE project_id = ? AND code = ?",
      {projectId, text(code)});
  if (rows.empty()) return std::nullopt;
  return asInt(rows[0][0]);
}

[[noreturn]] void notFound(PlanObject kind, std::string_view code, std::string_view project) {
  throw core::NotFound(text(describe(kind)) + " " + text(code) + " not found in project " +
                       text(project));
}

std::int64_t requireObjectId(Reader& db, PlanObject kind, std::int64_t projectId,
                             std::string_view projectCode, std::string_view code) {
  const auto id = objectId(db, kind, projectId, code);
  if (!id) notFound(kind, code, projectCode);
  return *id;
}

void refuseDuplicate(Reader& db, PlanObject kind, std::int64_t projectId,
                     std::string_view projectCode, std::string_view code) {
  if (objectId(db, kind, projectId, code))
    throw core::Conflict(text(describe(kind)) + " " + text(code) + " already exists in project " +
                         text(projectCode));
}

std::int64_t nextPosition(Reader& db, const char* table, const char* parent, std::int64_t id) {
  return asInt(db.query(std::string("SELECT COALESCE(MAX(position) + 1, 0) FROM ") + table +
                            " WHERE " + parent + " = ?",
                        {id})
                   .at(0)
                   .at(0));
}

// ---- texts

// Every text of the selected objects of a kind, in order, handed to add(owner id, field, text).
template <typename Add>
void loadTexts(Reader& db, PlanObject kind, const Selection& selection, Add add) {
  const KindTable t = tableOf(kind);
  db.each(std::string("SELECT x.") + t.textOwner + ", x.field, x.lang, x.body " +
              "FROM object_texts x JOIN " + t.table + " o ON o.id = x." + t.textOwner +
              " WHERE o.project_id = ?" + selection.where + " ORDER BY x." + t.textOwner +
              ", x.field, x.position",
          selection.all(), [&](const Row& row) {
            add(asInt(row[0]), asText(row[1]), std::pair{asText(row[2]), asText(row[3])});
          });
}

void insertTexts(Connection& db, PlanObject kind, std::int64_t ownerId, const char* field,
                 const Texts& texts) {
  std::int64_t position = 0;
  for (const auto& [lang, body] : texts)
    db.execute(std::string("INSERT INTO object_texts (") + tableOf(kind).textOwner +
                   ", field, position, lang, body) VALUES (?, ?, ?, ?, ?)",
               {ownerId, text(field), position++, lang, body});
}

void deleteTexts(Connection& db, PlanObject kind, std::int64_t ownerId) {
  db.execute(std::string("DELETE FROM object_texts WHERE ") + tableOf(kind).textOwner + " = ?",
             {ownerId});
}

// Objects read with their ids, so that their texts and children find them.
/// How many rows of table (alias o) the selection has: to reserve room for them at once.
std::size_t countOf(Reader& db, const char* table, const Selection& selection) {
  return static_cast<std::size_t>(asInt(db.query(std::string("SELECT COUNT(*) FROM ") + table +
                                                     " o WHERE o.project_id = ?" + selection.where,
                                                 selection.all())
                                            .at(0)
                                            .at(0)));
}

template <typename T>
struct Loaded {
  std::vector<T> objects;
  std::vector<std::int64_t> parents;  ///< per object: its parent's id, where it has one
  std::unordered_map<std::int64_t, std::size_t> indexById;

  void reserve(std::size_t n) {
    objects.reserve(n);
    parents.reserve(n);
    indexById.reserve(n);
  }

  void add(std::int64_t id, T object, std::int64_t parent = 0) {
    indexById.emplace(id, objects.size());
    objects.push_back(std::move(object));
    parents.push_back(parent);
  }
  T& at(std::int64_t id) { return objects.at(indexById.at(id)); }
};

// ---- work packages and activities

Loaded<WorkPackage> loadWorkPackages(Reader& db, const Selection& selection) {
  Loaded<WorkPackage> loaded;
  for (const Row& row : db.query("SELECT o.id, o.code, o.lead FROM work_packages o "
                                 "WHERE o.project_id = ?" +
                                     selection.where + " ORDER BY o.position, o.id",
                                 selection.all())) {
    WorkPackage wp;
    wp.code = asText(row[1]);
    wp.lead = asText(row[2]);
    loaded.add(asInt(row[0]), std::move(wp));
  }
  if (loaded.objects.empty()) return loaded;
  loadTexts(db, PlanObject::kWorkPackage, selection,
            [&](std::int64_t id, const std::string&, std::pair<std::string, std::string> text) {
              loaded.at(id).title.push_back(std::move(text));
            });
  return loaded;
}

// Activities with their work package's id as parent, in each work package's order.
Loaded<Activity> loadActivities(Reader& db, const Selection& selection) {
  Loaded<Activity> loaded;
  loaded.reserve(countOf(db, "activities", selection));
  db.each(
      "SELECT o.id, o.work_package_id, o.code, o.partner, o.status, o.planned_start, "
      "o.planned_end, o.actual_start, o.actual_end, o.location FROM activities o "
      "WHERE o.project_id = ?" +
          selection.where + " ORDER BY o.work_package_id, o.position, o.id",
      selection.all(), [&](const Row& row) {
        Activity a;
        a.code = asText(row[2]);
        a.partner = asText(row[3]);
        a.status = enumOf(core::parseActivityStatus(asText(row[4])), row[4], "activities.status");
        a.planned = {dateOf(row[5], "activities.planned_start"),
                     dateOf(row[6], "activities.planned_end")};
        a.actual = {optionalDateOf(row[7], "activities.actual_start"),
                    optionalDateOf(row[8], "activities.actual_end")};
        a.location = asText(row[9]);
        loaded.add(asInt(row[0]), std::move(a), asInt(row[1]));
      });
  if (loaded.objects.empty()) return loaded;
  loadTexts(db, PlanObject::kActivity, selection,
            [&](std::int64_t id, const std::string& field, std::pair<std::string, std::string> t) {
              Activity& a = loaded.at(id);
              (field == "description" ? a.description : a.title).push_back(std::move(t));
            });
  return loaded;
}

core::WorkPlan assemble(Loaded<WorkPackage> packages, Loaded<Activity> activities) {
  for (std::size_t i = 0; i < activities.objects.size(); ++i)
    packages.at(activities.parents[i]).activities.push_back(std::move(activities.objects[i]));
  return {std::move(packages.objects)};
}

std::int64_t insertWorkPackageRow(Connection& db, std::int64_t projectId, std::int64_t position,
                                  const WorkPackage& wp, std::int64_t version) {
  db.execute(
      "INSERT INTO work_packages (project_id, position, code, lead, version) "
      "VALUES (?, ?, ?, ?, ?)",
      {projectId, position, wp.code, wp.lead, version});
  const std::int64_t id = db.lastInsertId();
  insertTexts(db, PlanObject::kWorkPackage, id, "title", wp.title);
  return id;
}

void writeActivityTexts(Connection& db, std::int64_t id, const Activity& a) {
  insertTexts(db, PlanObject::kActivity, id, "title", a.title);
  insertTexts(db, PlanObject::kActivity, id, "description", a.description);
}

std::int64_t insertActivityRow(Connection& db, std::int64_t projectId, std::int64_t workPackageId,
                               std::int64_t position, const Activity& a, std::int64_t version) {
  db.execute(
      "INSERT INTO activities (project_id, work_package_id, position, code, partner, status, "
      "planned_start, planned_end, actual_start, actual_end, location, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {projectId, workPackageId, position, a.code, a.partner, text(core::toString(a.status)),
       a.planned.start.toString(), a.planned.end.toString(), detail::optionalDate(a.actual.start),
       detail::optionalDate(a.actual.end), a.location, version});
  const std::int64_t id = db.lastInsertId();
  writeActivityTexts(db, id, a);
  return id;
}

// ---- events

Loaded<Event> loadEvents(Reader& db, const Selection& selection) {
  Loaded<Event> loaded;
  loaded.reserve(countOf(db, "events", selection));
  db.each(
      "SELECT o.id, o.code, a.code, o.kind, o.start_date, o.end_date, o.start_time, "
      "o.place, o.online, o.partner, o.total, o.unique_people, o.has_target_groups "
      "FROM events o JOIN activities a ON a.id = o.activity_id WHERE o.project_id = ?" +
          selection.where + " ORDER BY o.position, o.id",
      selection.all(), [&](const Row& row) {
        Event e;
        e.code = asText(row[1]);
        e.activity = asText(row[2]);
        e.kind = asText(row[3]);
        e.start = dateOf(row[4], "events.start_date");
        e.end = optionalDateOf(row[5], "events.end_date");
        e.time = asText(row[6]);
        e.place = asText(row[7]);
        e.online = asInt(row[8]) != 0;
        e.partner = asText(row[9]);
        e.participants.total = asInt(row[10]);
        if (!isNull(row[11])) e.participants.unique = asInt(row[11]);
        e.participants.hasTargetGroups = asInt(row[12]) != 0;
        loaded.add(asInt(row[0]), std::move(e));
      });
  if (loaded.objects.empty()) return loaded;
  db.each(
      "SELECT x.event_id, x.target_group, x.people "
      "FROM event_participants x JOIN events o ON o.id = x.event_id "
      "WHERE o.project_id = ?" +
          selection.where + " ORDER BY x.event_id, x.position",
      selection.all(), [&](const Row& row) {
        loaded.at(asInt(row[0]))
            .participants.byTargetGroup.emplace_back(asText(row[1]), asInt(row[2]));
      });
  loadTexts(db, PlanObject::kEvent, selection,
            [&](std::int64_t id, const std::string&, std::pair<std::string, std::string> text) {
              loaded.at(id).title.push_back(std::move(text));
            });
  return loaded;
}

// The target-group counts and the title of an event whose row exists without them.
void writeEventChildren(Connection& db, std::int64_t id, const Event& e) {
  std::int64_t n = 0;
  for (const auto& [group, people] : e.participants.byTargetGroup)
    db.execute(
        "INSERT INTO event_participants (event_id, position, target_group, people) "
        "VALUES (?, ?, ?, ?)",
        {id, n++, group, people});
  insertTexts(db, PlanObject::kEvent, id, "title", e.title);
}

void insertEventRow(Connection& db, std::int64_t projectId, std::int64_t activityId,
                    std::int64_t position, const Event& e, std::int64_t version) {
  const core::Participants& p = e.participants;
  db.execute(
      "INSERT INTO events (project_id, activity_id, position, code, kind, start_date, end_date, "
      "start_time, place, online, partner, total, unique_people, has_target_groups, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {projectId, activityId, position, e.code, e.kind, e.start.toString(),
       detail::optionalDate(e.end), e.time, e.place, flag(e.online), e.partner, p.total,
       p.unique ? Value(*p.unique) : Value(nullptr), flag(p.hasTargetGroups), version});
  writeEventChildren(db, db.lastInsertId(), e);
}

// ---- indicators

constexpr const char* kTargetGroupFilter = "target_group";
constexpr const char* kKindFilter = "kind";

Loaded<Indicator> loadIndicators(Reader& db, const Selection& selection) {
  Loaded<Indicator> loaded;
  for (const Row& row :
       db.query("SELECT o.id, o.code, o.programme_indicator, o.unit, o.kind, o.baseline, "
                "o.target, o.source, o.measure, o.has_target_groups, o.has_kinds "
                "FROM indicators o WHERE o.project_id = ?" +
                    selection.where + " ORDER BY o.position, o.id",
                selection.all())) {
    Indicator i;
    i.code = asText(row[1]);
    i.programmeIndicator = asText(row[2]);
    i.unit = asText(row[3]);
    i.kind = enumOf(core::parseIndicatorKind(asText(row[4])), row[4], "indicators.kind");
    i.baseline = Quantity::fromMinor(asInt(row[5]));
    i.target = Quantity::fromMinor(asInt(row[6]));
    if (asText(row[7]) == "events") {
      core::EventSource source;
      const std::string measure = asText(row[8]);
      if (measure != "total" && measure != "unique")
        throw StoreError("column indicators.measure holds the unknown value '" + measure + "'");
      source.measure = measure == "unique" ? core::EventSource::Measure::kUnique
                                           : core::EventSource::Measure::kTotal;
      source.hasTargetGroups = asInt(row[9]) != 0;
      source.hasKinds = asInt(row[10]) != 0;
      i.fromEvents = std::move(source);
    }
    loaded.add(asInt(row[0]), std::move(i));
  }
  if (loaded.objects.empty()) return loaded;
  for (const Row& row : db.query("SELECT x.indicator_id, x.filter, x.item FROM indicator_filters x "
                                 "JOIN indicators o ON o.id = x.indicator_id "
                                 "WHERE o.project_id = ?" +
                                     selection.where + " ORDER BY x.indicator_id, x.position",
                                 selection.all())) {
    Indicator& i = loaded.at(asInt(row[0]));
    if (!i.fromEvents) throw StoreError("indicator " + i.code + " has filters but no events");
    (asText(row[1]) == kKindFilter ? i.fromEvents->kinds : i.fromEvents->targetGroups)
        .push_back(asText(row[2]));
  }
  for (const Row& row : db.query("SELECT x.indicator_id, x.period, x.value FROM indicator_values x "
                                 "JOIN indicators o ON o.id = x.indicator_id "
                                 "WHERE o.project_id = ?" +
                                     selection.where + " ORDER BY x.indicator_id, x.position",
                                 selection.all()))
    loaded.at(asInt(row[0]))
        .values.push_back({static_cast<int>(asInt(row[1])), Quantity::fromMinor(asInt(row[2]))});
  loadTexts(db, PlanObject::kIndicator, selection,
            [&](std::int64_t id, const std::string&, std::pair<std::string, std::string> text) {
              loaded.at(id).name.push_back(std::move(text));
            });
  return loaded;
}

// The filters, recorded values and name of an indicator whose row exists without them.
void writeIndicatorChildren(Connection& db, std::int64_t id, const Indicator& i) {
  if (i.fromEvents) {
    std::int64_t n = 0;
    const auto filters = [&](const char* filter, const std::vector<std::string>& items) {
      for (const std::string& item : items)
        db.execute(
            "INSERT INTO indicator_filters (indicator_id, filter, position, item) "
            "VALUES (?, ?, ?, ?)",
            {id, text(filter), n++, item});
    };
    filters(kTargetGroupFilter, i.fromEvents->targetGroups);
    filters(kKindFilter, i.fromEvents->kinds);
  }
  std::int64_t n = 0;
  for (const core::RecordedValue& value : i.values)
    db.execute(
        "INSERT INTO indicator_values (indicator_id, position, period, value) VALUES (?, ?, ?, ?)",
        {id, n++, std::int64_t{value.period}, value.value.minor()});
  insertTexts(db, PlanObject::kIndicator, id, "name", i.name);
}

Value measureOf(const Indicator& i) {
  if (!i.fromEvents) return nullptr;
  return text(i.fromEvents->measure == core::EventSource::Measure::kUnique ? "unique" : "total");
}

void insertIndicatorRow(Connection& db, std::int64_t projectId, std::int64_t position,
                        const Indicator& i, std::int64_t version) {
  const core::EventSource* source = i.fromEvents ? &*i.fromEvents : nullptr;
  db.execute(
      "INSERT INTO indicators (project_id, position, code, programme_indicator, unit, kind, "
      "baseline, target, source, measure, has_target_groups, has_kinds, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {projectId, position, i.code, i.programmeIndicator, i.unit, text(core::toString(i.kind)),
       i.baseline.minor(), i.target.minor(), text(source != nullptr ? "events" : "recorded"),
       measureOf(i), flag(source != nullptr && source->hasTargetGroups),
       flag(source != nullptr && source->hasKinds), version});
  writeIndicatorChildren(db, db.lastInsertId(), i);
}

// ---- writing one object

std::int64_t startVersion(Reader& db, PlanObject kind, std::string_view projectCode,
                          std::string_view code) {
  return firstVersion(db, retiredKind(kind), projectCode, code);
}

void retireObject(Connection& db, PlanObject kind, std::string_view projectCode,
                  std::string_view code, std::int64_t id) {
  const std::int64_t version = asInt(
      db.query(std::string("SELECT version FROM ") + tableOf(kind).table + " WHERE id = ?", {id})
          .at(0)
          .at(0));
  detail::retire(db, retiredKind(kind), projectCode, code, version);
}

// The one integer a query by id yields.
std::int64_t scalar(Reader& db, const char* sql, std::int64_t id) {
  return asInt(db.query(sql, {id}).at(0).at(0));
}

std::string plural(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string_view describe(PlanObject kind) {
  switch (kind) {
    case PlanObject::kWorkPackage:
      return "work package";
    case PlanObject::kActivity:
      return "activity";
    case PlanObject::kEvent:
      return "event";
    case PlanObject::kIndicator:
      return "indicator";
  }
  return "object";
}

core::WorkPlan loadWorkPlan(Reader& db, std::string_view projectCode) {
  const Selection all{requireProjectId(db, projectCode), "", {}};
  return assemble(loadWorkPackages(db, all), loadActivities(db, all));
}

std::optional<WorkPackage> findWorkPackage(Reader& db, std::string_view projectCode,
                                           std::string_view code) {
  const std::int64_t projectId = requireProjectId(db, projectCode);
  Loaded<WorkPackage> packages = loadWorkPackages(db, oneCode(projectId, code));
  if (packages.objects.empty()) return std::nullopt;
  const Selection under{projectId,
                        " AND o.work_package_id = (SELECT id FROM work_packages WHERE project_id "
                        "= o.project_id AND code = ?)",
                        {text(code)}};
  core::WorkPlan plan = assemble(std::move(packages), loadActivities(db, under));
  return std::move(plan.workPackages.front());
}

std::optional<core::PlacedActivity> findActivity(Reader& db, std::string_view projectCode,
                                                 std::string_view code) {
  const std::int64_t projectId = requireProjectId(db, projectCode);
  Loaded<Activity> loaded = loadActivities(db, oneCode(projectId, code));
  if (loaded.objects.empty()) return std::nullopt;
  const std::string workPackage =
      asText(db.query("SELECT code FROM work_packages WHERE id = ?", {loaded.parents.front()})
                 .at(0)
                 .at(0));
  return core::PlacedActivity{workPackage, std::move(loaded.objects.front())};
}

std::vector<Event> listEvents(Reader& db, std::string_view projectCode, const EventFilter& filter) {
  Selection selection{requireProjectId(db, projectCode), "", {}};
  if (filter.startsIn) {
    selection.where += " AND o.start_date >= ? AND o.start_date <= ?";
    selection.params.emplace_back(filter.startsIn->start.toString());
    selection.params.emplace_back(filter.startsIn->end.toString());
  }
  if (!filter.activity.empty()) {
    selection.where +=
        " AND o.activity_id = (SELECT id FROM activities WHERE project_id = o.project_id AND "
        "code = ?)";
    selection.params.emplace_back(filter.activity);
  }
  if (!filter.partner.empty()) {
    selection.where += " AND o.partner = ?";
    selection.params.emplace_back(filter.partner);
  }
  return std::move(loadEvents(db, selection).objects);
}

std::optional<Event> findEvent(Reader& db, std::string_view projectCode, std::string_view code) {
  Loaded<Event> loaded = loadEvents(db, oneCode(requireProjectId(db, projectCode), code));
  if (loaded.objects.empty()) return std::nullopt;
  return std::move(loaded.objects.front());
}

std::vector<Indicator> listIndicators(Reader& db, std::string_view projectCode) {
  return std::move(loadIndicators(db, {requireProjectId(db, projectCode), "", {}}).objects);
}

std::optional<Indicator> findIndicator(Reader& db, std::string_view projectCode,
                                       std::string_view code) {
  Loaded<Indicator> loaded = loadIndicators(db, oneCode(requireProjectId(db, projectCode), code));
  if (loaded.objects.empty()) return std::nullopt;
  return std::move(loaded.objects.front());
}

void insertWorkPackage(Connection& db, std::string_view projectCode, const WorkPackage& wp) {
  checkLimits(&detail::Limits::workPackage, wp);
  const std::int64_t projectId = requireProjectId(db, projectCode);
  refuseDuplicate(db, PlanObject::kWorkPackage, projectId, projectCode, wp.code);
  insertWorkPackageRow(db, projectId, nextPosition(db, "work_packages", "project_id", projectId),
                       wp, startVersion(db, PlanObject::kWorkPackage, projectCode, wp.code));
  markSection(db, projectId, PlanObject::kWorkPackage);
}

// Its activities stay where they are: the row is updated in place, not written anew.
void updateWorkPackage(Connection& db, std::string_view projectCode, const WorkPackage& wp) {
  checkLimits(&detail::Limits::workPackage, wp);
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const std::int64_t id =
      requireObjectId(db, PlanObject::kWorkPackage, projectId, projectCode, wp.code);
  db.execute("UPDATE work_packages SET lead = ?, version = version + 1 WHERE id = ?",
             {wp.lead, id});
  deleteTexts(db, PlanObject::kWorkPackage, id);
  insertTexts(db, PlanObject::kWorkPackage, id, "title", wp.title);
}

void deleteWorkPackage(Connection& db, std::string_view projectCode, std::string_view code) {
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const std::int64_t id =
      requireObjectId(db, PlanObject::kWorkPackage, projectId, projectCode, code);
  const std::int64_t activities =
      scalar(db, "SELECT COUNT(*) FROM activities WHERE work_package_id = ?", id);
  if (activities > 0)
    throw core::Conflict("work package " + text(code) + " still has " +
                         plural(activities, "activity", "activities") +
                         "; delete or move them first");
  retireObject(db, PlanObject::kWorkPackage, projectCode, code, id);
  db.execute("DELETE FROM work_packages WHERE id = ?", {id});
}

void insertActivity(Connection& db, std::string_view projectCode, std::string_view workPackage,
                    const Activity& activity) {
  checkLimits(&detail::Limits::activity, activity);
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const std::int64_t wpId =
      requireObjectId(db, PlanObject::kWorkPackage, projectId, projectCode, workPackage);
  refuseDuplicate(db, PlanObject::kActivity, projectId, projectCode, activity.code);
  insertActivityRow(db, projectId, wpId, nextPosition(db, "activities", "work_package_id", wpId),
                    activity, startVersion(db, PlanObject::kActivity, projectCode, activity.code));
}

// The row is updated in place, so that the events that belong to the activity stay with it.
void updateActivity(Connection& db, std::string_view projectCode, std::string_view workPackage,
                    const Activity& a) {
  checkLimits(&detail::Limits::activity, a);
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const std::int64_t wpId =
      requireObjectId(db, PlanObject::kWorkPackage, projectId, projectCode, workPackage);
  const std::int64_t id =
      requireObjectId(db, PlanObject::kActivity, projectId, projectCode, a.code);
  const bool moves = scalar(db, "SELECT work_package_id FROM activities WHERE id = ?", id) != wpId;
  const std::int64_t position =
      moves ? nextPosition(db, "activities", "work_package_id", wpId)
            : scalar(db, "SELECT position FROM activities WHERE id = ?", id);
  db.execute(
      "UPDATE activities SET work_package_id = ?, position = ?, partner = ?, status = ?, "
      "planned_start = ?, planned_end = ?, actual_start = ?, actual_end = ?, location = ?, "
      "version = version + 1 WHERE id = ?",
      {wpId, position, a.partner, text(core::toString(a.status)), a.planned.start.toString(),
       a.planned.end.toString(), detail::optionalDate(a.actual.start),
       detail::optionalDate(a.actual.end), a.location, id});
  deleteTexts(db, PlanObject::kActivity, id);
  writeActivityTexts(db, id, a);
}

void deleteActivity(Connection& db, std::string_view projectCode, std::string_view code) {
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const std::int64_t id = requireObjectId(db, PlanObject::kActivity, projectId, projectCode, code);
  const std::int64_t events = scalar(db, "SELECT COUNT(*) FROM events WHERE activity_id = ?", id);
  if (events > 0)
    throw core::Conflict("activity " + text(code) + " still has " +
                         plural(events, "event", "events") + "; delete or move them first");
  retireObject(db, PlanObject::kActivity, projectCode, code, id);
  db.execute("DELETE FROM activities WHERE id = ?", {id});
}

void insertEvent(Connection& db, std::string_view projectCode, const Event& event) {
  checkLimits(&detail::Limits::event, event);
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const std::int64_t activityId =
      requireObjectId(db, PlanObject::kActivity, projectId, projectCode, event.activity);
  refuseDuplicate(db, PlanObject::kEvent, projectId, projectCode, event.code);
  insertEventRow(db, projectId, activityId, nextPosition(db, "events", "project_id", projectId),
                 event, startVersion(db, PlanObject::kEvent, projectCode, event.code));
  markSection(db, projectId, PlanObject::kEvent);
}

void updateEvent(Connection& db, std::string_view projectCode, const Event& event) {
  checkLimits(&detail::Limits::event, event);
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const std::int64_t activityId =
      requireObjectId(db, PlanObject::kActivity, projectId, projectCode, event.activity);
  const std::int64_t id =
      requireObjectId(db, PlanObject::kEvent, projectId, projectCode, event.code);
  const core::Participants& p = event.participants;
  db.execute(
      "UPDATE events SET activity_id = ?, kind = ?, start_date = ?, end_date = ?, start_time = ?, "
      "place = ?, online = ?, partner = ?, total = ?, unique_people = ?, has_target_groups = ?, "
      "version = version + 1 WHERE id = ?",
      {activityId, event.kind, event.start.toString(), detail::optionalDate(event.end), event.time,
       event.place, flag(event.online), event.partner, p.total,
       p.unique ? Value(*p.unique) : Value(nullptr), flag(p.hasTargetGroups), id});
  db.execute("DELETE FROM event_participants WHERE event_id = ?", {id});
  deleteTexts(db, PlanObject::kEvent, id);
  writeEventChildren(db, id, event);
}

void deleteEvent(Connection& db, std::string_view projectCode, std::string_view code) {
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const std::int64_t id = requireObjectId(db, PlanObject::kEvent, projectId, projectCode, code);
  retireObject(db, PlanObject::kEvent, projectCode, code, id);
  db.execute("DELETE FROM events WHERE id = ?", {id});
}

void insertIndicator(Connection& db, std::string_view projectCode, const Indicator& indicator) {
  checkLimits(&detail::Limits::indicator, indicator);
  const std::int64_t projectId = requireProjectId(db, projectCode);
  refuseDuplicate(db, PlanObject::kIndicator, projectId, projectCode, indicator.code);
  insertIndicatorRow(db, projectId, nextPosition(db, "indicators", "project_id", projectId),
                     indicator,
                     startVersion(db, PlanObject::kIndicator, projectCode, indicator.code));
  markSection(db, projectId, PlanObject::kIndicator);
}

void updateIndicator(Connection& db, std::string_view projectCode, const Indicator& indicator) {
  checkLimits(&detail::Limits::indicator, indicator);
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const std::int64_t id =
      requireObjectId(db, PlanObject::kIndicator, projectId, projectCode, indicator.code);
  const core::EventSource* source = indicator.fromEvents ? &*indicator.fromEvents : nullptr;
  db.execute(
      "UPDATE indicators SET programme_indicator = ?, unit = ?, kind = ?, baseline = ?, "
      "target = ?, source = ?, measure = ?, has_target_groups = ?, has_kinds = ?, "
      "version = version + 1 WHERE id = ?",
      {indicator.programmeIndicator, indicator.unit, text(core::toString(indicator.kind)),
       indicator.baseline.minor(), indicator.target.minor(),
       text(source != nullptr ? "events" : "recorded"), measureOf(indicator),
       flag(source != nullptr && source->hasTargetGroups),
       flag(source != nullptr && source->hasKinds), id});
  for (const char* table : {"indicator_filters", "indicator_values"})
    db.execute(std::string("DELETE FROM ") + table + " WHERE indicator_id = ?", {id});
  deleteTexts(db, PlanObject::kIndicator, id);
  writeIndicatorChildren(db, id, indicator);
}

void deleteIndicator(Connection& db, std::string_view projectCode, std::string_view code) {
  const std::int64_t projectId = requireProjectId(db, projectCode);
  const std::int64_t id = requireObjectId(db, PlanObject::kIndicator, projectId, projectCode, code);
  retireObject(db, PlanObject::kIndicator, projectCode, code, id);
  db.execute("DELETE FROM indicators WHERE id = ?", {id});
}

std::vector<std::string> planCodes(Reader& db, PlanObject kind, std::string_view projectCode) {
  std::vector<std::string> codes;
  for (const Row& row :
       db.query(std::string("SELECT code FROM ") + tableOf(kind).table + " WHERE project_id = ?",
                {requireProjectId(db, projectCode)}))
    codes.push_back(asText(row[0]));
  return codes;
}

std::optional<std::int64_t> planVersion(Reader& db, PlanObject kind, std::string_view projectCode,
                                        std::string_view code) {
  const auto rows = db.query(std::string("SELECT o.version FROM ") + tableOf(kind).table +
                                 " o JOIN projects j ON j.id = o.project_id "
                                 "WHERE j.code = ? AND o.code = ?",
                             {text(projectCode), text(code)});
  if (rows.empty()) return std::nullopt;
  return asInt(rows[0][0]);
}

bool lockPlanObject(Connection& db, PlanObject kind, std::string_view projectCode,
                    std::string_view code, std::int64_t version) {
  return db.execute(std::string("UPDATE ") + tableOf(kind).table +
                        " SET version = version WHERE code = ? AND version = ? AND "
                        "project_id = (SELECT id FROM projects WHERE code = ?)",
                    {text(code), version, text(projectCode)}) == 1;
}

namespace detail {

std::string_view retiredKind(PlanObject kind) {
  switch (kind) {
    case PlanObject::kWorkPackage:
      return "work_package";
    case PlanObject::kActivity:
      return "activity";
    case PlanObject::kEvent:
      return "event";
    case PlanObject::kIndicator:
      return "indicator";
  }
  return "";
}

std::vector<PlanKey> planKeys(Reader& db, std::int64_t projectId) {
  std::vector<PlanKey> keys;
  for (PlanObject kind : kAllKinds)
    for (const Row& row : db.query(std::string("SELECT code, version FROM ") + tableOf(kind).table +
                                       " WHERE project_id = ?",
                                   {projectId}))
      keys.push_back({kind, asText(row[0]), asInt(row[1])});
  return keys;
}

void loadSections(Reader& db, std::int64_t projectId, core::Bundle& bundle) {
  const Row flags = db.query(
                          "SELECT has_work_plan, has_events, has_indicators FROM projects "
                          "WHERE id = ?",
                          {projectId})
                        .at(0);
  const Selection all{projectId, "", {}};
  if (asInt(flags[0]) != 0)
    bundle.workPlan = assemble(loadWorkPackages(db, all), loadActivities(db, all));
  if (asInt(flags[1]) != 0) bundle.events = std::move(loadEvents(db, all).objects);
  if (asInt(flags[2]) != 0) bundle.indicators = std::move(loadIndicators(db, all).objects);
}

void sectionLimits(Limits& limits, const core::Bundle& bundle) {
  if (bundle.workPlan) {
    const auto& packages = bundle.workPlan->workPackages;
    for (std::size_t w = 0; w < packages.size(); ++w) {
      const std::string at = "/work_plan/work_packages/" + std::to_string(w);
      limits.workPackage(packages[w], at);
      for (std::size_t a = 0; a < packages[w].activities.size(); ++a)
        limits.activity(packages[w].activities[a], at + "/activities/" + std::to_string(a));
    }
  }
  if (bundle.events)
    for (std::size_t e = 0; e < bundle.events->size(); ++e)
      limits.event((*bundle.events)[e], "/events/" + std::to_string(e));
  if (bundle.indicators)
    for (std::size_t i = 0; i < bundle.indicators->size(); ++i)
      limits.indicator((*bundle.indicators)[i], "/indicators/" + std::to_string(i));
}

void insertSections(Connection& db, std::int64_t projectId, std::string_view projectCode,
                    const core::Bundle& bundle, const std::vector<PlanKey>& previous) {
  const auto versionOf = [&](PlanObject kind, const std::string& code) {
    const auto found = std::find_if(previous.begin(), previous.end(), [&](const PlanKey& key) {
      return key.kind == kind && key.code == code;
    });
    return found != previous.end() ? found->version + 1 : startVersion(db, kind, projectCode, code);
  };
  // Codes are unique per kind (the bundle's rules); a store without that check would write a
  // second row the unique key refuses, as a Conflict.
  std::unordered_map<std::string, std::int64_t> activityIds;
  if (bundle.workPlan) {
    std::int64_t wpPosition = 0;
    for (const WorkPackage& wp : bundle.workPlan->workPackages) {
      const std::int64_t wpId = insertWorkPackageRow(db, projectId, wpPosition++, wp,
                                                     versionOf(PlanObject::kWorkPackage, wp.code));
      std::int64_t position = 0;
      for (const Activity& a : wp.activities) {
        activityIds.emplace(a.code, insertActivityRow(db, projectId, wpId, position++, a,
                                                      versionOf(PlanObject::kActivity, a.code)));
      }
    }
  }
  if (bundle.events) {
    std::int64_t position = 0;
    for (const Event& e : *bundle.events) {
      const auto activity = activityIds.find(e.activity);
      if (activity == activityIds.end())
        throw core::InvalidInput("/events/" + std::to_string(position) + "/activity",
                                 "no activity " + e.activity + " in the work plan");
      insertEventRow(db, projectId, activity->second, position++, e,
                     versionOf(PlanObject::kEvent, e.code));
    }
  }
  if (bundle.indicators) {
    std::int64_t position = 0;
    for (const Indicator& i : *bundle.indicators)
      insertIndicatorRow(db, projectId, position++, i, versionOf(PlanObject::kIndicator, i.code));
  }
  db.execute(
      "UPDATE projects SET has_work_plan = ?, has_events = ?, has_indicators = ? WHERE id = ?",
      {std::int64_t{bundle.workPlan ? 1 : 0}, std::int64_t{bundle.events ? 1 : 0},
       std::int64_t{bundle.indicators ? 1 : 0}, projectId});
}

}  // namespace detail
}  // namespace crossgrant::store
