// What the lead partner and each partner write about one period for the progress reports: a
// summary, the problems and deviations, and for each activity the partner is responsible for
// the progress it made in the period. Texts in one or more languages, like titles. The
// project's own statement (partner "") is the lead partner's, about the whole project; it has
// no activity texts: each activity's progress is told by its responsible partner.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "crossgrant/core/Json.h"
#include "crossgrant/core/WorkPlan.h"

namespace crossgrant::core {

struct PeriodStatement {
  int period = 0;
  std::string partner;  ///< "" for the project's statement
  Texts summary;        ///< empty when not written
  Texts problems;       ///< problems and deviations; empty when not written
  /// Activity code -> its progress in the period, in the order given.
  std::vector<std::pair<std::string, Texts>> activities;

  bool operator==(const PeriodStatement&) const = default;
};

/// The longest text a statement takes, in characters (code points): about three pages.
inline constexpr std::size_t kMostStatementCharacters = 10'000;

/// What a statement is read against: the activities of the project with their responsible
/// partners (code, partner).
using ActivityOwners = std::vector<std::pair<std::string, std::string>>;

/// Reads {"summary"?, "problems"?, "activities"?: {"A1.1": {"lv": "..."}}} as the statement of
/// partner ("" for the project's) for period. InvalidInput with every error at its pointer: an
/// unknown member, a text that is not a language object or longer than
/// kMostStatementCharacters, an activity the project does not have or that another partner is
/// responsible for ("not_own_activity"), activity texts in the project's statement.
PeriodStatement readPeriodStatement(const Json& body, int period, const std::string& partner,
                                    const ActivityOwners& activities);

/// {"period", "partner" ("" for the project's), "summary", "problems", "activities"}; texts
/// not written are left out.
Json periodStatementToJson(const PeriodStatement& statement);

}  // namespace crossgrant::core
