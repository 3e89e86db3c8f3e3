#include "Cli.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "AppContext.h"
#include "CliActor.h"
#include "CliAudit.h"
#include "CliReport.h"
#include "CliUser.h"
#include "ProjectService.h"
#include "ServeApp.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/plugin/PluginRegistry.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::server {

void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  const auto width = [](const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
  };
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - width(row[i]) + 2, ' ');
    }
    out << line << "\n";
  }
}

namespace {

namespace fs = std::filesystem;

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

/// A command-line mistake: printed with the command's usage, exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;       ///< without the leading "--"
  std::string valueName;  ///< empty for a flag
  std::string help;
};

struct Invocation;

struct CommandSpec {
  std::string name;
  std::string arguments;  ///< for the usage line, e.g. "FILE"
  std::size_t minArgs = 0;
  std::size_t maxArgs = 0;
  std::string summary;
  std::string details;
  std::vector<OptionSpec> options;
  std::function<int(Invocation&)> run;
};

const std::vector<OptionSpec> kGlobalOptions = {
    {"db", "URL",
     "database: sqlite:PATH or mysql://USER:PASSWORD@HOST:PORT/DB (default: CROSSGRANT_DB, "
     "else database.url of the configuration, else sqlite:var/crossgrant.db)"},
    {"config", "FILE",
     "configuration file (default: CROSSGRANT_CONFIG, else ../config/crossgrant.properties "
     "beside the executable)"},
    {"help", "", "show help and exit"},
};

struct Invocation {
  const CommandSpec* command = nullptr;
  std::string program;
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;

