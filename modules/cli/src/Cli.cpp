#include "crossgrant/cli/Cli.h"

#include <Poco/Exception.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>

#include <memory>
#include <ostream>

#include "Commands.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 2;
constexpr const char* kProgram = "crossgrant";

void addGlobalOptions(Poco::Util::OptionSet& options) {
  options.addOption(valueOption(
      "db", "", "URL",
      "database: sqlite:PATH or mysql://USER:PASSWORD@HOST:PORT/DB (default: CROSSGRANT_DB, "
      "else database.url of the configuration, else sqlite:var/crossgrant.db)"));
  options.addOption(valueOption("config", "", "FILE",
                                "configuration file (default: CROSSGRANT_CONFIG, else "
                                "../config/crossgrant.properties beside the executable)"));
  options.addOption(Poco::Util::Option("help", "h", "show help and exit").repeatable(false));
}

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = [] {
    std::vector<Command> list = {
        serveCommand(),    migrateCommand(),     importCommand(),      exportCommand(),
        checkCommand(),    programmesCommand(),  projectsCommand(),    auditCommand(),
        userCommand(),     reportCommand(),      verifyCommand(),      rulesCommand(),
        templateCommand(), exportSheetCommand(), importSheetCommand(), evidenceCommand()};
    list.push_back({"help", "[COMMAND]", 0, 1, "show help for crossgrant or one command",
                    "Shows what crossgrant does and its commands, or one command's usage and "
                    "options.",
                    nullptr, nullptr});
    return list;
  }();
  return kCommands;
}

const Command* findCommand(const std::string& name) {
  for (const Command& command : commands())
    if (command.name == name) return &command;
  return nullptr;
}

Poco::Util::OptionSet optionsOf(const Command* command) {
  Poco::Util::OptionSet options;
  if (command != nullptr && command->options) command->options(options);
  addGlobalOptions(options);
  return options;
}

void printOptions(std::ostream& out, const Poco::Util::OptionSet& options) {
  for (const Poco::Util::Option& option : options) {
    std::string left = "  ";
    if (!option.shortName().empty()) left += "-" + option.shortName() + ", ";
    left += "--" + option.fullName();
    if (option.takesArgument()) left += " " + option.argumentName();
    if (left.size() < 24) left.resize(24, ' ');
    out << left << " " << option.description() << "\n";
  }
}

void printGeneralHelp(std::ostream& out) {
  out << "Usage: " << kProgram << " [OPTIONS] COMMAND [ARGS]\n\n"
      << "crossgrant: quality management and progress reporting for cross-border grant "
         "projects.\n\nCommands:\n";
  for (const Command& c : commands()) {
    std::string left = "  " + c.name;
    left.resize(14, ' ');
    out << left << c.summary << "\n";
  }
  out << "\nOptions (before or after the command):\n";
  printOptions(out, optionsOf(nullptr));
  out << "  --version                print the version and exit\n"
      << "\nRun '" << kProgram << " COMMAND --help' for a command's options.\n";
}

void printCommandHelp(std::ostream& out, const Command& c) {
  out << "Usage: " << kProgram << " " << c.name << " [OPTIONS]" << (c.arguments.empty() ? "" : " ")
      << c.arguments << "\n\n"
      << c.details << "\n\nOptions:\n";
  printOptions(out, optionsOf(&c));
}

struct Parsed {
  const Command* command = nullptr;
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  bool version = false;
};

