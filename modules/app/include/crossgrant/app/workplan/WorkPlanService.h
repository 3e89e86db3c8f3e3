// What partners do and whom they reach (docs/bundle-v2.md): the work packages and activities of
// a project, the events held under the activities, and the indicators, each created, read,
// changed and deleted on its own. The CLI and the HTTP API share these, as they share
// ProjectService, and under its rules: one unit of work per operation, nothing changed by one
// that throws, one audit entry per change with the object's record (its bundle form plus
// "version") before and after, and versions checked as ProjectService.h describes.
//
// Objects arrive in their bundle form (core/PlanObjects.h) and are read inside the unit that
// writes them, against the project as it is there: partners, work packages and activities must
// exist, dates lie inside the project, target groups, event kinds and programme indicators be
// the programme rules' (core::InvalidInput at each field's pointer otherwise). A code that
// exists already is core::Conflict; so is deleting a work package with activities or an
// activity with events.
//
// Who may change what (core/Policy.h): work packages and indicators are the project's (its lead
// partner); an activity belongs to its responsible partner and an event to its organising
// partner, whose users may change it (Operation::kWritePartnerWork), but not hand it to another
// partner. A change the caller may not make is core::Forbidden before anything else is looked at.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Versioned.h"
#include "crossgrant/core/Indicators.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/PlanObjects.h"

namespace crossgrant::app {

class Context;

/// Which events a listing shows; each condition given narrows it.
struct EventQuery {
  std::optional<int> period;  ///< starting in this reporting period (NotFound for no such one)
  std::string activity;
  std::string partner;
};

/// An indicator with what it has achieved, period by period.
struct IndicatorProgress {
  core::Indicator indicator;
  std::vector<core::IndicatorPeriod> periods;
};

class WorkPlanService {
 public:
  WorkPlanService(Context& context, Caller caller);

  core::WorkPlan workPlan(std::string_view project);

  Versioned<core::WorkPackage> workPackage(std::string_view project, std::string_view code);
  Versioned<core::WorkPackage> createWorkPackage(std::string_view project, const core::Json& body);
  Versioned<core::WorkPackage> updateWorkPackage(std::string_view project, std::string_view code,
                                                 const core::Json& body, BaseVersion version);
  void deleteWorkPackage(std::string_view project, std::string_view code, BaseVersion version);

  Versioned<core::PlacedActivity> activity(std::string_view project, std::string_view code);
  Versioned<core::PlacedActivity> createActivity(std::string_view project, const core::Json& body);
  Versioned<core::PlacedActivity> updateActivity(std::string_view project, std::string_view code,
                                                 const core::Json& body, BaseVersion version);
  void deleteActivity(std::string_view project, std::string_view code, BaseVersion version);

  std::vector<core::Event> events(std::string_view project, const EventQuery& query = {});
  Versioned<core::Event> event(std::string_view project, std::string_view code);
  Versioned<core::Event> createEvent(std::string_view project, const core::Json& body);
  Versioned<core::Event> updateEvent(std::string_view project, std::string_view code,
                                     const core::Json& body, BaseVersion version);
  void deleteEvent(std::string_view project, std::string_view code, BaseVersion version);

  /// Every indicator with its achievement through every period of the project.
  std::vector<IndicatorProgress> indicators(std::string_view project);
  Versioned<core::Indicator> indicator(std::string_view project, std::string_view code);
  Versioned<core::Indicator> createIndicator(std::string_view project, const core::Json& body);
  Versioned<core::Indicator> updateIndicator(std::string_view project, std::string_view code,
                                             const core::Json& body, BaseVersion version);
  void deleteIndicator(std::string_view project, std::string_view code, BaseVersion version);

 private:
  /// Forbidden unless the caller may change the work of partner in project.
  void requirePartnerWork(std::string_view programme, std::string_view project,
                          const std::string& partner) const;

  Context& context_;
  Caller caller_;
};

}  // namespace crossgrant::app