  bool has(const std::string& name) const { return options.count(name) > 0; }
  std::string option(const std::string& name, const std::string& fallback = {}) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }

  /// The configuration, settings and context, built on first use.
  AppContext& context() {
    if (!context_) {
      loadSettings();
      context_ = std::make_unique<AppContext>(settings_, *config_);
    }
    return *context_;
  }
  /// The context with a database whose schema is current, migrating first if allowed.
  AppContext& migratedContext(bool migrate) {
    AppContext& ctx = context();
    store::Database& db = ctx.database();
    if (migrate) {
      db.migrate();
    } else if (db.schemaVersion() < store::Database::latestSchemaVersion()) {
      throw std::runtime_error("database " + db.displayUrl() + " is at schema version " +
                               std::to_string(db.schemaVersion()) + "; this crossgrant needs " +
                               std::to_string(store::Database::latestSchemaVersion()) +
                               ": run `crossgrant migrate` first");
    }
    return ctx;
  }
  Settings& settings() {
    loadSettings();
    return settings_;
  }

 private:
  void loadSettings() {
    if (config_) return;
    settings_.configFile = configPath();
    if (!fs::exists(settings_.configFile)) {
      throw std::runtime_error("configuration file " + settings_.configFile + " not found");
    }
    config_ = new Poco::Util::PropertyFileConfiguration(settings_.configFile);
    const fs::path configDir = fs::path(settings_.configFile).parent_path();
    const char* envDb = std::getenv("CROSSGRANT_DB");
    settings_.databaseUrl = has("db") ? option("db")
                            : (envDb != nullptr && *envDb)
                                ? std::string(envDb)
                                : config_->getString("database.url", "sqlite:var/crossgrant.db");
    const fs::path plugins = config_->getString("plugins.directory", "../plugins");
    settings_.pluginDirectory =
        (plugins.is_absolute() ? plugins : (configDir / plugins)).lexically_normal().string();
    settings_.httpHost = config_->getString("http.host", settings_.httpHost);
    settings_.httpPort = config_->getInt("http.port", settings_.httpPort);
    settings_.httpThreads = config_->getInt("http.threads", settings_.httpThreads);
    settings_.maxBodyBytes =
        static_cast<std::size_t>(config_->getUInt64("http.max_body_bytes", settings_.maxBodyBytes));
    settings_.secureCookies = config_->getBool("http.secure_cookies", false);
    settings_.trustedProxies.clear();
    for (const std::string& proxy : Poco::StringTokenizer(
             config_->getString("http.trusted_proxies", ""), ",",
             Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
      settings_.trustedProxies.push_back(proxy);
    const int idleMinutes = config_->getInt("auth.session_idle_minutes", 30);
    const int absoluteHours = config_->getInt("auth.session_absolute_hours", 12);
    if (idleMinutes < 1 || absoluteHours < 1)
      throw std::runtime_error(settings_.configFile +
                               ": auth.session_idle_minutes and auth.session_absolute_hours "
                               "must be at least 1");
    settings_.sessionIdleSeconds = std::int64_t{idleMinutes} * 60;
    settings_.sessionAbsoluteSeconds = std::int64_t{absoluteHours} * 3600;
    const fs::path common = config_->getString("auth.common_passwords", "common-passwords.txt");
    settings_.commonPasswordsFile =
        common.empty()
            ? std::string()
            : (common.is_absolute() ? common : (configDir / common)).lexically_normal().string();
  }

  std::string configPath() const {
    if (has("config")) return option("config");
    const char* env = std::getenv("CROSSGRANT_CONFIG");
    if (env != nullptr && *env) return env;
    return (executableDir() / ".." / "config" / "crossgrant.properties")
        .lexically_normal()
        .string();
  }

  static fs::path executableDir() {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::current_path() : self.parent_path();
  }

  Settings settings_;
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config_;
  std::unique_ptr<AppContext> context_;
};

std::string readInput(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void printFinding(std::ostream& out, const core::Finding& f) {
  out << (f.partner ? *f.partner : std::string("project")) << "  " << f.code << "  expected "
      << f.expected.toString() << ", actual " << f.actual.toString() << ", difference "
      << f.difference().toString() << "  " << f.message << "\n";
}

int runServe(Invocation& inv) {
  Settings& settings = inv.settings();
  if (inv.has("port")) {
    try {
      settings.httpPort = std::stoi(inv.option("port"));
    } catch (const std::exception&) {
      throw UsageError("--port needs a number, got \"" + inv.option("port") + "\"");
    }
  }
  if (inv.has("host")) settings.httpHost = inv.option("host");
  AppContext& ctx = inv.migratedContext(true);
  return runServeApp(ctx, *inv.out);
}

int runMigrate(Invocation& inv) {
  store::Database& db = inv.context().database();
  const int applied = db.migrate();
  *inv.out << "database " << db.displayUrl() << ": schema version " << db.schemaVersion() << " ("
           << applied << " migration" << (applied == 1 ? "" : "s") << " applied)\n";
  return kExitOk;
}

int runImport(Invocation& inv) {
  const std::string& file = inv.positional.at(0);
  const std::string text = readInput(file);
  ProjectService service(inv.migratedContext(true), commandLineActor());
  try {
    const ImportResult result = service.importBundle(text, inv.has("replace"));
    *inv.out << (result.replaced ? "replaced " : "imported ") << result.projectCode << " from "
             << file << "; " << result.findings.size() << " finding"
             << (result.findings.size() == 1 ? "" : "s");
    if (!result.findings.empty())
      *inv.out << " (see: crossgrant check " << result.projectCode << ")";
    *inv.out << "\n";
    return kExitOk;
  } catch (const core::InvalidInput& e) {
    *inv.err << file << ": " << e.errors().size() << " error" << (e.errors().size() == 1 ? "" : "s")
             << ", nothing imported:\n";
    for (const core::ValidationError& error : e.errors()) {
      *inv.err << "  " << (error.pointer.empty() ? "(document)" : error.pointer) << ": "
               << error.message << "\n";
    }
    return kExitError;
  } catch (const core::Conflict& e) {
    *inv.err << file << ": " << e.what() << "; nothing imported (use --replace to replace it)\n";
    return kExitError;
  }
}

int runExport(Invocation& inv) {
  ProjectService service(inv.migratedContext(false), commandLineActor());
  const std::string text = service.exportBundle(inv.positional.at(0));
  if (!inv.has("output") || inv.option("output") == "-") {
    *inv.out << text;
    return kExitOk;
  }
  const std::string path = inv.option("output");
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary);
    file << text;
    if (!file.flush()) throw std::runtime_error("cannot write " + temporary);
  }
  fs::rename(temporary, path);
  *inv.err << "exported " << inv.positional.at(0) << " to " << path << "\n";
  return kExitOk;
}

