// The progress statements of a project's periods (core/Progress.h): what the lead partner
// writes about the project in a period (the project's statement, partner "") and what each
// partner writes about its own work (a summary, problems and deviations, the progress of each
// activity it is responsible for). The progress reports print them.
//
// A statement not written yet reads as an empty one at version 0. Saving replaces it whole: a
// new one needs no version, a written one the version it is based on (VersionRequired,
// StaleVersion as ProjectService.h describes). Who writes: the project's statement who may
// change the project (Operation::kWriteProject, the lead); a partner's who may change the
// partner's work (kWritePartnerWork: its staff, the lead). Who reads: everyone who reads the
// project reads the project's statement; a partner's is read by who may read that partner in
// full (kReadPartner). Each save is one audit entry with the statement before and after.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Versioned.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/store/ProgressRepository.h"

namespace crossgrant::app {

class Context;

/// The statement's JSON (core::periodStatementToJson) with "version", "changed_by" and
/// "changed_at" ("" for one not written yet).
core::Json statementRecord(const store::StoredStatement& statement);

class ProgressService {
 public:
  ProgressService(Context& context, Caller caller);

  /// The statements of the period the caller may read: the project's first, then each
  /// partner's in the project's order, written or not. NotFound for a missing project or
  /// period.
  std::vector<store::StoredStatement> statements(std::string_view project, int period);
  /// partner "" is the project's. NotFound for a missing project, period or partner, and for a
  /// partner's statement the caller may not read.
  store::StoredStatement statement(std::string_view project, int period, std::string_view partner);
  store::StoredStatement save(std::string_view project, int period, std::string_view partner,
                              const core::Json& body, BaseVersion version);

 private:
  Context& context_;
  Caller caller_;
};

}  // namespace crossgrant::app
