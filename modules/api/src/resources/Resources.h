// The API's resources, one file each; Api.cpp registers the routes of every one of them.
#pragma once

#include <vector>

#include "crossgrant/api/Route.h"

namespace crossgrant::api {

std::vector<Route> healthRoutes();
std::vector<Route> sessionRoutes();
std::vector<Route> userRoutes();
std::vector<Route> programmeRoutes();
std::vector<Route> projectRoutes();
std::vector<Route> partnerRoutes();
std::vector<Route> bundleRoutes();
std::vector<Route> findingsRoutes();
std::vector<Route> auditRoutes();
std::vector<Route> reportRoutes();

}  // namespace crossgrant::api