int runCheck(Invocation& inv) {
  ProjectService service(inv.migratedContext(false), commandLineActor());
  const std::string& code = inv.positional.at(0);
  const std::vector<core::Finding> findings = service.findings(code);
  if (inv.has("json")) {
    *inv.out << findingsToJson(code, findings).dump(true);
  } else if (findings.empty()) {
    *inv.out << code << ": no findings\n";
  } else {
    *inv.out << code << ": " << findings.size() << " finding" << (findings.size() == 1 ? "" : "s")
             << "\n";
    for (const core::Finding& finding : findings) printFinding(*inv.out, finding);
  }
  return findings.empty() ? kExitOk : kExitFindings;
}

int runProgrammes(Invocation& inv) {
  ProjectService service(inv.migratedContext(false), commandLineActor());
  std::vector<std::vector<std::string>> rows = {{"CODE", "RULES", "FUND", "NAME"}};
  for (const core::Programme& p : service.programmes())
    rows.push_back({p.code, p.rules, p.fund, p.name});
  printTable(*inv.out, rows);
  return kExitOk;
}

int runProjects(Invocation& inv) {
  ProjectService service(inv.migratedContext(false), commandLineActor());
  std::vector<std::vector<std::string>> rows = {
      {"CODE", "PROGRAMME", "ACRONYM", "START", "END", "CURRENCY"}};
  for (const core::Project& p : service.projects(inv.option("programme"))) {
    rows.push_back(
        {p.code, p.programmeCode, p.acronym, p.start.toString(), p.end.toString(), p.currency});
  }
  printTable(*inv.out, rows);
  return kExitOk;
}

int runAudit(Invocation& inv) {
  const std::string& action = inv.positional.at(0);
  if (action == "verify") {
    for (const char* option : {"project", "from", "to", "output"})
      if (inv.has(option)) throw UsageError("audit verify takes no --" + std::string(option));
    return runAuditVerify(inv.migratedContext(false).database(), *inv.out);
  }
  if (action != "export")
    throw UsageError("unknown audit command \"" + action + "\": expected verify or export");
  AuditExportOptions options;
  if (inv.has("project")) options.project = inv.option("project");
  if (inv.has("from")) options.from = inv.option("from");
  if (inv.has("to")) options.to = inv.option("to");
  options.output = inv.option("output");
  return runAuditExport(inv.migratedContext(false).database(), options, *inv.out, *inv.err);
}

int runReport(Invocation& inv) {
  return runReportCommand(inv.migratedContext(false), inv.positional.at(0), inv.options, *inv.out,
                          *inv.err);
}

int runVerify(Invocation& inv) {
  return runVerifyCommand(inv.migratedContext(false), inv.positional.at(0), *inv.out);
}

