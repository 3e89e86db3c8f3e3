// The crossgrant command line: global options, one subcommand per file, their help, and exit
// statuses (0 success, 1 findings for `check` or "no" for `verify` and `audit verify`, 2
// error). It reads no configuration itself: the Host (the composition root) opens the
// database and serves HTTP, given the global options.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace crossgrant::app {
class Context;
}

namespace crossgrant::cli {

/// The options every command takes.
struct Globals {
  std::optional<std::string> database;  ///< --db URL
  std::optional<std::string> config;    ///< --config FILE
};

/// What a command does with the database, which decides how it is opened.
enum class DatabaseUse {
  kRead,     ///< only reads: the database must exist (nothing is created) and be current
  kWrite,    ///< changes data: the database must exist and its schema be current
  kMigrate,  ///< changes the schema: created when missing
};

struct ServeOptions {
  std::optional<std::string> host;  ///< --host
  std::optional<int> port;          ///< --port, 0 to 65535
};

/// The composition root's side of the command line.
class Host {
 public:
  virtual ~Host() = default;
  /// The context over the configured database (--db, else CROSSGRANT_DB, else the
  /// configuration's). Throws core::Error kinds for what is wrong (configuration, database).
  virtual app::Context& open(const Globals& globals, DatabaseUse use) = 0;
  /// Serves HTTP until SIGINT or SIGTERM; prints the URL once listening. Returns the exit
  /// status.
  virtual int serve(const Globals& globals, const ServeOptions& options, std::ostream& out) = 0;
};

/// Runs one command line (args without the program name). Output to out, messages to err,
/// input (passwords, bundles from "-") from in.
int run(const std::vector<std::string>& args, Host& host, std::istream& in, std::ostream& out,
        std::ostream& err);

}  // namespace crossgrant::cli
