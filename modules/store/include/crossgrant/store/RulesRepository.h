// The programme rules recorded in the database (migration 5, table programme_rules): for each
// rules plugin key the canonical JSON of its rules (core/RulesFingerprint.h), that JSON's
// fingerprint, and when and by whom it was recorded. Every server on one database must run
// with these rules. Every function works on the connection it is given, inside the caller's
// unit of work.
#pragma once

#include <string>
#include <vector>

#include "crossgrant/core/RulesFingerprint.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

struct RecordedRules {
  core::RulesDescription rules;
  std::string recordedAt;  ///< UTC, "2026-11-25T11:40:00.000Z"
  std::string recordedBy;  ///< user name, "os:NAME" from the command line

  bool operator==(const RecordedRules&) const = default;
};

/// Every recorded plugin's rules, by key; empty when none are recorded.
std::vector<RecordedRules> listRecordedRules(Reader& db);

/// Holds off every other unit that records rules until this one ends, waiting for one that
/// holds them now. Call it first in a write unit that reads the recorded rules to change them:
/// on MariaDB a unit's snapshot starts at its first read, so what it reads after the lock is
/// what the others committed (on SQLite a write unit excludes every other writer anyway).
void lockRecordedRules(Connection& db);

/// Replaces what is recorded with exactly these rules (one row per key; keys must differ).
void replaceRecordedRules(Connection& db, const std::vector<RecordedRules>& rules);

}  // namespace crossgrant::store
