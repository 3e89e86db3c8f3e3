// `crossgrant serve`: a Poco::Util::ServerApplication that runs the HTTP API on a built
// context until SIGINT or SIGTERM.
#pragma once

#include <iosfwd>

#include "crossgrant/server/Configuration.h"

namespace crossgrant::server {

/// Serves until a termination request; prints the URL to out once listening. Returns the exit
/// status.
int runServeApp(app::Context& context, const Configuration& configuration, std::ostream& out);

}  // namespace crossgrant::server
