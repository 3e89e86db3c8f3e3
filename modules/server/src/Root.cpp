#include "Root.h"

#include "ServeApp.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::server {

app::Context& Root::open(const cli::Globals& globals, cli::DatabaseUse use) {
  if (!configuration_) configuration_ = loadConfiguration(globals.config, globals.database);
  if (!context_) context_ = makeContext(*configuration_, use == cli::DatabaseUse::kMigrate);
  if (use != cli::DatabaseUse::kMigrate) {
    store::Database& db = context_->database();
    const int version = db.schemaVersion();
    const int latest = store::Database::latestSchemaVersion();
    if (version < latest)
      throw core::ConfigurationError("database " + db.displayUrl() + " is at schema version " +
                                     std::to_string(version) + "; this crossgrant needs " +
                                     std::to_string(latest) + ": run `crossgrant migrate` first");
    if (version > latest)
      throw core::ConfigurationError("database " + db.displayUrl() + " is at schema version " +
                                     std::to_string(version) + ", newer than this crossgrant (" +
                                     std::to_string(latest) + "): upgrade crossgrant");
  }
  return *context_;
}

int Root::serve(const cli::Globals& globals, const cli::ServeOptions& options, std::ostream& out) {
  if (!configuration_) configuration_ = loadConfiguration(globals.config, globals.database);
  if (options.host) configuration_->http.host = *options.host;
  if (options.port) configuration_->http.port = *options.port;
  app::Context& context = open(globals, cli::DatabaseUse::kWrite);
  return runServeApp(context, *configuration_, out);
}

}  // namespace crossgrant::server
