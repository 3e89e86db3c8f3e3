#include <termios.h>
#include <unistd.h>

#include <istream>
#include <iterator>
#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/identity/UserService.h"
#include "crossgrant/core/Errors.h"

// `crossgrant user ...`, through app::UserService like the admin HTTP API, recorded in the
// audit trail as the operating-system user. A password comes from standard input
// (--password-stdin: one line), is generated (--generate-password: printed once, on standard
// output), or is asked for twice on the terminal without echo; it is never printed otherwise.
namespace crossgrant::cli {
namespace {

constexpr const char* kUserCommandDetails =
    "Manages the users who may sign in to the HTTP API and their roles.\n"
    "\n"
    "  user add NAME [--display-name TEXT] [--password-stdin | --generate-password]\n"
    "  user passwd NAME [--password-stdin | --generate-password]\n"
    "  user grant NAME ROLE [--programme CODE] [--project CODE] [--partner CODE]\n"
    "  user revoke NAME ROLE [--programme CODE] [--project CODE] [--partner CODE]\n"
    "  user delete NAME\n"
    "  user list\n"
    "\n"
    "Without --password-stdin or --generate-password the password is asked for on the\n"
    "terminal. A generated password is printed once. Passwords need at least 12 characters\n"
    "and must not be common, a simple sequence or contain the user name. passwd ends every\n"
    "session of the user.\n"
    "\n"
    "Roles and the scope each needs: admin (none); programme --programme; lead --project;\n"
    "partner and controller --project and --partner; auditor --programme, or none for all\n"
    "programmes. Changes are recorded in the audit trail as the operating-system user.";

using Options = std::map<std::string, std::string>;
using CommandLineError = UsageError;

bool has(const Options& options, const std::string& name) { return options.count(name) > 0; }

void allowOnly(const Options& options, const std::string& action,
               std::initializer_list<std::string> allowed) {
  for (const auto& [name, value] : options) {
    bool ok = name == "db" || name == "config";  // every command's
    for (const std::string& a : allowed) ok = ok || a == name;
    if (!ok) throw CommandLineError("user " + action + " takes no --" + name);
  }
}

void expectArguments(const std::vector<std::string>& args, std::size_t count,
                     const std::string& usage) {
  if (args.size() != count) throw CommandLineError("expected: crossgrant user " + usage);
}

/// A field of a refused change as the command line names it.
std::string optionFor(const std::string& pointer) {
  if (pointer == "/name") return "NAME";
  if (pointer == "/role") return "ROLE";
  if (pointer == "/password") return "password";
  if (pointer == "/display_name") return "--display-name";
  if (pointer.size() > 1) return "--" + pointer.substr(1);
  return "input";
}

/// One line of text a terminal user types without echo.
std::string readHidden(std::istream& in, std::ostream& prompt, const std::string& text) {
  prompt << text << std::flush;
  termios saved{};
  const bool terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(in, line);
  if (terminal) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  prompt << "\n";
  return line;
}

struct NewPassword {
  std::string password;
  bool generated = false;
};

NewPassword newPassword(app::UserService& users, const std::string& name, const Options& options,
                        std::istream& in, std::ostream& err) {
  if (has(options, "password-stdin") && has(options, "generate-password"))
    throw CommandLineError("give --password-stdin or --generate-password, not both");
  if (has(options, "generate-password")) return {users.generatePassword(name), true};
  if (has(options, "password-stdin")) {
    std::string text(std::istreambuf_iterator<char>(in), {});
    if (!text.empty() && text.back() == '\n') text.pop_back();
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find('\n') != std::string::npos)
      throw CommandLineError("--password-stdin reads one line; standard input has several");
    return {text, false};
  }
  if (::isatty(STDIN_FILENO) == 0)
    throw CommandLineError(
        "no password given: use --password-stdin or --generate-password, or run on a "
        "terminal");
  const std::string first = readHidden(in, err, "Password for " + name + ": ");
  const std::string second = readHidden(in, err, "Repeat it: ");
  if (first != second) throw CommandLineError("the two passwords differ; nothing changed");
  return {first, false};
}

core::Grant grantOf(const std::vector<std::string>& args, const Options& options) {
  core::Grant grant;
  const auto role = core::parseRole(args.at(2));
  if (!role)
    throw CommandLineError("unknown role \"" + args.at(2) +
                           "\"; one of admin, programme, lead, partner, controller, auditor");
  grant.role = *role;
  if (has(options, "programme")) grant.programme = options.at("programme");
  if (has(options, "project")) grant.project = options.at("project");
  if (has(options, "partner")) grant.partner = options.at("partner");
  return grant;
}

std::string rolesText(const std::vector<core::Grant>& grants) {
  std::string text;
  for (const core::Grant& grant : grants) {
    if (!text.empty()) text += ", ";
    text += core::toString(grant.role);
    std::string scope = grant.programme;
    if (!grant.project.empty()) scope = grant.project;
    if (!grant.partner.empty()) scope += "/" + grant.partner;
    if (grant.role == core::Role::kAuditor && scope.empty()) scope = "all";
    if (!scope.empty()) text += " " + scope;
  }
  return text.empty() ? "-" : text;
}

void printUsers(std::ostream& out, const std::vector<app::UserView>& users) {
  std::vector<std::vector<std::string>> rows = {{"NAME", "DISPLAY NAME", "ROLES", "CREATED"}};
  for (const app::UserView& view : users)
    rows.push_back({view.user.name, view.user.displayName, rolesText(view.grants),
                    view.user.createdAt.substr(0, 10)});
  printTable(out, rows);
}

int act(Invocation& inv) {
  const std::vector<std::string>& args = inv.positional;
  const Options& options = inv.options;
  std::istream& in = inv.in;
  std::ostream& out = inv.out;
  std::ostream& err = inv.err;
  const std::string& action = args.at(0);
  const bool known = action == "add" || action == "passwd" || action == "grant" ||
                     action == "revoke" || action == "delete" || action == "list";
  if (!known)
    throw CommandLineError("unknown action \"" + action +
                           "\": expected add, passwd, grant, revoke, delete or list");
  app::UserService users(inv.open(action == "list" ? DatabaseUse::kRead : DatabaseUse::kWrite),
                         app::Caller::commandLine().actor);
  if (action == "add") {
    allowOnly(options, action, {"display-name", "password-stdin", "generate-password"});
    expectArguments(args, 2,
                    "add NAME [--display-name TEXT] [--password-stdin | "
                    "--generate-password]");
    const std::string& name = args[1];
    const NewPassword password = newPassword(users, name, options, in, err);
    const auto display = options.find("display-name");
    users.create(name, display == options.end() ? "" : display->second, password.password);
    out << "created user " << name << "\n";
    if (password.generated)
      out << "generated password (shown only now): " << password.password << "\n";
    return 0;
  }
  if (action == "passwd") {
    allowOnly(options, action, {"password-stdin", "generate-password"});
    expectArguments(args, 2, "passwd NAME [--password-stdin | --generate-password]");
    const std::string& name = args[1];
    users.get(name);
    const NewPassword password = newPassword(users, name, options, in, err);
    users.setPassword(name, password.password);
    out << "changed the password of " << name << "; its sessions are ended\n";
    if (password.generated)
      out << "generated password (shown only now): " << password.password << "\n";
    return 0;
  }
  if (action == "grant" || action == "revoke") {
    allowOnly(options, action, {"programme", "project", "partner"});
    expectArguments(args, 3,
                    action + " NAME ROLE [--programme CODE] [--project CODE] [--partner CODE]");
    const core::Grant grant = grantOf(args, options);
    const app::UserView user =
        action == "grant" ? users.grant(args[1], grant) : users.revoke(args[1], grant);
    out << (action == "grant" ? "granted" : "revoked") << "; " << user.user.name
        << " now holds: " << rolesText(user.grants) << "\n";
    return 0;
  }
  if (action == "delete") {
    allowOnly(options, action, {});
    expectArguments(args, 2, "delete NAME");
    users.remove(args[1]);
    out << "deleted user " << args[1] << " with its roles and sessions\n";
    return 0;
  }
  if (action == "list") {
    allowOnly(options, action, {});
    expectArguments(args, 1, "list");
    printUsers(out, users.list());
    return 0;
  }
  throw CommandLineError("unknown action \"" + action +
                         "\": expected add, passwd, grant, revoke, delete or list");
}

int execute(Invocation& inv) {
  try {
    return act(inv);
  } catch (const core::InvalidInput& e) {
    std::string message;
    for (const core::ValidationError& error : e.errors()) {
      if (!message.empty()) message += "; ";
      message += optionFor(error.pointer) + ": " + error.message;
    }
    throw core::Error(core::ErrorKind::kInvalid, message + "; nothing changed");
  }
}

}  // namespace

Command userCommand() {
  return {
      "user",
      "add|passwd|grant|revoke|delete|list [NAME [ROLE]]",
      1,
      3,
      "manage users and their roles",
      kUserCommandDetails,
      [](Poco::Util::OptionSet& options) {
        options.addOption(valueOption("display-name", "", "TEXT",
                                      "add: the name shown for the user (default: NAME)"));
        options.addOption(
            flagOption("password-stdin", "add, passwd: read the password from standard input"));
        options.addOption(
            flagOption("generate-password", "add, passwd: generate a password and print it once"));
        options.addOption(
            valueOption("programme", "", "CODE",
                        "grant, revoke: the programme of a programme or auditor role"));
        options.addOption(
            valueOption("project", "", "CODE",
                        "grant, revoke: the project of a lead, partner or controller role"));
        options.addOption(valueOption(
            "partner", "", "CODE", "grant, revoke: the partner of a partner or controller role"));
      },
      execute};
}

}  // namespace crossgrant::cli
