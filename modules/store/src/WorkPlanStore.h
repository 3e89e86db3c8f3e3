// The work-plan sections of a bundle as ProjectRepository's loadBundle and saveBundle read and
// write them (WorkPlanRepository.h has the rules).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "RepositorySupport.h"
#include "crossgrant/core/Project.h"
#include "crossgrant/store/WorkPlanRepository.h"

namespace crossgrant::store::detail {

/// The key retired_keys files an object of this kind under ("work_package", ...).
std::string_view retiredKind(PlanObject kind);

/// The code and version of one object of a project's work plan.
struct PlanKey {
  PlanObject kind;
  std::string code;
  std::int64_t version = 0;
};
std::vector<PlanKey> planKeys(Reader& db, std::int64_t projectId);

/// Reads into bundle the sections the project has (absent ones stay nullopt).
void loadSections(Reader& db, std::int64_t projectId, core::Bundle& bundle);
/// Checks the lengths of every field of the bundle's sections.
void sectionLimits(Limits& limits, const core::Bundle& bundle);
/// Writes the bundle's sections under a project that has none yet. An object whose key is in
/// previous (the project's objects before a replace) starts one above that version; others at
/// firstVersion.
void insertSections(Connection& db, std::int64_t projectId, std::string_view projectCode,
                    const core::Bundle& bundle, const std::vector<PlanKey>& previous);

}  // namespace crossgrant::store::detail
