// One object of the work plan on its own, as the API takes and sends it: the form it has in a
// bundle (docs/bundle-v2.md), read with the bundle's rules against the rest of its project, so
// that an edit and an import refuse the same things. Each reader throws InvalidInput with every
// error at its JSON Pointer within the object ("/start", "/participants/total").
#pragma once

#include <string>
#include <vector>

#include "crossgrant/core/Json.h"
#include "crossgrant/core/ProgrammeRules.h"
#include "crossgrant/core/Project.h"

namespace crossgrant::core {

/// What one object is read against.
struct PlanContext {
  const Project& project;                 ///< its dates
  std::vector<std::string> partners;      ///< the partners' codes
  std::vector<std::string> workPackages;  ///< the work packages' codes (for activities)
  std::vector<std::string> activities;    ///< the activities' codes (for events)
  const ProgrammeRules* rules = nullptr;  ///< target groups, event kinds, indicators
};

/// An activity with the work package it belongs to: {"work_package": "WP2", ...the activity}.
struct PlacedActivity {
  std::string workPackage;
  Activity activity;
  bool operator==(const PlacedActivity&) const = default;
};

/// {"code", "title", "lead"}: a work package without its activities.
WorkPackage readWorkPackage(const Json& object, const PlanContext& context);
PlacedActivity readPlacedActivity(const Json& object, const PlanContext& context);
Event readEvent(const Json& object, const PlanContext& context);
Indicator readIndicator(const Json& object, const PlanContext& context);

/// Without its activities.
Json workPackageToJson(const WorkPackage& package);
Json activityToJson(const PlacedActivity& activity);
Json eventToJson(const Event& event);
Json indicatorToJson(const Indicator& indicator);
/// {"work_packages": [... each with its activities]}, the bundle's work_plan.
Json workPlanToJson(const WorkPlan& plan);

}  // namespace crossgrant::core
