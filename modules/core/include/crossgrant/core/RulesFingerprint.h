// The effective programme rules as a canonical, stable description, and its fingerprint: what
// the database records of the rules a server runs with and a report was computed with. Pure
// functions; the store keeps the descriptions and the app decides when they are recorded.
//
// The canonical JSON of one plugin's rules is compact (no spaces), UTF-8 unescaped, with the
// members in this order: {"key", "title", "categories": [{"key", "label"}...] in budget
// order, "fund_rate_cap": exact decimal string ("0.85"), "flat_rates": [{"category", "rate"
// (exact decimal string), "base": [category...]}...] in the rules' order,
// "reporting_period_months": integer, "rounding": "half_up" | "half_even" | "down"}. Money and
// rates are never written as numbers. A field added to core::ProgrammeRules must be added
// here too; doing so changes every fingerprint, so recorded rules then differ until
// `crossgrant rules update` records them again.
#pragma once

#include <string>
#include <vector>

#include "crossgrant/core/Json.h"
#include "crossgrant/core/ProgrammeRules.h"

namespace crossgrant::core {

/// One plugin's rules as recorded: its key, canonical JSON and that JSON's fingerprint.
struct RulesDescription {
  std::string key;
  std::string json;         ///< canonical JSON, as described above
  std::string fingerprint;  ///< lower-case hex SHA-256 of json

  bool operator==(const RulesDescription&) const = default;
};

/// The rules as the canonical JSON tree.
Json rulesToJson(const ProgrammeRules& rules);
/// The key, canonical JSON and fingerprint of rules.
RulesDescription describeRules(const ProgrammeRules& rules);

/// The fingerprint of a whole set of rules: SHA-256 hex of "[" + the canonical JSON of each
/// plugin's rules in key order, separated by "," + "]" (the canonical JSON of that array).
/// descriptions may come in any order; their keys must differ.
std::string rulesFingerprint(std::vector<RulesDescription> descriptions);

/// One field whose value differs: its name in the canonical JSON and both values, readable
/// (strings as they are, integers in decimal, arrays and objects as compact JSON).
struct FieldDifference {
  std::string field;
  std::string here;
  std::string recorded;
};

struct ChangedRules {
  std::string key;
  std::vector<FieldDifference> fields;  ///< in the canonical order; a field only one side has
                                        ///< shows "(none)" on the other
};

/// How the rules configured here differ from the recorded ones, keys in order.
struct RulesDifference {
  std::vector<std::string> added;    ///< configured here, not recorded
  std::vector<std::string> missing;  ///< recorded, not configured here
  std::vector<ChangedRules> changed;

  bool empty() const { return added.empty() && missing.empty() && changed.empty(); }
};

/// Compares by fingerprint, and for each changed key field by field. A recorded JSON that does
/// not parse shows as a difference of the field "json".
RulesDifference compareRules(const std::vector<RulesDescription>& here,
                             const std::vector<RulesDescription>& recorded);

/// "interreg-2014-2020: fund_rate_cap is 0.80 here, 0.85 recorded; eea-norway-grants is
/// configured here but not recorded; x is recorded but not configured here"; "" when empty.
std::string describe(const RulesDifference& difference);

/// A value of the canonical JSON as RulesDifference shows it.
std::string readableValue(const Json& value);

}  // namespace crossgrant::core