int runUser(Invocation& inv) {
  return runUserCommand(inv.migratedContext(true), inv.positional, inv.options, std::cin, *inv.out,
                        *inv.err);
}

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> kCommands = {
      {"serve",
       "",
       0,
       0,
       "run the HTTP server",
       "Applies pending migrations, loads the plugins and serves the HTTP API (/api/v1, /health)\n"
       "until SIGINT or SIGTERM.",
       {{"host", "HOST", "address to listen on (default: http.host, 127.0.0.1)"},
        {"port", "PORT", "port to listen on, 0 for any free one (default: http.port, 8080)"}},
       runServe},
      {"migrate",
       "",
       0,
       0,
       "create or upgrade the database schema",
       "Applies every schema migration the database does not have yet. Safe to run again.",
       {},
       runMigrate},
      {"import",
       "FILE",
       1,
       1,
       "import a project bundle",
       "Reads a project bundle (spec/bundle-v1.md; FILE may be - for standard input), validates\n"
       "it and stores it in one transaction. Any error: every error is printed with its JSON\n"
       "Pointer, nothing is stored, exit status 2. A project whose code exists is refused\n"
       "unless --replace.",
       {{"replace", "", "replace a project with the same code"}},
       runImport},
      {"export",
       "CODE",
       1,
       1,
       "write a project's bundle",
       "Writes the project's bundle in canonical form (stable key order, amounts as strings,\n"
       "UTF-8) to standard output or to FILE.",
       {{"output", "FILE", "write to FILE instead of standard output"}},
       runExport},
      {"check",
       "CODE",
       1,
       1,
       "list a project's findings",
       "Lists the figures of a project that do not reconcile (budget, co-financing, fund rate,\n"
       "flat rates, project totals). Exit status 0: no findings; 1: findings; 2: error.",
       {{"json", "", "print {\"project\", \"findings\": [...]} as JSON"}},
       runCheck},
      {"programmes",
       "",
       0,
       0,
       "list programmes",
       "Lists the programmes in the database.",
       {},
       runProgrammes},
      {"projects",
       "",
       0,
       0,
       "list projects",
       "Lists the projects in the database.",
       {{"programme", "CODE", "only the projects of this programme"}},
       runProjects},
      {"audit",
       "verify|export",
       1,
       1,
       "verify or export the audit trail",
       "audit verify walks the hash chain from the first entry and reports the first entry that\n"
       "was altered, removed or reordered. Exit status 0: intact; 1: broken; 2: error.\n"
       "audit export writes the entries in order as JSON lines (one compact object per line:\n"
       "sequence, at, user, role, client, action, object_type, object_key, project, before,\n"
       "after, previous_hash, hash), all or those of one project and period. Dates are UTC.",
       {{"project", "CODE", "export: only the entries of this project"},
        {"from", "DATE", "export: only entries on or after this day (YYYY-MM-DD)"},
        {"to", "DATE", "export: only entries on or before this day (YYYY-MM-DD)"},
        {"output", "FILE", "export: write to FILE instead of standard output"}},
       runAudit},
      {"user",
       "add|passwd|grant|revoke|delete|list [NAME [ROLE]]",
       1,
       3,
       "manage users and their roles",
       kUserCommandDetails,
       {{"display-name", "TEXT", "add: the name shown for the user (default: NAME)"},
        {"password-stdin", "", "add, passwd: read the password from standard input"},
        {"generate-password", "", "add, passwd: generate a password and print it once"},
        {"programme", "CODE", "grant, revoke: the programme of a programme or auditor role"},
        {"project", "CODE", "grant, revoke: the project of a lead, partner or controller role"},
        {"partner", "CODE", "grant, revoke: the partner of a partner or controller role"}},
       runUser},
      {"report",
       "CODE",
       1,
       1,
       "render a PDF report, or submit one",
       "Renders a report of project CODE as PDF into FILE: a draft, rendered now and not stored.\n"
       "With --submit the report is frozen instead: rendered once, stored with its SHA-256 (and\n"
       "an audit entry), and written to FILE; its id and SHA-256 are printed. Kinds:\n"
       "  financial  financial statement of the project\n"
       "  partner    progress report of one partner (--partner) for one period (--period)\n"
       "  project    progress report of the project for one period (--period)\n"
       "  audit      audit-trail extract, all entries or those --from/--to (UTC days)\n"
       "Exit status 0: written; 2: error (nothing written or stored).",
       {{"kind", "KIND", "financial, partner, project or audit"},
        {"lang", "LANG", "the report's language: en, lv or lt"},
        {"output", "FILE", "where to write the PDF (-o FILE)"},
        {"period", "N", "partner and project reports: the reporting period's number"},
        {"partner", "CODE", "partner reports: the partner's code"},
        {"from", "DATE", "audit extracts: the first day (YYYY-MM-DD)"},
        {"to", "DATE", "audit extracts: the last day (YYYY-MM-DD)"},
        {"submit", "", "freeze the report: store it and print its id and SHA-256"}},
       runReport},
      {"verify",
       "FILE",
       1,
       1,
       "say whether a PDF is a submitted report",
       "Compares FILE byte for byte with the submitted reports. Exit status 0 and \"identical to\n"
       "submitted report N (...)\" when it is one; 1 and \"not a submitted report\" when not;\n"
       "2: error.",
       {},
       runVerify},
  };
  return kCommands;
}

void printOptions(std::ostream& out, const std::vector<OptionSpec>& options) {
  for (const OptionSpec& o : options) {
    std::string left = "  --" + o.name + (o.valueName.empty() ? "" : " " + o.valueName);
    if (left.size() < 24) left.resize(24, ' ');
    out << left << " " << o.help << "\n";
  }
}

void printGeneralHelp(std::ostream& out, const std::string& program) {
  out << "Usage: " << program << " [OPTIONS] COMMAND [ARGS]\n\n"
      << "crossgrant: quality management and progress reporting for cross-border grant "
         "projects.\n\nCommands:\n";
  for (const CommandSpec& c : commands()) {
    std::string left = "  " + c.name;
    left.resize(14, ' ');
    out << left << c.summary << "\n";
  }
  out << "\nOptions (before or after the command):\n";
  printOptions(out, kGlobalOptions);
  out << "  --version                print the version and exit\n"
      << "\nRun '" << program << " COMMAND --help' for a command's options.\n";
}