/// Splits args into the command, its options and positional arguments. Options may stand
/// before or after the command ("--name VALUE", "--name=VALUE", "-o VALUE"); those before it
/// are the global ones. Throws UsageError naming what is wrong.
Parsed parse(const std::vector<std::string>& args) {
  Parsed parsed;
  Poco::Util::OptionSet options = optionsOf(nullptr);
  auto processor = std::make_unique<Poco::Util::OptionProcessor>(options);
  processor->setUnixStyle(true);
  try {
    for (const std::string& arg : args) {
      if (arg == "--version" && parsed.command == nullptr) {
        parsed.version = true;
        continue;
      }
      std::string name;
      std::string value;
      if (processor->process(arg, name, value)) {
        if (!name.empty()) {
          if (parsed.options.count(name) > 0) throw UsageError("--" + name + " is given twice");
          parsed.options[name] = value;
        }
        continue;
      }
      if (parsed.command == nullptr && arg != "-") {
        parsed.command = findCommand(arg);
        if (parsed.command == nullptr) throw UsageError("unknown command \"" + arg + "\"");
        options = optionsOf(parsed.command);
        processor = std::make_unique<Poco::Util::OptionProcessor>(options);
        processor->setUnixStyle(true);
        continue;
      }
      parsed.positional.push_back(arg);
    }
    processor->checkRequired();
  } catch (const Poco::Util::UnknownOptionException& e) {
    throw UsageError("unknown option --" + e.message() +
                     (parsed.command ? " for " + parsed.command->name : std::string()));
  } catch (const Poco::Util::AmbiguousOptionException& e) {
    throw UsageError("option --" + e.message() + " is ambiguous: give more of its name");
  } catch (const Poco::Util::MissingArgumentException& e) {
    throw UsageError("option " + e.message() + ": it needs a value");
  } catch (const Poco::Util::UnexpectedArgumentException& e) {
    throw UsageError("option " + e.message() + ": it takes no value");
  } catch (const Poco::Util::OptionException& e) {
    throw UsageError(e.displayText());
  }
  return parsed;
}

Globals globalsOf(const std::map<std::string, std::string>& options) {
  Globals globals;
  if (const auto db = options.find("db"); db != options.end()) globals.database = db->second;
  if (const auto config = options.find("config"); config != options.end())
    globals.config = config->second;
  return globals;
}

}  // namespace

int run(const std::vector<std::string>& args, Host& host, std::istream& in, std::ostream& out,
        std::ostream& err) {
  Parsed parsed;
  try {
    parsed = parse(args);
  } catch (const UsageError& e) {
    err << kProgram << ": " << e.what() << "\nRun '" << kProgram << " --help' for usage.\n";
    return kExitError;
  }
  if (parsed.version) {
    out << "crossgrant " << CROSSGRANT_VERSION << "\n";
    return kExitOk;
  }
  const bool help = parsed.options.count("help") > 0;
  if (parsed.command == nullptr) {
    printGeneralHelp(help ? out : err);
    return help ? kExitOk : kExitError;
  }
  const Command& command = *parsed.command;
  if (command.name == "help") {
    if (parsed.positional.empty()) {
      printGeneralHelp(out);
      return kExitOk;
    }
    const Command* about = findCommand(parsed.positional.front());
    if (about == nullptr) {
      err << kProgram << ": unknown command \"" << parsed.positional.front() << "\"\n";
      return kExitError;
    }
    printCommandHelp(out, *about);
    return kExitOk;
  }
  if (help) {
    printCommandHelp(out, command);
    return kExitOk;
  }
  if (parsed.positional.size() < command.minArgs || parsed.positional.size() > command.maxArgs) {
    err << kProgram << " " << command.name << ": expected "
        << (command.arguments.empty() ? "no arguments" : command.arguments)
        << "\nUsage: " << kProgram << " " << command.name << " [OPTIONS] " << command.arguments
        << "\n";
    return kExitError;
  }
  Invocation invocation{
      command, host, globalsOf(parsed.options), parsed.positional, parsed.options, in, out, err};
  const std::string prefix = std::string(kProgram) + " " + command.name + ": ";
  try {
    return command.run(invocation);
  } catch (const UsageError& e) {
    err << prefix << e.what() << "\nRun '" << kProgram << " " << command.name
        << " --help' for usage.\n";
    return kExitError;
  } catch (const core::Error& e) {
    err << prefix << e.what() << "\n";
    return core::reportOf(e.kind()).exitStatus;
  } catch (const Poco::Exception& e) {
    err << prefix << e.displayText() << "\n";
  } catch (const std::exception& e) {
    err << prefix << e.what() << "\n";
  }
  return kExitError;
}

}  // namespace crossgrant::cli
