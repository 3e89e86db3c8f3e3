// What every command is made of: its name, arguments, help and options (Poco::Util options),
// and what it runs with: the parsed command line, the host, the streams. Shared helpers: the
// one usage-error type, the table printer, the atomic file writer.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "crossgrant/cli/Cli.h"

namespace crossgrant::cli {

/// A command-line mistake: printed with a pointer to the command's help, exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Invocation;

struct Command {
  std::string name;
  std::string arguments;  ///< for the usage line, e.g. "FILE"
  std::size_t minArgs = 0;
  std::size_t maxArgs = 0;
  std::string summary;
  std::string details;
  /// The command's own options (the global ones are added to every command).
  std::function<void(Poco::Util::OptionSet&)> options;
  std::function<int(Invocation&)> run;
};

struct Invocation {
  const Command& command;
  Host& host;
  Globals globals;
  std::vector<std::string> positional;
  /// Options given, by full name (without "--"): their value, "" for flags.
  std::map<std::string, std::string> options;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;

  bool has(const std::string& name) const { return options.count(name) > 0; }
  std::string option(const std::string& name, const std::string& fallback = {}) const;
  app::Context& open(DatabaseUse use) { return host.open(globals, use); }
};

/// An option taking a value: --name VALUE (or --name=VALUE); shortName may be "".
Poco::Util::Option valueOption(const std::string& name, const std::string& shortName,
                               const std::string& valueName, const std::string& help);
/// A flag: --name.
Poco::Util::Option flagOption(const std::string& name, const std::string& help);

/// Prints rows as left-aligned columns two spaces apart; widths count UTF-8 code points.
void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

/// Writes path whole or not at all: write fills a temporary file beside it, which then
/// replaces path; on any failure the temporary file is removed and path left as it was.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);
void writeFileAtomically(const std::string& path, const std::string& bytes);

/// The bytes of a file, or of standard input for "-". UsageError when it cannot be read.
std::string readInput(const std::string& path, std::istream& in);

}  // namespace crossgrant::cli