void printCommandHelp(std::ostream& out, const std::string& program, const CommandSpec& c) {
  out << "Usage: " << program << " " << c.name << " [OPTIONS]" << (c.arguments.empty() ? "" : " ")
      << c.arguments << "\n\n"
      << c.details << "\n\nOptions:\n";
  printOptions(out, c.options);
  printOptions(out, kGlobalOptions);
}

const OptionSpec* findOption(const CommandSpec* command, const std::string& name) {
  for (const OptionSpec& o : kGlobalOptions)
    if (o.name == name) return &o;
  if (command != nullptr)
    for (const OptionSpec& o : command->options)
      if (o.name == name) return &o;
  return nullptr;
}

// Splits args into command, options and positional arguments; "--name=value" and
// "--name value" both work, "-o" is short for --output and "-h" for --help.
Invocation parse(const std::vector<std::string>& args) {
  Invocation inv;
  std::vector<std::pair<std::string, std::optional<std::string>>> pending;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "-h") arg = "--help";
    if (arg == "-o") arg = "--output";
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      std::string name = arg.substr(2);
      std::optional<std::string> value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name.resize(eq);
      }
      // Options taking a value consume the next argument; resolved once the command is known.
      pending.emplace_back(name, value);
      const OptionSpec* spec = findOption(nullptr, name);
      bool mayTakeValue = spec != nullptr ? !spec->valueName.empty() : false;
      if (spec == nullptr) {
        for (const CommandSpec& c : commands())
          for (const OptionSpec& o : c.options)
            if (o.name == name && !o.valueName.empty()) mayTakeValue = true;
      }
      if (!value && mayTakeValue) {
        if (i + 1 >= args.size()) throw UsageError("--" + name + " needs a value");
        pending.back().second = args[++i];
      }
    } else if (inv.command == nullptr && arg != "-") {
      for (const CommandSpec& c : commands())
        if (c.name == arg) inv.command = &c;
      if (inv.command == nullptr && arg != "--version") {
        throw UsageError("unknown command \"" + arg + "\"");
      }
    } else {
      inv.positional.push_back(arg);
    }
  }
  for (auto& [name, value] : pending) {
    if (name == "version" && inv.command == nullptr) {
      inv.options[name] = "";
      continue;
    }
    const OptionSpec* spec = findOption(inv.command, name);
    if (spec == nullptr) {
      throw UsageError("unknown option --" + name +
                       (inv.command ? " for " + inv.command->name : std::string()));
    }
    if (spec->valueName.empty() && value) throw UsageError("--" + name + " takes no value");
    inv.options[name] = value.value_or("");
  }
  return inv;
}

}  // namespace

int runCli(const std::string& program, const std::vector<std::string>& args, std::ostream& out,
           std::ostream& err) {
  const std::string name = "crossgrant";
  Invocation inv;
  try {
    inv = parse(args);
  } catch (const UsageError& e) {
    err << name << ": " << e.what() << "\nRun '" << name << " --help' for usage.\n";
    return kExitError;
  }
  (void)program;
  inv.program = name;
  inv.out = &out;
  inv.err = &err;
  if (inv.has("version")) {
    out << "crossgrant " << CROSSGRANT_VERSION << "\n";
    return kExitOk;
  }
  if (inv.command == nullptr) {
    printGeneralHelp(inv.has("help") ? out : err, name);
    return inv.has("help") ? kExitOk : kExitError;
  }
  if (inv.has("help")) {
    printCommandHelp(out, name, *inv.command);
    return kExitOk;
  }
  const CommandSpec& command = *inv.command;
  if (inv.positional.size() < command.minArgs || inv.positional.size() > command.maxArgs) {
    err << name << " " << command.name << ": expected "
        << (command.arguments.empty() ? "no arguments" : command.arguments) << "\nUsage: " << name
        << " " << command.name << " [OPTIONS] " << command.arguments << "\n";
    return kExitError;
  }
  try {
    return command.run(inv);
  } catch (const Poco::Exception& e) {
    err << name << " " << command.name << ": " << e.displayText() << "\n";
  } catch (const std::exception& e) {
    err << name << " " << command.name << ": " << e.what() << "\n";
  }
  return kExitError;
}

}  // namespace crossgrant::server
