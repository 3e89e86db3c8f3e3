// The `crossgrant report` and `crossgrant verify` subcommands. The command table and option
// parsing stay in Cli.cpp; these do the work and return the exit status.
#pragma once

#include <iosfwd>
#include <map>
#include <string>

namespace crossgrant::server {

class AppContext;

/// report CODE --kind K --lang L -o FILE [--period N] [--partner P] [--from D --to D]
/// [--submit]: renders a draft to FILE, or with --submit freezes the report, writes the stored
/// PDF to FILE and prints its id and SHA-256. Returns 0, or 2 after printing what is wrong on
/// err (nothing is written or stored then). The options are Cli.cpp's, by name without "--".
int runReportCommand(AppContext& context, const std::string& project,
                     const std::map<std::string, std::string>& options, std::ostream& out,
                     std::ostream& err);

/// verify FILE: prints "FILE: identical to submitted report N (...)" and returns 0, or
/// "FILE: not a submitted report" and returns 1.
int runVerifyCommand(AppContext& context, const std::string& file, std::ostream& out);

}  // namespace crossgrant::server
