// What a project does and whom it reaches (bundle version 2, docs/bundle-v2.md): the work
// plan's work packages and activities, the events held under the activities with their
// participants counted per target group, and the indicators with their targets and achieved
// values. Plain values; validation lives in WorkPlanCodec, computations in Indicators.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crossgrant/core/Date.h"
#include "crossgrant/core/Money.h"

namespace crossgrant::core {

/// A text people read, in one or more languages: language code -> text, sorted by code.
using Texts = std::vector<std::pair<std::string, std::string>>;

/// A figure of an indicator: a decimal >= 0 with at most two fraction digits. Amount's exact
/// arithmetic, not money.
using Quantity = Amount;

struct DateRange {
  Date start;
  Date end;
  bool operator==(const DateRange&) const = default;
};

/// The actual dates of an activity: the start once it is ongoing, the end once done.
struct ActualDates {
  std::optional<Date> start;
  std::optional<Date> end;
  bool operator==(const ActualDates&) const = default;
};

enum class ActivityStatus { kPlanned, kOngoing, kDone, kCancelled };
std::string_view toString(ActivityStatus status);
std::optional<ActivityStatus> parseActivityStatus(std::string_view text);

struct Activity {
  std::string code;  ///< unique across the project, e.g. "A2.1"
  Texts title;
  std::string partner;  ///< the responsible partner's code
  ActivityStatus status = ActivityStatus::kPlanned;
  DateRange planned;
  ActualDates actual;
  std::string location;  ///< "" when not given
  Texts description;     ///< empty when not given
  bool operator==(const Activity&) const = default;
};

struct WorkPackage {
  std::string code;  ///< unique in the project, e.g. "WP2"
  Texts title;
  std::string lead;  ///< the leading partner's code
  std::vector<Activity> activities;
  bool operator==(const WorkPackage&) const = default;
};

struct WorkPlan {
  std::vector<WorkPackage> workPackages;
  bool operator==(const WorkPlan&) const = default;
};

/// Whole-number counts of an event's participants; no personal data.
struct Participants {
  std::int64_t total = 0;              ///< attendances counted at the event
  std::optional<std::int64_t> unique;  ///< distinct people, where the organiser counted them
  /// Target-group key -> count, in the order given (a person may be in several groups).
  std::vector<std::pair<std::string, std::int64_t>> byTargetGroup;
  bool hasTargetGroups = false;  ///< whether by_target_group was given (even empty)
  bool operator==(const Participants&) const = default;
};

struct Event {
  std::string code;      ///< unique in the project, e.g. "E12"
  std::string activity;  ///< the code of the activity it belongs to
  std::string kind;      ///< an event kind of the rules plugin, e.g. "conference"
  Texts title;
  Date start;
  std::optional<Date> end;  ///< nullopt: one day
  std::string time;         ///< local start "HH:MM", "" when not given
  std::string place;        ///< "" when not given
  bool online = false;
  std::string partner;  ///< the organising partner's code
  Participants participants;

  /// The last day: end, or start for a one-day event.
  Date lastDay() const { return end.value_or(start); }
  bool operator==(const Event&) const = default;
};

enum class IndicatorKind { kOutput, kResult };
std::string_view toString(IndicatorKind kind);
std::optional<IndicatorKind> parseIndicatorKind(std::string_view text);

/// How an indicator's value is computed from events (docs/bundle-v2.md).
struct EventSource {
  enum class Measure { kTotal, kUnique };
  Measure measure = Measure::kTotal;
  std::vector<std::string> targetGroups;  ///< empty: not restricted
  bool hasTargetGroups = false;           ///< whether target_groups was given
  std::vector<std::string> kinds;         ///< empty: every kind
  bool hasKinds = false;                  ///< whether kinds was given
  bool operator==(const EventSource&) const = default;
};

struct RecordedValue {
  int period = 0;
  Quantity value;
  bool operator==(const RecordedValue&) const = default;
};

struct Indicator {
  std::string code;                ///< unique in the project, e.g. "O2"
  std::string programmeIndicator;  ///< e.g. "RCO81", "" when none
  Texts name;                      ///< empty: the programme indicator's
  std::string unit;                ///< "": the programme indicator's
  IndicatorKind kind = IndicatorKind::kOutput;
  Quantity baseline;
  Quantity target;
  std::optional<EventSource> fromEvents;  ///< nullopt: recorded values
  std::vector<RecordedValue> values;      ///< recorded, at most one per period, in order given
  bool operator==(const Indicator&) const = default;
};

}  // namespace crossgrant::core
