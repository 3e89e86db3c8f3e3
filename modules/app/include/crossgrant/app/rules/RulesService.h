// The programme rules as part of the database's state: the rules configured here (the loaded
// plugins) against those recorded in the database (store/RulesRepository.h). The first
// migrate, or the first server start, on a database records the configured rules; `crossgrant
// rules update` records them again after a change, audited as "update" of object "rules"
// (key "programme-rules") with the recorded rules before and after; a server refuses to
// start while they differ. Other commands work with their configured rules whatever is
// recorded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crossgrant/core/Access.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/RulesFingerprint.h"
#include "crossgrant/store/RulesRepository.h"

namespace crossgrant::app {

class Context;

/// The configured rules differ from those recorded in the database. The message is
/// "the programme rules configured here differ from those recorded in the database: " + the
/// difference (core::describe) + what to do.
class RulesMismatch : public core::ConfigurationError {
 public:
  explicit RulesMismatch(core::RulesDifference difference);
  const core::RulesDifference& difference() const { return difference_; }

 private:
  core::RulesDifference difference_;
};

/// What an update did: the difference it recorded (empty: nothing to update).
struct RulesUpdate {
  core::RulesDifference difference;
  std::string fingerprint;  ///< the overall fingerprint recorded now
};

class RulesService {
 public:
  /// actor: who recordings are made by (recorded_by and the audit trail).
  RulesService(Context& context, core::Actor actor);

  /// The loaded plugins' rules, by key.
  std::vector<core::RulesDescription> configured() const;
  /// What the database records, by key; empty when nothing is.
  std::vector<store::RecordedRules> recorded();
  /// How the configured rules differ from the recorded ones (everything is "added" when none
  /// are recorded).
  core::RulesDifference compare();

  /// Records the configured rules when the database records none, in one write unit; returns
  /// whether it did. The first recording is part of setting up a database, like its schema,
  /// and appends no audit entry; the rows carry when and by whom.
  bool recordIfNone();
  /// recordIfNone(), then throws RulesMismatch unless the recorded rules are the configured
  /// ones: what a server checks before it listens.
  void requireRecorded();
  /// Records the configured rules in place of the recorded ones when they differ, with an
  /// audit entry in the same write unit; changes nothing when they are equal.
  RulesUpdate update();

 private:
  Context& context_;
  core::Actor actor_;
};

/// The overall fingerprint of recorded rules (core::rulesFingerprint of their descriptions).
std::string fingerprintOf(const std::vector<store::RecordedRules>& recorded);

/// The audit record of recorded rules: {"fingerprint", "plugins": {KEY: {"fingerprint",
/// "rules": canonical JSON tree}}} with keys in order.
core::Json recordedRulesRecord(const std::vector<store::RecordedRules>& recorded);

}  // namespace crossgrant::app
