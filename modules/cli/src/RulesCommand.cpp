#include <ostream>
#include <string>
#include <vector>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/rules/RulesService.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::cli {
namespace {

using core::Json;

std::string text(const Json* value) { return value == nullptr ? "" : core::readableValue(*value); }

/// One member of a plugin's canonical JSON for people: categories as "key (Label)", flat
/// rates as "category RATE of base + base", the rest as core::readableValue.
std::string readable(const std::string& field, const Json& value) {
  if (!value.isArray() || (field != "categories" && field != "flat_rates"))
    return core::readableValue(value);
  if (value.items().empty()) return "none";
  std::string out;
  for (const Json& item : value.items()) {
    if (!out.empty()) out += ", ";
    if (field == "categories") {
      out += text(item.find("key")) + " (" + text(item.find("label")) + ")";
      continue;
    }
    std::string base;
    if (const Json* parts = item.find("base"); parts != nullptr && parts->isArray())
      for (const Json& part : parts->items()) base += (base.empty() ? "" : " + ") + text(&part);
    out += text(item.find("category")) + " " + text(item.find("rate")) + " of " + base;
  }
  return out;
}

void printPlugin(std::ostream& out, const store::RecordedRules& recorded) {
  out << recorded.rules.key << "  fingerprint " << recorded.rules.fingerprint << "\n"
      << "  recorded " << recorded.recordedAt << " by " << recorded.recordedBy << "\n";
  try {
    const Json rules = Json::parse(recorded.rules.json);
    for (const auto& [field, value] : rules.members()) {
      if (field == "key") continue;
      out << "  " << field << ": " << readable(field, value) << "\n";
    }
  } catch (const core::Error&) {
    out << "  json: " << recorded.rules.json << "\n";
  }
}

int show(Invocation& inv) {
  app::Context& context = inv.open(DatabaseUse::kRead);
  app::RulesService service(context, app::Caller::commandLine().actor);
  const std::vector<store::RecordedRules> recorded = service.recorded();
  if (inv.has("json")) {
    std::string json = "[";
    for (const store::RecordedRules& rules : recorded)
      json += (json.size() > 1 ? "," : "") + rules.rules.json;
    inv.out << json << "]\n";
    return 0;
  }
  if (recorded.empty()) {
    inv.out << "no programme rules are recorded in database " << context.database().displayUrl()
            << "; `crossgrant rules update` records the ones configured here\n";
    return 0;
  }
  for (const store::RecordedRules& rules : recorded) printPlugin(inv.out, rules);
  inv.out << "overall fingerprint " << app::fingerprintOf(recorded) << "\n";
  const core::RulesDifference difference = service.compare();
  if (difference.empty())
    inv.out << "the rules configured here are the recorded ones\n";
  else
    inv.out << "the rules configured here differ: " << core::describe(difference) << "\n";
  return 0;
}

int update(Invocation& inv) {
  if (inv.has("json")) throw UsageError("rules update takes no --json");
  app::RulesService service(inv.open(DatabaseUse::kWrite), app::Caller::commandLine().actor);
  const app::RulesUpdate result = service.update();
  if (result.difference.empty()) {
    inv.out << "nothing to update: the recorded programme rules are the ones configured here "
               "(fingerprint "
            << result.fingerprint << ")\n";
    return 0;
  }
  for (const core::ChangedRules& changed : result.difference.changed)
    for (const core::FieldDifference& field : changed.fields)
      inv.out << changed.key << ": " << field.field << " " << field.recorded << " -> " << field.here
              << "\n";
  for (const std::string& key : result.difference.added) inv.out << key << ": added\n";
  for (const std::string& key : result.difference.missing) inv.out << key << ": removed\n";
  inv.out << "recorded the programme rules configured here (fingerprint " << result.fingerprint
          << ")\n";
  return 0;
}

int execute(Invocation& inv) {
  const std::string& action = inv.positional.at(0);
  if (action == "show") return show(inv);
  if (action == "update") return update(inv);
  throw UsageError("unknown rules command \"" + action + "\": expected show or update");
}

}  // namespace

Command rulesCommand() {
  return {
      "rules",
      "show|update",
      1,
      1,
      "show or update the programme rules recorded in the database",
      "The database records the effective programme rules of every plugin (the plugins.<key>.*\n"
      "keys of crossgrant.properties as loaded), each with its SHA-256 fingerprint, and every\n"
      "submitted report the fingerprint of the rules it was computed with. `crossgrant migrate`\n"
      "records the configured rules on a database that has none; `crossgrant serve` refuses to\n"
      "start while its configured rules differ from the recorded ones, so that every server on\n"
      "one database computes the same findings. Other commands work with the rules configured\n"
      "where they run.\n"
      "rules show prints each recorded plugin's fingerprint and values, the overall fingerprint\n"
      "and whether the rules configured here are the same; with --json the canonical JSON of\n"
      "all plugins' rules in key order, whose SHA-256 is the overall fingerprint.\n"
      "rules update records the rules configured here in place of the recorded ones, prints\n"
      "what changed and appends it to the audit trail; \"nothing to update\" when they are equal.",
      [](Poco::Util::OptionSet& options) {
        options.addOption(
            flagOption("json", "show: the canonical JSON of the recorded rules instead"));
      },
      execute};
}

}  // namespace crossgrant::cli
