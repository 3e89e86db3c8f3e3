#include "crossgrant/core/RulesFingerprint.h"

#include <algorithm>
#include <set>
#include <utility>

#include "JsonReading.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::core {
namespace {

constexpr const char* kNone = "(none)";

const RulesDescription* findKey(const std::vector<RulesDescription>& list, const std::string& key) {
  for (const RulesDescription& description : list)
    if (description.key == key) return &description;
  return nullptr;
}

/// Field by field, in the order of here's members, then those only recorded has.
std::vector<FieldDifference> fieldDifferences(const Json& here, const Json& recorded) {
  std::vector<FieldDifference> fields;
  for (const auto& [name, value] : here.members()) {
    const Json* other = recorded.find(name);
    if (other == nullptr)
      fields.push_back({name, readableValue(value), kNone});
    else if (!(*other == value))
      fields.push_back({name, readableValue(value), readableValue(*other)});
  }
  for (const auto& [name, value] : recorded.members())
    if (here.find(name) == nullptr) fields.push_back({name, kNone, readableValue(value)});
  return fields;
}

}  // namespace

Json rulesToJson(const ProgrammeRules& rules) {
  Json categories = Json::array();
  for (const CostCategory& category : rules.categories)
    categories.push(Json::object().set("key", category.key).set("label", category.label));
  Json flatRates = Json::array();
  for (const FlatRate& flatRate : rules.flatRates) {
    Json base = Json::array();
    for (const std::string& category : flatRate.base) base.push(category);
    flatRates.push(Json::object()
                       .set("category", flatRate.category)
                       .set("rate", flatRate.rate.toString())
                       .set("base", std::move(base)));
  }
  const auto labelled = [](const std::vector<Labelled>& items) {
    Json list = Json::array();
    for (const Labelled& item : items)
      list.push(
          Json::object().set("key", item.key).set("labels", reading::textsToJson(item.labels)));
    return list;
  };
  Json indicators = Json::array();
  for (const ProgrammeIndicator& indicator : rules.indicators)
    indicators.push(Json::object()
                        .set("code", indicator.code)
                        .set("name", reading::textsToJson(indicator.name))
                        .set("unit", indicator.unit)
                        .set("kind", std::string(toString(indicator.kind))));
  return Json::object()
      .set("key", rules.key)
      .set("title", rules.title)
      .set("categories", std::move(categories))
      .set("fund_rate_cap", rules.fundRateCap.toString())
      .set("flat_rates", std::move(flatRates))
      .set("reporting_period_months", rules.reportingPeriodMonths)
      .set("rounding", std::string(toString(rules.rounding)))
      .set("target_groups", labelled(rules.targetGroups))
      .set("event_kinds", labelled(rules.eventKinds))
      .set("indicators", std::move(indicators))
      .set("activity_tolerance_days", rules.activityToleranceDays)
      .set("indicator_tolerance", rules.indicatorTolerance.toString());
}

RulesDescription describeRules(const ProgrammeRules& rules) {
  RulesDescription description;
  description.key = rules.key;
  description.json = rulesToJson(rules).dump(false);
  description.fingerprint = sha256Hex(description.json);
  return description;
}

std::string rulesFingerprint(std::vector<RulesDescription> descriptions) {
  std::sort(descriptions.begin(), descriptions.end(),
            [](const RulesDescription& a, const RulesDescription& b) { return a.key < b.key; });
  std::string text = "[";
  for (std::size_t i = 0; i < descriptions.size(); ++i) {
    if (i > 0) text += ',';
    text += descriptions[i].json;
  }
  return sha256Hex(text + "]");
}

RulesDifference compareRules(const std::vector<RulesDescription>& here,
                             const std::vector<RulesDescription>& recorded) {
  std::set<std::string> keys;
  for (const RulesDescription& description : here) keys.insert(description.key);
  for (const RulesDescription& description : recorded) keys.insert(description.key);
  RulesDifference difference;
  for (const std::string& key : keys) {
    const RulesDescription* mine = findKey(here, key);
    const RulesDescription* theirs = findKey(recorded, key);
    if (theirs == nullptr) {
      difference.added.push_back(key);
    } else if (mine == nullptr) {
      difference.missing.push_back(key);
    } else if (mine->fingerprint != theirs->fingerprint || mine->json != theirs->json) {
      ChangedRules changed{key, {}};
      try {
        changed.fields = fieldDifferences(Json::parse(mine->json), Json::parse(theirs->json));
      } catch (const Error&) {
        changed.fields.push_back({"json", mine->json, theirs->json});
      }
      // The same values under another fingerprint: the recorded fingerprint is not its JSON's.
      if (changed.fields.empty())
        changed.fields.push_back({"fingerprint", mine->fingerprint, theirs->fingerprint});
      difference.changed.push_back(std::move(changed));
    }
  }
  return difference;
}

std::string describe(const RulesDifference& difference) {
  std::vector<std::string> parts;
  for (const ChangedRules& changed : difference.changed) {
    std::string part = changed.key + ": ";
    for (std::size_t i = 0; i < changed.fields.size(); ++i) {
      const FieldDifference& field = changed.fields[i];
      if (i > 0) part += ", ";
      part += field.field + " is " + field.here + " here, " + field.recorded + " recorded";
    }
    parts.push_back(std::move(part));
  }
  for (const std::string& key : difference.added)
    parts.push_back(key + " is configured here but not recorded");
  for (const std::string& key : difference.missing)
    parts.push_back(key + " is recorded but not configured here");
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

std::string readableValue(const Json& value) {
  if (value.isString()) return value.asString();
  return value.dump(false);
}

}  // namespace crossgrant::core
