#include "crossgrant/app/rules/RulesService.h"

#include <utility>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/core/Date.h"

namespace crossgrant::app {
namespace {

constexpr const char* kObjectType = "rules";
constexpr const char* kObjectKey = "programme-rules";

std::string mismatchMessage(const core::RulesDifference& difference) {
  return "the programme rules configured here differ from those recorded in the database: " +
         core::describe(difference) +
         "; run `crossgrant rules update` to record this configuration, or fix "
         "crossgrant.properties";
}

std::vector<core::RulesDescription> descriptionsOf(
    const std::vector<store::RecordedRules>& recorded) {
  std::vector<core::RulesDescription> descriptions;
  for (const store::RecordedRules& rules : recorded) descriptions.push_back(rules.rules);
  return descriptions;
}

}  // namespace

RulesMismatch::RulesMismatch(core::RulesDifference difference)
    : core::ConfigurationError(mismatchMessage(difference)), difference_(std::move(difference)) {}

RulesService::RulesService(Context& context, core::Actor actor)
    : context_(context), actor_(std::move(actor)) {}

std::vector<core::RulesDescription> RulesService::configured() const {
  std::vector<core::RulesDescription> descriptions;
  for (const std::string& key : context_.plugins().keys())
    descriptions.push_back(core::describeRules(context_.rules(key)));
  return descriptions;
}

std::vector<store::RecordedRules> RulesService::recorded() {
  return context_.database().read([](store::Reader& db) { return store::listRecordedRules(db); });
}

core::RulesDifference RulesService::compare() {
  return core::compareRules(configured(), descriptionsOf(recorded()));
}

bool RulesService::recordIfNone() {
  const std::vector<core::RulesDescription> here = configured();
  const std::string at = core::utcTimestamp(context_.nowMillis());
  return context_.database().write([&](store::Connection& db) {
    // Servers starting together on one database: the first records, the others then see it.
    store::lockRecordedRules(db);
    if (!store::listRecordedRules(db).empty()) return false;
    std::vector<store::RecordedRules> rows;
    for (const core::RulesDescription& rules : here) rows.push_back({rules, at, actor_.user});
    store::replaceRecordedRules(db, rows);
    return true;
  });
}

void RulesService::requireRecorded() {
  recordIfNone();
  core::RulesDifference difference = compare();
  if (!difference.empty()) throw RulesMismatch(std::move(difference));
}

RulesUpdate RulesService::update() {
  const std::vector<core::RulesDescription> here = configured();
  const std::string at = core::utcTimestamp(context_.nowMillis());
  return context_.database().write([&](store::Connection& db) {
    store::lockRecordedRules(db);
    const std::vector<store::RecordedRules> before = store::listRecordedRules(db);
    RulesUpdate result;
    result.difference = core::compareRules(here, descriptionsOf(before));
    result.fingerprint = core::rulesFingerprint(here);
    if (result.difference.empty()) return result;
    std::vector<store::RecordedRules> after;
    for (const core::RulesDescription& rules : here) after.push_back({rules, at, actor_.user});
    store::replaceRecordedRules(db, after);
    recordChange(db, context_.auditKey(), actor_, "update", kObjectType, kObjectKey, "",
                 before.empty() ? std::nullopt : std::optional(recordedRulesRecord(before)),
                 recordedRulesRecord(after));
    return result;
  });
}

std::string fingerprintOf(const std::vector<store::RecordedRules>& recorded) {
  return core::rulesFingerprint(descriptionsOf(recorded));
}

core::Json recordedRulesRecord(const std::vector<store::RecordedRules>& recorded) {
  core::Json plugins = core::Json::object();
  for (const store::RecordedRules& rules : recorded) {
    core::Json value;
    try {
      value = core::Json::parse(rules.rules.json);
    } catch (const core::Error&) {
      value = core::Json(rules.rules.json);
    }
    plugins.set(rules.rules.key, core::Json::object()
                                     .set("fingerprint", rules.rules.fingerprint)
                                     .set("rules", std::move(value)));
  }
  return core::Json::object()
      .set("fingerprint", fingerprintOf(recorded))
      .set("plugins", std::move(plugins));
}

}  // namespace crossgrant::app
