// The composition root's reading of the configuration: crossgrant.properties (every key with
// its default in config/crossgrant.properties), the environment (CROSSGRANT_DB,
// CROSSGRANT_CONFIG) and the command line's global options, combined into the plain settings
// each layer gets. The only code that reads configuration.
#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Util/AbstractConfiguration.h>

#include <memory>
#include <optional>
#include <string>

#include "crossgrant/api/Route.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/http/Server.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::server {

struct Configuration {
  std::string file;             ///< the crossgrant.properties that was read
  std::string databaseUrl;      ///< --db, else CROSSGRANT_DB, else database.url
  std::string pluginDirectory;  ///< plugins.directory, resolved against the file
  std::string webDirectory;     ///< web.directory, resolved against the file: the interface
  /// The list of common passwords new passwords are checked against (auth.common_passwords,
  /// resolved against the file); "" checks the other rules only.
  std::string commonPasswordsFile;
  /// The connection pool (database.max_connections, acquire_timeout_ms, max_idle_seconds).
  store::PoolSettings pool;
  app::Settings app;
  http::ServerSettings http;
  api::ApiSettings api;
  /// The whole file, for the plugins' sections (plugins.<key>.*).
  Poco::AutoPtr<Poco::Util::AbstractConfiguration> properties;
};

/// Reads the configuration: file (else CROSSGRANT_CONFIG, else
/// ../config/crossgrant.properties beside the executable) and the database URL (databaseUrl,
/// else CROSSGRANT_DB, else database.url, else sqlite:var/crossgrant.db). Throws
/// core::ConfigurationError naming the file and key for what is missing or wrong.
Configuration loadConfiguration(const std::optional<std::string>& file,
                                const std::optional<std::string>& databaseUrl);

/// The database, the plugins and the password rules as configured, in a context for the use
/// cases. create: whether a missing SQLite database may be created (only for `migrate`):
/// otherwise store::DatabaseNotFound names it.
std::unique_ptr<app::Context> makeContext(const Configuration& configuration, bool create = true);

}  // namespace crossgrant::server
