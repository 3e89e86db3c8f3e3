// The `crossgrant user` subcommands, through UserService like the admin HTTP API, recorded in
// the audit trail as the operating-system user (CliActor.h). The command table and option
// parsing stay in Cli.cpp; this does the work and returns the exit status.
//
//   user add NAME [--display-name TEXT] [--password-stdin | --generate-password]
//   user passwd NAME [--password-stdin | --generate-password]     (ends the user's sessions)
//   user grant NAME ROLE [--programme CODE] [--project CODE] [--partner CODE]
//   user revoke NAME ROLE [--programme CODE] [--project CODE] [--partner CODE]
//   user delete NAME
//   user list
//
// A password comes from standard input (--password-stdin: one line), is generated
// (--generate-password: printed once, on standard output), or is asked for twice on the
// terminal without echo. It is never printed otherwise.
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace crossgrant::server {

class AppContext;

/// What `crossgrant user --help` explains after the usage line.
extern const char* const kUserCommandDetails;

/// Runs `user ARGS...` (args[0] is the action) with the command's options (name without "--"
/// -> value, "" for flags). Throws std::runtime_error for a wrong command line and for what
/// the user service refuses (its message names the option at fault); returns 0 on success.
int runUserCommand(AppContext& context, const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& options, std::istream& in,
                   std::ostream& out, std::ostream& err);

}  // namespace crossgrant::server
