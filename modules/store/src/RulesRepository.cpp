#include "crossgrant/store/RulesRepository.h"

namespace crossgrant::store {

std::vector<RecordedRules> listRecordedRules(Reader& db) {
  std::vector<RecordedRules> list;
  for (const Row& row :
       db.query("SELECT rules_key, rules_json, fingerprint, recorded_at, recorded_by "
                "FROM programme_rules ORDER BY rules_key")) {
    RecordedRules recorded;
    recorded.rules.key = asText(row.at(0));
    recorded.rules.json = asText(row.at(1));
    recorded.rules.fingerprint = asText(row.at(2));
    recorded.recordedAt = asText(row.at(3));
    recorded.recordedBy = asText(row.at(4));
    list.push_back(std::move(recorded));
  }
  return list;
}

void lockRecordedRules(Connection& db) {
  // The rows of the applied migrations stand for the database's set-up, which the recorded
  // rules are part of; an UPDATE that changes nothing still locks what it matches on MariaDB.
  db.execute("UPDATE schema_migrations SET applied_at = applied_at");
}

void replaceRecordedRules(Connection& db, const std::vector<RecordedRules>& rules) {
  db.execute("DELETE FROM programme_rules");
  for (const RecordedRules& recorded : rules)
    db.execute(
        "INSERT INTO programme_rules (rules_key, rules_json, fingerprint, recorded_at, "
        "recorded_by) VALUES (?, ?, ?, ?, ?)",
        {recorded.rules.key, recorded.rules.json, recorded.rules.fingerprint, recorded.recordedAt,
         recorded.recordedBy});
}

}  // namespace crossgrant::store
