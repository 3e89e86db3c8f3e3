// What one crossgrant process works with: its configuration, the database and the loaded
// plugins. Built once at start-up by the CLI; shared read-only by every request thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "crossgrant/plugin/PluginRegistry.h"
#include "crossgrant/store/Database.h"

namespace Poco::Util {
class AbstractConfiguration;
}

namespace crossgrant::server {

/// Settings after configuration file, environment and command line were combined.
struct Settings {
  std::string configFile;       ///< the crossgrant.properties that was read
  std::string databaseUrl;      ///< --db, else CROSSGRANT_DB, else database.url
  std::string pluginDirectory;  ///< plugins.directory, resolved against the config file
  std::string httpHost = "127.0.0.1";
  int httpPort = 8080;
  int httpThreads = 16;
  std::size_t maxBodyBytes = 10 * 1024 * 1024;
};

class AppContext {
 public:
  /// Opens the database and loads the plugins named by settings. Throws on failure.
  AppContext(Settings settings, const Poco::Util::AbstractConfiguration& config);
  ~AppContext();

  const Settings& settings() const { return settings_; }
  store::Database& database() { return *database_; }
  const plugin::PluginRegistry& plugins() const { return *plugins_; }

 private:
  Settings settings_;
  std::unique_ptr<plugin::PluginRegistry> plugins_;
  std::unique_ptr<store::Database> database_;
};

}  // namespace crossgrant::server
