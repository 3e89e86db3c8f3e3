// The crossgrant command line: global options, subcommands, their help, and the mapping of
// errors to exit statuses (0 success, 1 findings for `check`, 2 error). Both the CLI and the
// HTTP API act through ProjectService, so they behave the same.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace crossgrant::server {

/// Prints rows as left-aligned columns two spaces apart; widths count UTF-8 code points.
void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

/// Runs one command line (args without the program name). Output to out, messages to err.
int runCli(const std::string& program, const std::vector<std::string>& args, std::ostream& out,
           std::ostream& err);

}  // namespace crossgrant::server
