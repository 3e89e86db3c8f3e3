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

namespace {

/// The periods with what each achieved, cumulated.
std::vector<IndicatorPeriod> cumulated(const Indicator& indicator, const Project& project,
                                       const std::vector<Quantity>& achieved) {
  std::vector<IndicatorPeriod> result;
  Quantity cumulative;
  for (std::size_t i = 0; i < project.periods.size(); ++i) {
    cumulative += achieved[i];
    result.push_back({project.periods[i].number, achieved[i], cumulative,
                      percentOf(cumulative, indicator.target)});
  }
  return result;
}

/// The index of the period each event started in, or -1 outside every period.
std::vector<int> periodIndexes(const Project& project, const std::vector<Event>& events) {
  std::vector<int> out;
  out.reserve(events.size());
  for (const Event& event : events) {
    int index = -1;
    for (std::size_t i = 0; i < project.periods.size() && index < 0; ++i)
      if (event.start >= project.periods[i].start && event.start <= project.periods[i].end)
        index = static_cast<int>(i);
    out.push_back(index);
  }
  return out;
}

}  // namespace

std::vector<IndicatorPeriod> indicatorPeriods(const Indicator& indicator, const Project& project,
                                              const std::vector<Event>& events) {
  std::vector<Quantity> achieved;
  for (const Period& period : project.periods)
    achieved.push_back(achievedIn(indicator, period, events));
  return cumulated(indicator, project, achieved);
}

std::vector<std::vector<IndicatorPeriod>> allIndicatorPeriods(
    const std::vector<Indicator>& indicators, const Project& project,
    const std::vector<Event>& events) {
  const std::size_t periods = project.periods.size();
  std::vector<int> eventPeriod;  // computed once, when an indicator counts events
  // Each distinct way of counting, with the people it counts per period.
  std::vector<std::pair<const EventSource*, std::vector<std::int64_t>>> counted;
  std::vector<std::vector<IndicatorPeriod>> result;
  result.reserve(indicators.size());
  for (const Indicator& indicator : indicators) {
    std::vector<Quantity> achieved(periods);
    if (!indicator.fromEvents) {
      for (std::size_t i = 0; i < periods; ++i)
        achieved[i] = achievedIn(indicator, project.periods[i], events);
      result.push_back(cumulated(indicator, project, achieved));
      continue;
    }
    const EventSource& source = *indicator.fromEvents;
    auto same = std::find_if(counted.begin(), counted.end(),
                             [&](const auto& entry) { return *entry.first == source; });
    if (same == counted.end()) {
      if (eventPeriod.empty() && !events.empty()) eventPeriod = periodIndexes(project, events);
      std::vector<std::int64_t> people(periods, 0);
      for (std::size_t e = 0; e < events.size(); ++e)
        if (eventPeriod[e] >= 0)
          people[static_cast<std::size_t>(eventPeriod[e])] += eventContribution(source, events[e]);
      counted.emplace_back(&source, std::move(people));
      same = counted.end() - 1;
    }
    for (std::size_t i = 0; i < periods; ++i)
      achieved[i] = Quantity::fromMinor(same->second[i] * 100);
    result.push_back(cumulated(indicator, project, achieved));
  }
  return result;
}

}  // namespace crossgrant::core
