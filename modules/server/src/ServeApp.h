// `crossgrant serve`: a Poco::Util::ServerApplication that runs the HTTP server on an
// already-built AppContext until SIGINT or SIGTERM.
#pragma once

#include <iosfwd>

namespace crossgrant::server {

class AppContext;

/// Serves until a termination request; prints the URL to out once listening. Returns the exit
/// status.
int runServeApp(AppContext& context, std::ostream& out);

}  // namespace crossgrant::server
