// What one crossgrant process works with: its configuration, the database and the loaded
// plugins. Built once at start-up by the CLI; shared read-only by every request thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "crossgrant/core/PasswordPolicy.h"

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
  /// Sessions end after this long without a request (auth.session_idle_minutes) ...
  std::int64_t sessionIdleSeconds = 30 * 60;
  /// ... and this long after login, whatever the activity (auth.session_absolute_hours).
  std::int64_t sessionAbsoluteSeconds = 12 * 60 * 60;
  /// Session cookies carry Secure (http.secure_cookies); they do anyway over TLS.
  bool secureCookies = false;
  /// Peers (load balancers, reverse proxies) whose X-Forwarded-For names the client
  /// (http.trusted_proxies); the client of any other peer is the peer itself.
  std::vector<std::string> trustedProxies;
  /// The list of common passwords new passwords are checked against (auth.common_passwords,
  /// resolved against the configuration file); "" checks the other rules only.
  std::string commonPasswordsFile;
};

class AppContext {
 public:
  /// Opens the database and loads the plugins named by settings. Throws on failure.
  AppContext(Settings settings, const Poco::Util::AbstractConfiguration& config);
  ~AppContext();

  const Settings& settings() const { return settings_; }
  store::Database& database() { return *database_; }
  const plugin::PluginRegistry& plugins() const { return *plugins_; }
  /// The rules new passwords must meet, with the list of settings.commonPasswordsFile.
  const core::PasswordPolicy& passwordPolicy() const { return passwordPolicy_; }

  /// Milliseconds since the Unix epoch (UTC): the time sessions and login throttling go by.
  std::int64_t nowMillis() const { return clock_(); }
  /// Replaces that clock (tests); only before requests are served.
  void setClock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }

 private:
  Settings settings_;
  std::unique_ptr<plugin::PluginRegistry> plugins_;
  std::unique_ptr<store::Database> database_;
  core::PasswordPolicy passwordPolicy_;
  std::function<std::int64_t()> clock_;
};

}  // namespace crossgrant::server
