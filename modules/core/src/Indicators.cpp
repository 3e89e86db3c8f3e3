#include "crossgrant/core/Indicators.h"

#include <algorithm>

namespace crossgrant::core {

std::int64_t eventContribution(const EventSource& source, const Event& event) {
  if (source.hasKinds &&
      std::find(source.kinds.begin(), source.kinds.end(), event.kind) == source.kinds.end())
    return 0;
  const Participants& people = event.participants;
  const std::int64_t measure = source.measure == EventSource::Measure::kUnique
                                   ? people.unique.value_or(people.total)
                                   : people.total;
  if (!source.hasTargetGroups) return measure;
  if (!people.hasTargetGroups) return 0;
  std::int64_t inGroups = 0;
  for (const auto& [group, count] : people.byTargetGroup)
    if (std::find(source.targetGroups.begin(), source.targetGroups.end(), group) !=
        source.targetGroups.end())
      inGroups += count;
  return std::min(measure, inGroups);
}

Quantity achievedIn(const Indicator& indicator, const Period& period,
                    const std::vector<Event>& events) {
  if (!indicator.fromEvents) {
    for (const RecordedValue& value : indicator.values)
      if (value.period == period.number) return value.value;
    return Quantity();
  }
  std::int64_t people = 0;
  for (const Event& event : events)
    if (event.start >= period.start && event.start <= period.end)
      people += eventContribution(*indicator.fromEvents, event);
  return Quantity::fromMinor(people * 100);
}

std::optional<std::string> percentOf(Quantity part, Quantity whole) {
  if (whole.isZero()) return std::nullopt;
  // Tenths of a percent: part × 1000 ÷ whole, rounded half up.
  const std::int64_t tenths =
      divideRounded(static_cast<__int128>(part.minor()) * 1000, whole.minor(), Rounding::kHalfUp);
  const std::int64_t magnitude = tenths < 0 ? -tenths : tenths;
  return std::string(tenths < 0 ? "-" : "") + std::to_string(magnitude / 10) + "." +
         std::to_string(magnitude % 10);
}

std::vector<IndicatorPeriod> indicatorPeriods(const Indicator& indicator, const Project& project,
                                              const std::vector<Event>& events) {
  std::vector<IndicatorPeriod> result;
  Quantity cumulative;
  for (const Period& period : project.periods) {
    const Quantity achieved = achievedIn(indicator, period, events);
    cumulative += achieved;
    result.push_back(
        {period.number, achieved, cumulative, percentOf(cumulative, indicator.target)});
  }
  return result;
}

}  // namespace crossgrant::core
