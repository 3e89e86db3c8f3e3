#include "WorkPlanCodec.h"

#include "crossgrant/core/PlanObjects.h"

#include <algorithm>
#include <map>
#include <set>

namespace crossgrant::core {

std::string_view toString(ActivityStatus status) {
  switch (status) {
    case ActivityStatus::kPlanned:
      return "planned";
    case ActivityStatus::kOngoing:
      return "ongoing";
    case ActivityStatus::kDone:
      return "done";
    case ActivityStatus::kCancelled:
      return "cancelled";
  }
  return "planned";
}

std::optional<ActivityStatus> parseActivityStatus(std::string_view text) {
  for (ActivityStatus status : {ActivityStatus::kPlanned, ActivityStatus::kOngoing,
                                ActivityStatus::kDone, ActivityStatus::kCancelled})
    if (toString(status) == text) return status;
  return std::nullopt;
}

std::string_view toString(IndicatorKind kind) {
  return kind == IndicatorKind::kResult ? "result" : "output";
}

std::optional<IndicatorKind> parseIndicatorKind(std::string_view text) {
  if (text == "output") return IndicatorKind::kOutput;
  if (text == "result") return IndicatorKind::kResult;
  return std::nullopt;
}

namespace workplan {
namespace {

using namespace reading;

const Fields kWorkPlanFields = {"work_packages"};
const Fields kWorkPackageFields = {"code", "title", "lead", "activities"};
const Fields kActivityFields = {"code",    "title",  "partner",  "status",
                                "planned", "actual", "location", "description"};
const Fields kRangeFields = {"start", "end"};
const Fields kEventFields = {"code", "activity", "kind",   "title",   "start",       "end",
                             "time", "place",    "online", "partner", "participants"};
const Fields kParticipantFields = {"total", "unique", "by_target_group"};
const Fields kIndicatorFields = {
    "code",  "programme_indicator", "name", "unit", "kind", "baseline", "target", "source",
    "values"};
const Fields kEventSourceFields = {"measure", "target_groups", "kinds"};
const Fields kValueFields = {"period", "value"};

/// What the sections are checked against: the project's dates and periods, the partners'
/// codes, the rules' lists, and the codes seen so far of each kind.
struct Context {
  const Project& project;
  std::set<std::string> partners;
  const ProgrammeRules* rules;
  std::map<std::string, std::string> activities;  ///< code -> its pointer
  std::map<std::string, const Activity*> activityByCode;
};

/// Reports a second object of a kind with the same code, at its "code" member.
bool uniqueCode(std::map<std::string, std::string>& seen, const std::string& code,
                const std::string& at, std::string_view kind, Errors& errors) {
  if (code.empty()) return false;
  const auto [previous, inserted] = seen.emplace(code, at);
  if (!inserted) {
    fail(errors, child(at, "code"),
         "duplicate " + std::string(kind) + " code " + quoted(code) + " (already at " +
             previous->second + ")",
         "duplicate_code", {{"found", code}});
  }
  return inserted;
}

void requirePartner(const Context& context, const std::string& code, const std::string& at,
                    Errors& errors) {
  if (!code.empty() && context.partners.count(code) == 0)
    fail(errors, at, "no partner " + quoted(code) + " in the bundle", "no_such_partner",
         {{"found", code}, {"project", context.project.code}});
}

void requireInsideProject(const Context& context, const Date& date, const std::string& at,
                          Errors& errors) {
  const Project& project = context.project;
  if (date < project.start || date > project.end)
    fail(errors, at,
         date.toString() + " is outside the project (" + project.start.toString() + " to " +
             project.end.toString() + ")",
         "outside_project",
         {{"found", date.toString()},
          {"start", project.start.toString()},
          {"end", project.end.toString()}});
}

void requireOrdered(const std::optional<Date>& start, const std::optional<Date>& end,
                    const std::string& pointer, Errors& errors) {
  if (start && end && *end < *start)
    fail(errors, child(pointer, "end"),
         "ends " + end->toString() + ", before it starts " + start->toString(), "end_before_start",
         {{"start", start->toString()}, {"end", end->toString()}});
}

/// A member that is a language object, when present (or required).
void readTexts(const Json& object, std::string_view key, const std::string& pointer,
               std::string_view noun, Texts& texts, Errors& errors, bool required) {
  if (const Json* value = member(object, key, pointer, errors, required))
    parseTexts(*value, child(pointer, key), noun, texts, errors);
}

/// A whole number >= 0 (and <= most, when given) at key.
std::optional<std::int64_t> readCount(const Json& object, std::string_view key,
                                      const std::string& pointer, Errors& errors,
                                      std::optional<std::int64_t> most = std::nullopt,
                                      bool required = true) {
  const Json* value = member(object, key, pointer, errors, required);
  if (value == nullptr) return std::nullopt;
  const std::string at = child(pointer, key);
  if (!value->isInteger()) {
    wrongType(errors, at, "a whole number", *value);
    return std::nullopt;
  }
  const std::int64_t count = value->asInteger();
  if (count < 0) {
    fail(errors, at, "expected a whole number of 0 or more, found " + std::to_string(count),
         "count_negative", {{"found", std::to_string(count)}});
    return std::nullopt;
  }
  if (most && count > *most) {
    fail(errors, at,
         "is " + std::to_string(count) + ", more than the event's total " + std::to_string(*most),
         "count_above_total", {{"found", std::to_string(count)}, {"total", std::to_string(*most)}});
    return std::nullopt;
  }
  return count;
}

/// A key that the rules list, where the rules are known.
void requireListed(bool known, const std::string& key, std::string_view what, const std::string& at,
                   Errors& errors) {
  if (!known)
    fail(errors, at,
         "unknown " + std::string(what) + " " + quoted(key) + " in the programme's rules",
         "unknown_key", {{"found", key}});
}

std::optional<DateRange> readRange(const Json& value, const std::string& at, const Context& context,
                                   Errors& errors) {
  if (!checkObject(value, at, kRangeFields, errors)) return std::nullopt;
  const std::optional<Date> start = readDate(value, "start", at, errors);
  const std::optional<Date> end = readDate(value, "end", at, errors);
  if (start) requireInsideProject(context, *start, child(at, "start"), errors);
  if (end) requireInsideProject(context, *end, child(at, "end"), errors);
  requireOrdered(start, end, at, errors);
  if (!start || !end) return std::nullopt;
  return DateRange{*start, *end};
}

Activity readActivity(const Json& object, const std::string& at, Context& context, Errors& errors) {
  Activity activity;
  if (!checkObject(object, at, kActivityFields, errors)) return activity;
  activity.code = readString(object, "code", at, errors).value_or("");
  readTexts(object, "title", at, "title", activity.title, errors, true);
  activity.partner = readString(object, "partner", at, errors).value_or("");
  requirePartner(context, activity.partner, child(at, "partner"), errors);
  if (auto status = readEnum<ActivityStatus>(object, "status", at, errors,
                                             {"planned", "ongoing", "done", "cancelled"},
                                             parseActivityStatus))
    activity.status = *status;
  if (const Json* planned = member(object, "planned", at, errors))
    if (auto range = readRange(*planned, child(at, "planned"), context, errors))
      activity.planned = *range;
  const bool started =
      activity.status == ActivityStatus::kOngoing || activity.status == ActivityStatus::kDone;
  const bool finished = activity.status == ActivityStatus::kDone;
  const Json* actual = member(object, "actual", at, errors, false);
  const std::string actualAt = child(at, "actual");
  if (actual != nullptr && checkObject(*actual, actualAt, kRangeFields, errors)) {
    if (actual->find("start") != nullptr)
      activity.actual.start = readDate(*actual, "start", actualAt, errors);
    if (actual->find("end") != nullptr)
      activity.actual.end = readDate(*actual, "end", actualAt, errors);
    requireOrdered(activity.actual.start, activity.actual.end, actualAt, errors);
  }
  const bool hasStart = actual != nullptr && actual->isObject() && actual->find("start") != nullptr;
  const bool hasEnd = actual != nullptr && actual->isObject() && actual->find("end") != nullptr;
  if (started && !hasStart)
    fail(errors, child(actualAt, "start"),
         "an activity that is " + std::string(toString(activity.status)) +
             " has an actual start; missing",
         "actual_start_missing", {{"status", std::string(toString(activity.status))}});
  if (finished && !hasEnd)
    fail(errors, child(actualAt, "end"), "an activity that is done has an actual end; missing",
         "actual_end_missing");
  if (object.find("location") != nullptr)
    activity.location = readString(object, "location", at, errors).value_or("");
  readTexts(object, "description", at, "description", activity.description, errors, false);
  return activity;
}

/// A work package's own members (not its activities) of an object already checked.
WorkPackage readWorkPackageFields(const Json& object, const std::string& at, const Context& context,
                                  Errors& errors) {
  WorkPackage package;
  package.code = readString(object, "code", at, errors).value_or("");
  readTexts(object, "title", at, "title", package.title, errors, true);
  package.lead = readString(object, "lead", at, errors).value_or("");
  requirePartner(context, package.lead, child(at, "lead"), errors);
  return package;
}

WorkPlan readWorkPlan(const Json& value, const std::string& at, Context& context, Errors& errors) {
  WorkPlan plan;
  if (!checkObject(value, at, kWorkPlanFields, errors)) return plan;
  const Json* packages = readArray(value, "work_packages", at, errors);
  if (packages == nullptr) return plan;
  std::map<std::string, std::string> packageCodes;
  for (std::size_t i = 0; i < packages->items().size(); ++i) {
    const std::string packageAt = child(child(at, "work_packages"), i);
    const Json& object = packages->items()[i];
    if (!checkObject(object, packageAt, kWorkPackageFields, errors)) continue;
    WorkPackage package = readWorkPackageFields(object, packageAt, context, errors);
    uniqueCode(packageCodes, package.code, packageAt, "work package", errors);
    if (const Json* activities = readArray(object, "activities", packageAt, errors)) {
      for (std::size_t j = 0; j < activities->items().size(); ++j) {
        const std::string activityAt = child(child(packageAt, "activities"), j);
        Activity activity = readActivity(activities->items()[j], activityAt, context, errors);
        uniqueCode(context.activities, activity.code, activityAt, "activity", errors);
        package.activities.push_back(std::move(activity));
      }
    }
    plan.workPackages.push_back(std::move(package));
  }
  return plan;
}

bool isTimeOfDay(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return false;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (text[i] < '0' || text[i] > '9') return false;
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  return hours < 24 && minutes < 60;
}

Participants readParticipants(const Json& value, const std::string& at, const Context& context,
                              Errors& errors) {
  Participants participants;
  if (!checkObject(value, at, kParticipantFields, errors)) return participants;
  const std::optional<std::int64_t> total = readCount(value, "total", at, errors);
  participants.total = total.value_or(0);
  if (value.find("unique") != nullptr)
    participants.unique = readCount(value, "unique", at, errors, total, false);
  if (const Json* groups = member(value, "by_target_group", at, errors, false)) {
    participants.hasTargetGroups = true;
    const std::string groupsAt = child(at, "by_target_group");
    if (!groups->isObject()) {
      wrongType(errors, groupsAt, "an object of target group to count", *groups);
    } else {
      for (const auto& [group, count] : groups->members()) {
        if (context.rules != nullptr)
          requireListed(context.rules->knowsTargetGroup(group), group, "target group",
                        child(groupsAt, group), errors);
        if (auto n = readCount(*groups, group, groupsAt, errors, total))
          participants.byTargetGroup.emplace_back(group, *n);
      }
    }
  }
  return participants;
}

Event readEvent(const Json& object, const std::string& at, const Context& context, Errors& errors) {
  Event event;
  if (!checkObject(object, at, kEventFields, errors)) return event;
  event.code = readString(object, "code", at, errors).value_or("");
  event.activity = readString(object, "activity", at, errors).value_or("");
  if (!event.activity.empty() && context.activityByCode.count(event.activity) == 0)
    fail(errors, child(at, "activity"),
         "no activity " + quoted(event.activity) + " in the work plan", "no_such_activity",
         {{"found", event.activity}});
  event.kind = readString(object, "kind", at, errors).value_or("");
  if (!event.kind.empty() && context.rules != nullptr)
    requireListed(context.rules->knowsEventKind(event.kind), event.kind, "event kind",
                  child(at, "kind"), errors);
  readTexts(object, "title", at, "title", event.title, errors, true);
  const std::optional<Date> start = readDate(object, "start", at, errors);
  if (start) {
    event.start = *start;
    requireInsideProject(context, *start, child(at, "start"), errors);
  }
  if (object.find("end") != nullptr) {
    event.end = readDate(object, "end", at, errors);
    if (event.end) requireInsideProject(context, *event.end, child(at, "end"), errors);
    requireOrdered(start, event.end, at, errors);
  }
  if (object.find("time") != nullptr) {
    event.time = readString(object, "time", at, errors).value_or("");
    if (!event.time.empty() && !isTimeOfDay(event.time)) {
      fail(errors, child(at, "time"),
           "expected a local time \"HH:MM\" (24 h), found " + quoted(event.time), "time",
           {{"found", event.time}});
    }
  }
  if (object.find("place") != nullptr)
    event.place = readString(object, "place", at, errors).value_or("");
  if (object.find("online") != nullptr)
    event.online = readBool(object, "online", at, errors).value_or(false);
  event.partner = readString(object, "partner", at, errors).value_or("");
  requirePartner(context, event.partner, child(at, "partner"), errors);
  if (const Json* participants = member(object, "participants", at, errors))
    event.participants =
        readParticipants(*participants, child(at, "participants"), context, errors);
  return event;
}

/// A list of keys the rules list (target groups or event kinds), at pointer.
std::vector<std::string> readKeys(const Json& value, const std::string& at, std::string_view what,
                                  bool (ProgrammeRules::*knows)(std::string_view) const,
                                  const Context& context, Errors& errors) {
  std::vector<std::string> keys;
  if (!value.isArray()) {
    wrongType(errors, at, "an array of keys", value);
    return keys;
  }
  for (std::size_t i = 0; i < value.items().size(); ++i) {
    const Json& item = value.items()[i];
    if (!item.isString()) {
      wrongType(errors, child(at, i), "a string", item);
      continue;
    }
    if (context.rules != nullptr)
      requireListed((context.rules->*knows)(item.asString()), item.asString(), what, child(at, i),
                    errors);
    keys.push_back(item.asString());
  }
  return keys;
}

std::optional<EventSource> readEventSource(const Json& value, const std::string& at,
                                           const Context& context, Errors& errors) {
  if (!checkObject(value, at, kEventSourceFields, errors)) return std::nullopt;
  EventSource source;
  if (auto measure = readString(value, "measure", at, errors)) {
    if (*measure == "unique")
      source.measure = EventSource::Measure::kUnique;
    else if (*measure != "total")
      fail(errors, child(at, "measure"), "expected one of total, unique, found " + quoted(*measure),
           "choice", {{"found", *measure}, {"choices", "total, unique"}});
  }
  if (const Json* groups = value.find("target_groups")) {
    source.hasTargetGroups = true;
    source.targetGroups = readKeys(*groups, child(at, "target_groups"), "target group",
                                   &ProgrammeRules::knowsTargetGroup, context, errors);
  }
  if (const Json* kinds = value.find("kinds")) {
    source.hasKinds = true;
    source.kinds = readKeys(*kinds, child(at, "kinds"), "event kind",
                            &ProgrammeRules::knowsEventKind, context, errors);
  }
  return source;
}

Indicator readIndicator(const Json& object, const std::string& at, const Context& context,
                        Errors& errors) {
  Indicator indicator;
  if (!checkObject(object, at, kIndicatorFields, errors)) return indicator;
  indicator.code = readString(object, "code", at, errors).value_or("");
  const ProgrammeIndicator* programme = nullptr;
  if (object.find("programme_indicator") != nullptr) {
    indicator.programmeIndicator =
        readString(object, "programme_indicator", at, errors).value_or("");
    if (!indicator.programmeIndicator.empty() && context.rules != nullptr) {
      programme = context.rules->indicator(indicator.programmeIndicator);
      requireListed(programme != nullptr, indicator.programmeIndicator, "programme indicator",
                    child(at, "programme_indicator"), errors);
    }
  }
  // Name and unit default to the programme indicator's.
  const bool named = !indicator.programmeIndicator.empty();
  readTexts(object, "name", at, "name", indicator.name, errors, !named);
  if (object.find("unit") != nullptr || !named)
    indicator.unit = readString(object, "unit", at, errors).value_or("");
  if (auto kind = readEnum<IndicatorKind>(object, "kind", at, errors, {"output", "result"},
                                          parseIndicatorKind))
    indicator.kind = *kind;
  indicator.baseline = readAmount(object, "baseline", at, errors).value_or(Quantity());
  indicator.target = readAmount(object, "target", at, errors).value_or(Quantity());
  const Json* source = member(object, "source", at, errors);
  const Json* values = object.find("values");
  const std::string sourceAt = child(at, "source");
  if (source != nullptr && source->isString() && source->asString() == "recorded") {
    const std::string valuesAt = child(at, "values");
    if (values == nullptr) {
      fail(errors, valuesAt, "a recorded indicator has its values per period; missing", "missing",
           {{"field", "values"}});
    } else if (!values->isArray()) {
      wrongType(errors, valuesAt, "an array", *values);
    } else {
      std::map<std::int64_t, std::size_t> periods;
      for (std::size_t i = 0; i < values->items().size(); ++i) {
        const Json& item = values->items()[i];
        const std::string valueAt = child(valuesAt, i);
        if (!checkObject(item, valueAt, kValueFields, errors)) continue;
        const std::optional<std::int64_t> period = readInteger(item, "period", valueAt, errors);
        const std::optional<Quantity> value = readAmount(item, "value", valueAt, errors);
        if (!period) continue;
        const auto& known = context.project.periods;
        if (std::none_of(known.begin(), known.end(),
                         [&](const Period& p) { return p.number == *period; })) {
          fail(errors, child(valueAt, "period"),
               "no period " + std::to_string(*period) + " in the project", "no_such_period",
               {{"found", std::to_string(*period)}});
          continue;
        }
        if (!periods.emplace(*period, i).second) {
          fail(errors, child(valueAt, "period"),
               "a second value for period " + std::to_string(*period) + " (already at " +
                   child(valuesAt, periods[*period]) + ")",
               "duplicate_period", {{"found", std::to_string(*period)}});
          continue;
        }
        if (value) indicator.values.push_back({static_cast<int>(*period), *value});
      }
    }
  } else if (source != nullptr && source->isObject()) {
    if (values != nullptr)
      fail(errors, child(at, "values"), "an indicator computed from events has no recorded values",
           "values_with_events");
    const Json* events = source->find("events");
    for (const auto& [key, ignored] : source->members())
      if (key != "events")
        fail(errors, child(sourceAt, key),
             "unknown field " + quoted(key) + " (known fields: events)", "unknown_field",
             {{"field", key}, {"known", "events"}});
    if (events == nullptr)
      fail(errors, child(sourceAt, "events"), "missing required field \"events\"", "missing",
           {{"field", "events"}});
    else
      indicator.fromEvents = readEventSource(*events, child(sourceAt, "events"), context, errors);
  } else if (source != nullptr) {
    fail(errors, sourceAt,
         "expected \"recorded\" or {\"events\": {...}}, found " +
             (source->isString() ? quoted(source->asString()) : std::string(source->typeName())),
         "indicator_source");
  }
  return indicator;
}

Json rangeToJson(const Date& start, const Date& end) {
  return Json::object().set("start", start.toString()).set("end", end.toString());
}

Json keysToJson(const std::vector<std::string>& keys) {
  Json list = Json::array();
  for (const std::string& key : keys) list.push(key);
  return list;
}

Json activityJson(const Activity& activity) {
  Json json = Json::object()
                  .set("code", activity.code)
                  .set("title", textsToJson(activity.title))
                  .set("partner", activity.partner)
                  .set("status", std::string(toString(activity.status)))
                  .set("planned", rangeToJson(activity.planned.start, activity.planned.end));
  if (activity.actual.start || activity.actual.end) {
    Json actual = Json::object();
    if (activity.actual.start) actual.set("start", activity.actual.start->toString());
    if (activity.actual.end) actual.set("end", activity.actual.end->toString());
    json.set("actual", std::move(actual));
  }
  if (!activity.location.empty()) json.set("location", activity.location);
  if (!activity.description.empty()) json.set("description", textsToJson(activity.description));
  return json;
}

Json workPackageJson(const WorkPackage& package) {
  return Json::object()
      .set("code", package.code)
      .set("title", textsToJson(package.title))
      .set("lead", package.lead);
}

Json workPlanJson(const WorkPlan& plan) {
  Json packages = Json::array();
  for (const WorkPackage& package : plan.workPackages) {
    Json activities = Json::array();
    for (const Activity& activity : package.activities) activities.push(activityJson(activity));
    packages.push(workPackageJson(package).set("activities", std::move(activities)));
  }
  return Json::object().set("work_packages", std::move(packages));
}

Json eventJson(const Event& event) {
  Json json = Json::object()
                  .set("code", event.code)
                  .set("activity", event.activity)
                  .set("kind", event.kind)
                  .set("title", textsToJson(event.title))
                  .set("start", event.start.toString());
  if (event.end) json.set("end", event.end->toString());
  if (!event.time.empty()) json.set("time", event.time);
  if (!event.place.empty()) json.set("place", event.place);
  json.set("online", event.online).set("partner", event.partner);
  Json participants = Json::object().set("total", Json(event.participants.total));
  if (event.participants.unique) participants.set("unique", Json(*event.participants.unique));
  if (event.participants.hasTargetGroups) {
    Json groups = Json::object();
    for (const auto& [group, count] : event.participants.byTargetGroup)
      groups.set(group, Json(count));
    participants.set("by_target_group", std::move(groups));
  }
  return json.set("participants", std::move(participants));
}

Json indicatorJson(const Indicator& indicator) {
  Json json = Json::object().set("code", indicator.code);
  if (!indicator.programmeIndicator.empty())
    json.set("programme_indicator", indicator.programmeIndicator);
  if (!indicator.name.empty()) json.set("name", textsToJson(indicator.name));
  if (!indicator.unit.empty()) json.set("unit", indicator.unit);
  json.set("kind", std::string(toString(indicator.kind)))
      .set("baseline", indicator.baseline.toString())
      .set("target", indicator.target.toString());
  if (indicator.fromEvents) {
    const EventSource& source = *indicator.fromEvents;
    Json events = Json::object().set(
        "measure", source.measure == EventSource::Measure::kUnique ? "unique" : "total");
    if (source.hasTargetGroups) events.set("target_groups", keysToJson(source.targetGroups));
    if (source.hasKinds) events.set("kinds", keysToJson(source.kinds));
    json.set("source", Json::object().set("events", std::move(events)));
  } else {
    Json values = Json::array();
    for (const RecordedValue& value : indicator.values)
      values.push(Json::object()
                      .set("period", Json(static_cast<std::int64_t>(value.period)))
                      .set("value", value.value.toString()));
    json.set("source", "recorded").set("values", std::move(values));
  }
  return json;
}

/// A top-level list of objects with unique codes (events, indicators), when the document has
/// it: each read by read.
template <typename Item, typename Read>
void readList(const Json& document, std::string_view section, std::string_view kind,
              const Context& context, Errors& errors, std::optional<std::vector<Item>>& into,
              Read read) {
  const Json* list = document.find(section);
  if (list == nullptr) return;
  into.emplace();
  const std::string pointer = "/" + std::string(section);
  if (!list->isArray()) {
    wrongType(errors, pointer, "an array", *list);
    return;
  }
  std::map<std::string, std::string> codes;
  for (std::size_t i = 0; i < list->items().size(); ++i) {
    const std::string at = child(pointer, i);
    Item item = read(list->items()[i], at, context, errors);
    uniqueCode(codes, item.code, at, kind, errors);
    into->push_back(std::move(item));
  }
}

}  // namespace

void readSections(const Json& document, Bundle& bundle, const ProgrammeRules* rules,
                  Errors& errors) {
  Context context{bundle.project, {}, rules, {}, {}};
  for (const Partner& partner : bundle.partners) context.partners.insert(partner.code);
  if (const Json* plan = document.find("work_plan")) {
    bundle.workPlan = readWorkPlan(*plan, "/work_plan", context, errors);
    for (const WorkPackage& package : bundle.workPlan->workPackages)
      for (const Activity& activity : package.activities)
        context.activityByCode.emplace(activity.code, &activity);
  }
  readList(document, "events", "event", context, errors, bundle.events, readEvent);
  readList(document, "indicators", "indicator", context, errors, bundle.indicators, readIndicator);
}

void writeSections(const Bundle& bundle, Json& document) {
  if (bundle.workPlan) document.set("work_plan", workPlanJson(*bundle.workPlan));
  if (bundle.events) {
    Json events = Json::array();
    for (const Event& event : *bundle.events) events.push(eventJson(event));
    document.set("events", std::move(events));
  }
  if (bundle.indicators) {
    Json indicators = Json::array();
    for (const Indicator& indicator : *bundle.indicators) indicators.push(indicatorJson(indicator));
    document.set("indicators", std::move(indicators));
  }
}

}  // namespace workplan

// ---- one object on its own (crossgrant/core/PlanObjects.h), read and written by the readers
// and writers of the sections.

using namespace workplan;

namespace {

/// The bundle-reading context of one object: its project, partners, activities and rules.
Context contextOf(const PlanContext& plan) {
  Context context{plan.project, {}, plan.rules, {}, {}};
  context.partners.insert(plan.partners.begin(), plan.partners.end());
  for (const std::string& code : plan.activities) context.activityByCode.emplace(code, nullptr);
  return context;
}

/// object without the member key, and that member (nullptr when absent).
std::pair<Json, const Json*> without(const Json& object, std::string_view key) {
  if (!object.isObject()) return {object, nullptr};
  Json rest = Json::object();
  const Json* found = nullptr;
  for (const auto& [name, value] : object.members()) {
    if (name == key)
      found = &value;
    else
      rest.set(name, value);
  }
  return {std::move(rest), found};
}

const Fields kOwnWorkPackageFields = {"code", "title", "lead"};

}  // namespace

WorkPackage readWorkPackage(const Json& object, const PlanContext& plan) {
  Errors errors;
  const Context context = contextOf(plan);
  if (!checkObject(object, "", kOwnWorkPackageFields, errors)) throwIfAny(errors);
  WorkPackage package = readWorkPackageFields(object, "", context, errors);
  throwIfAny(errors);
  return package;
}

PlacedActivity readPlacedActivity(const Json& object, const PlanContext& plan) {
  Errors errors;
  Context context = contextOf(plan);
  PlacedActivity placed;
  const auto [rest, workPackage] = without(object, "work_package");
  if (object.isObject()) {
    if (workPackage == nullptr) {
      fail(errors, "/work_package", "missing", "missing");
    } else if (!workPackage->isString()) {
      wrongType(errors, "/work_package", "a work package code", *workPackage);
    } else {
      placed.workPackage = workPackage->asString();
      if (std::find(plan.workPackages.begin(), plan.workPackages.end(), placed.workPackage) ==
          plan.workPackages.end())
        fail(errors, "/work_package", "no work package " + quoted(placed.workPackage),
             "no_such_work_package", {{"found", placed.workPackage}});
    }
  }
  placed.activity = readActivity(rest, "", context, errors);
  throwIfAny(errors);
  return placed;
}

Event readEvent(const Json& object, const PlanContext& plan) {
  Errors errors;
  Event event = readEvent(object, "", contextOf(plan), errors);
  throwIfAny(errors);
  return event;
}

Indicator readIndicator(const Json& object, const PlanContext& plan) {
  Errors errors;
  Indicator indicator = readIndicator(object, "", contextOf(plan), errors);
  throwIfAny(errors);
  return indicator;
}

Json workPackageToJson(const WorkPackage& package) { return workPackageJson(package); }

Json activityToJson(const PlacedActivity& placed) {
  Json json = Json::object().set("work_package", placed.workPackage);
  const Json activity = activityJson(placed.activity);
  for (const auto& [name, value] : activity.members()) json.set(name, value);
  return json;
}

Json eventToJson(const Event& event) { return eventJson(event); }
Json indicatorToJson(const Indicator& indicator) { return indicatorJson(indicator); }
Json workPlanToJson(const WorkPlan& plan) { return workPlanJson(plan); }

}  // namespace crossgrant::core
