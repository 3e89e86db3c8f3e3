#include "Commands.h"
#include "crossgrant/core/Text.h"

namespace crossgrant::cli {
namespace {

int execute(Invocation& inv) {
  ServeOptions options;
  if (inv.has("host")) options.host = inv.option("host");
  if (inv.has("port")) {
    const std::string text = inv.option("port");
    const auto port = core::parseInteger(text, 0, 65535);
    if (!port || text.front() == '-')
      throw UsageError("--port must be a port number from 0 to 65535 (0: any free port), not \"" +
                       text + "\"");
    options.port = static_cast<int>(*port);
  }
  return inv.host.serve(inv.globals, options, inv.out);
}

}  // namespace

Command serveCommand() {
  return {"serve",
          "",
          0,
          0,
          "run the HTTP server",
          "Loads the plugins and serves the HTTP API (/api/v1, /health) until SIGINT or SIGTERM.\n"
          "The database's schema must be the one this crossgrant needs (run `crossgrant "
          "migrate`\nfirst), and its recorded programme rules the ones configured here: on a "
          "database that\n"
          "records none it records them; when they differ it names the difference and exits 2\n"
          "without listening (`crossgrant rules update` records this configuration). Other\n"
          "commands work with the rules configured where they run.",
          [](Poco::Util::OptionSet& options) {
            options.addOption(valueOption("host", "", "HOST",
                                          "address to listen on (default: http.host, 127.0.0.1)"));
            options.addOption(
                valueOption("port", "", "PORT",
                            "port to listen on, 0 for any free one (default: http.port, 8080)"));
          },
          execute};
}

}  // namespace crossgrant::cli
