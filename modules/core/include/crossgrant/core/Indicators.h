// What an indicator has achieved, period by period (docs/bundle-v2.md): the recorded value of
// a period, or the sum over the events that started in it of their measured participants;
// the cumulative value through each period; and the progress toward the target.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crossgrant/core/Project.h"
#include "crossgrant/core/WorkPlan.h"

namespace crossgrant::core {

/// What one event adds to an indicator computed from events: its measure (total, or unique
/// where counted), limited to the named target groups' sum where the indicator names groups
/// (nothing for an event without counts by target group); 0 for an event of a kind the
/// indicator does not count.
std::int64_t eventContribution(const EventSource& source, const Event& event);

/// The indicator's achieved value in period: recorded, or computed from events.
Quantity achievedIn(const Indicator& indicator, const Period& period,
                    const std::vector<Event>& events);

struct IndicatorPeriod {
  int period = 0;
  Quantity achieved;
  Quantity cumulative;  ///< achieved in periods 1..period
  /// cumulative ÷ target as a percentage rounded half up to one decimal ("62.5"); nullopt
  /// for a target of 0.
  std::optional<std::string> progress;
};

/// The indicator through every period of the project, in period order.
std::vector<IndicatorPeriod> indicatorPeriods(const Indicator& indicator, const Project& project,
                                              const std::vector<Event>& events);

/// indicatorPeriods of each indicator, in their order, computed in one pass over the events per
/// distinct way of counting them (indicators that count alike share it): what a report or a
/// listing of every indicator of a large project uses.
std::vector<std::vector<IndicatorPeriod>> allIndicatorPeriods(
    const std::vector<Indicator>& indicators, const Project& project,
    const std::vector<Event>& events);

/// part ÷ whole as a percentage rounded half up to one decimal ("62.5"); nullopt when whole
/// is 0.
std::optional<std::string> percentOf(Quantity part, Quantity whole);

}  // namespace crossgrant::core
