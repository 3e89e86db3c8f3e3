// The API's resources, one file each; Api.cpp registers the routes of every one of them.
#pragma once

#include <string>
#include <vector>

#include "crossgrant/core/Findings.h"

#include "crossgrant/api/Route.h"

namespace crossgrant::api {

std::vector<Route> healthRoutes();
std::vector<Route> sessionRoutes();
std::vector<Route> userRoutes();
std::vector<Route> programmeRoutes();
std::vector<Route> projectRoutes();
std::vector<Route> partnerRoutes();
std::vector<Route> workPlanRoutes();
std::vector<Route> sheetRoutes();
std::vector<Route> evidenceRoutes();
std::vector<Route> progressRoutes();
std::vector<Route> bundleRoutes();
std::vector<Route> findingsRoutes();
std::vector<Route> auditRoutes();
std::vector<Route> reportRoutes();

/// The findings of project that the caller sees: the project-level ones and those on the
/// partners it may read in full, as its own reports print them (Findings.cpp).
std::vector<core::Finding> visibleFindings(const Call& call, const std::string& programme,
                                           const std::string& project,
                                           std::vector<core::Finding> findings);

}  // namespace crossgrant::api
