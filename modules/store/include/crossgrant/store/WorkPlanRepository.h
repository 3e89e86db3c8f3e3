// The work plan, events and indicators of a project (bundle version 2, docs/bundle-v2.md) in
// the store, under the rules of ProjectRepository.h: every function works inside the caller's
// unit of work, order is kept as given (work packages, each one's activities, events,
// indicators, texts, target-group counts, recorded values), and each object carries a version
// that grows with every update and never goes back for its code in the project, retired like a
// partner's when the object is deleted, dropped by a bundle replace or gone with its project.
//
// Each function names its project by code and throws core::NotFound when the project is
// missing. Writers check the column limits (codes 100 characters, texts 65,535 bytes, ...) and
// keys; whether an object fits the rest of the project (its partner exists, its dates lie inside
// the project, its activity exists) is the caller's to check before writing, with the bundle's
// rules (core::readBundle's), so that the API and an import refuse the same things.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/PlanObjects.h"
#include "crossgrant/core/WorkPlan.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

/// The kinds of objects of the work plan, each keyed by its code in the project.
enum class PlanObject { kWorkPackage, kActivity, kEvent, kIndicator };
/// "work package", "activity", "event", "indicator": for messages.
std::string_view describe(PlanObject kind);

/// Every work package with its activities (none: an empty plan).
core::WorkPlan loadWorkPlan(Reader& db, std::string_view projectCode);
std::optional<core::WorkPackage> findWorkPackage(Reader& db, std::string_view projectCode,
                                                 std::string_view code);

/// An activity with the work package it belongs to.
std::optional<core::PlacedActivity> findActivity(Reader& db, std::string_view projectCode,
                                                 std::string_view code);

/// Which events a listing reads; each condition that is set narrows it.
struct EventFilter {
  std::optional<core::DateRange> startsIn;  ///< the event's start lies in the range
  std::string activity;                     ///< of this activity
  std::string partner;                      ///< organised by this partner
};
std::vector<core::Event> listEvents(Reader& db, std::string_view projectCode,
                                    const EventFilter& filter = {});
std::optional<core::Event> findEvent(Reader& db, std::string_view projectCode,
                                     std::string_view code);

std::vector<core::Indicator> listIndicators(Reader& db, std::string_view projectCode);
std::optional<core::Indicator> findIndicator(Reader& db, std::string_view projectCode,
                                             std::string_view code);

// Writers. Inserting appends (an activity to its work package's activities); Conflict when the
// code exists in the project. Updating replaces the object's fields and keeps its place;
// NotFound when it is missing.

/// The work package's own fields; its activities are written one by one below.
void insertWorkPackage(Connection& db, std::string_view projectCode, const core::WorkPackage& wp);
void updateWorkPackage(Connection& db, std::string_view projectCode, const core::WorkPackage& wp);
/// Conflict while activities belong to it.
void deleteWorkPackage(Connection& db, std::string_view projectCode, std::string_view code);

/// NotFound for a missing work package. An update naming another work package moves the
/// activity to the end of that one's activities.
void insertActivity(Connection& db, std::string_view projectCode, std::string_view workPackage,
                    const core::Activity& activity);
void updateActivity(Connection& db, std::string_view projectCode, std::string_view workPackage,
                    const core::Activity& activity);
/// Conflict while events belong to it.
void deleteActivity(Connection& db, std::string_view projectCode, std::string_view code);

/// NotFound for a missing activity.
void insertEvent(Connection& db, std::string_view projectCode, const core::Event& event);
void updateEvent(Connection& db, std::string_view projectCode, const core::Event& event);
void deleteEvent(Connection& db, std::string_view projectCode, std::string_view code);

void insertIndicator(Connection& db, std::string_view projectCode,
                     const core::Indicator& indicator);
void updateIndicator(Connection& db, std::string_view projectCode,
                     const core::Indicator& indicator);
void deleteIndicator(Connection& db, std::string_view projectCode, std::string_view code);

/// The codes of every object of a kind in the project, in no particular order: what an object
/// that refers to others is checked against.
std::vector<std::string> planCodes(Reader& db, PlanObject kind, std::string_view projectCode);

/// The stored version of an object; nullopt when it (or its project) does not exist.
std::optional<std::int64_t> planVersion(Reader& db, PlanObject kind, std::string_view projectCode,
                                        std::string_view code);
/// As lockPartner (ProjectRepository.h): locks the object if it is at version, else false.
bool lockPlanObject(Connection& db, PlanObject kind, std::string_view projectCode,
                    std::string_view code, std::int64_t version);

}  // namespace crossgrant::store
