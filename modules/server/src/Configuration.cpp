#include "crossgrant/server/Configuration.h"

#include <Poco/Exception.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crossgrant/core/Errors.h"
#include "crossgrant/plugin/PluginRegistry.h"

namespace crossgrant::server {
namespace {

namespace fs = std::filesystem;

fs::path executableDir() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::current_path() : self.parent_path();
}

std::string configPath(const std::optional<std::string>& given) {
  if (given) return *given;
  const char* env = std::getenv("CROSSGRANT_CONFIG");
  if (env != nullptr && *env) return env;
  return (executableDir() / ".." / "config" / "crossgrant.properties").lexically_normal().string();
}

std::string resolved(const fs::path& directory, const std::string& path) {
  if (path.empty()) return path;
  const fs::path given = path;
  return (given.is_absolute() ? given : directory / given).lexically_normal().string();
}

/// An integer key from lowest to highest.
int integerKey(const Poco::Util::AbstractConfiguration& config, const std::string& file,
               const std::string& key, int fallback, int lowest, int highest) {
  int value = fallback;
  try {
    value = config.getInt(key, fallback);
  } catch (const Poco::Exception&) {
    throw core::ConfigurationError(file + ": " + key + " must be an integer, not \"" +
                                   config.getString(key, "") + "\"");
  }
  if (value < lowest || value > highest)
    throw core::ConfigurationError(file + ": " + key + " must be from " + std::to_string(lowest) +
                                   " to " + std::to_string(highest) + ", not " +
                                   std::to_string(value));
  return value;
}

// Where the audit key is kept unless audit.key_file says: beside an SQLite database file
// (PATH.audit-key), else var/DB.audit-key for a MariaDB/MySQL database DB, relative to the
// working directory like database.url's default.
/// What crossgrant keeps beside a database by default (suffix ".audit-key", ".files"): beside an
/// SQLite file, or var/DB<suffix> for a MariaDB/MySQL database DB.
std::string besideDatabase(const std::string& databaseUrl, const std::string& suffix) {
  const std::string sqlite = "sqlite:";
  if (databaseUrl.rfind(sqlite, 0) == 0) return databaseUrl.substr(sqlite.size()) + suffix;
  std::string database = databaseUrl.substr(0, databaseUrl.find('?'));
  database = database.substr(database.find_last_of('/') + 1);
  return (fs::path("var") / ((database.empty() ? std::string("crossgrant") : database) + suffix))
      .string();
}

}  // namespace

Configuration loadConfiguration(const std::optional<std::string>& file,
                                const std::optional<std::string>& databaseUrl) {
  Configuration c;
  c.file = configPath(file);
  if (!fs::exists(c.file))
    throw core::ConfigurationError("configuration file " + c.file + " not found");
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> properties;
  try {
    properties = new Poco::Util::PropertyFileConfiguration(c.file);
  } catch (const Poco::Exception& e) {
    throw core::ConfigurationError("cannot read configuration file " + c.file + ": " +
                                   e.displayText());
  }
  c.properties = properties;
  const Poco::Util::AbstractConfiguration& config = *properties;
  const fs::path directory = fs::path(c.file).parent_path();

  const char* envDb = std::getenv("CROSSGRANT_DB");
  c.databaseUrl = databaseUrl ? *databaseUrl
                  : (envDb != nullptr && *envDb)
                      ? std::string(envDb)
                      : config.getString("database.url", "sqlite:var/crossgrant.db");
  c.pluginDirectory = resolved(directory, config.getString("plugins.directory", "../plugins"));
  c.webDirectory = resolved(directory, config.getString("web.directory", "../web"));
  c.commonPasswordsFile =
      resolved(directory, config.getString("auth.common_passwords", "common-passwords.txt"));

  c.pool.maxConnections =
      static_cast<std::size_t>(integerKey(config, c.file, "database.max_connections",
                                          static_cast<int>(c.pool.maxConnections), 1, 1000));
  c.pool.acquireTimeout = std::chrono::milliseconds(
      integerKey(config, c.file, "database.acquire_timeout_ms",
                 static_cast<int>(c.pool.acquireTimeout.count()), 1, 600'000));
  c.pool.maxIdle =
      std::chrono::seconds(integerKey(config, c.file, "database.max_idle_seconds",
                                      static_cast<int>(c.pool.maxIdle.count() / 1000), 1, 86'400));
  c.http.host = config.getString("http.host", c.http.host);
  c.http.port = integerKey(config, c.file, "http.port", c.http.port, 0, 65535);
  c.http.threads = integerKey(config, c.file, "http.threads", c.http.threads, 1, 1024);
  c.http.longThreads = integerKey(config, c.file, "http.long_threads", c.http.longThreads, 0, 1024);
  c.http.maxBodyBytes =
      static_cast<std::size_t>(config.getUInt64("http.max_body_bytes", c.http.maxBodyBytes));
  for (const std::string& proxy : Poco::StringTokenizer(
           config.getString("http.trusted_proxies", ""), ",",
           Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
    c.http.trustedProxies.push_back(proxy);
  c.api.secureCookies = config.getBool("http.secure_cookies", false);
  const auto seconds = [&](const std::string& key, std::chrono::milliseconds fallback) {
    return std::chrono::milliseconds(
        std::int64_t{1000} *
        integerKey(config, c.file, key, static_cast<int>(fallback.count() / 1000), 1, 3600));
  };
  c.http.headerTimeout = seconds("http.header_timeout_seconds", c.http.headerTimeout);
  c.http.bodyTimeout = seconds("http.body_timeout_seconds", c.http.bodyTimeout);
  c.http.keepAliveTimeout = seconds("http.keep_alive_timeout_seconds", c.http.keepAliveTimeout);
  c.http.maxConnections =
      integerKey(config, c.file, "http.max_connections", c.http.maxConnections, 1, 1'000'000);
  c.http.maxConnectionsPerAddress = integerKey(config, c.file, "http.max_connections_per_address",
                                               c.http.maxConnectionsPerAddress, 1, 1'000'000);

  const int idleMinutes =
      integerKey(config, c.file, "auth.session_idle_minutes", 30, 1, 7 * 24 * 60);
  const int absoluteHours =
      integerKey(config, c.file, "auth.session_absolute_hours", 12, 1, 24 * 366);
  c.app.sessionIdleSeconds = std::int64_t{idleMinutes} * 60;
  c.app.sessionAbsoluteSeconds = std::int64_t{absoluteHours} * 3600;
  c.app.loginFailuresPerAccount =
      integerKey(config, c.file, "auth.login_failures_per_account", 10, 1, 1000);
  c.app.loginWindowSeconds =
      std::int64_t{integerKey(config, c.file, "auth.login_window_minutes", 15, 1, 24 * 60)} * 60;
  c.app.deviceCookieSeconds =
      std::int64_t{integerKey(config, c.file, "auth.device_cookie_days", 180, 1, 3660)} * 86'400;
  c.app.throttleMaxRows =
      integerKey(config, c.file, "auth.throttle_max_rows", 100'000, 1'000, 100'000'000);
  const std::string keyFile = config.getString("audit.key_file", "");
  c.app.auditKeyFile =
      keyFile.empty() ? besideDatabase(c.databaseUrl, ".audit-key") : resolved(directory, keyFile);
  const std::string files = config.getString("files.directory", "");
  c.app.evidenceDirectory =
      files.empty() ? besideDatabase(c.databaseUrl, ".files") : resolved(directory, files);
  c.app.maxEvidenceBytes =
      std::int64_t{1024} * 1024 * integerKey(config, c.file, "files.max_mib", 20, 1, 1024);
  c.app.labelsDirectory =
      resolved(directory, config.getString("reports.directory", "../reports") + "/i18n");
  return c;
}

std::unique_ptr<app::Context> makeContext(const Configuration& configuration, bool create) {
  core::PasswordPolicy passwords;
  if (!configuration.commonPasswordsFile.empty()) {
    std::ifstream in(configuration.commonPasswordsFile, std::ios::binary);
    if (!in)
      throw core::ConfigurationError("cannot read the list of common passwords " +
                                     configuration.commonPasswordsFile +
                                     " (auth.common_passwords)");
    std::ostringstream text;
    text << in.rdbuf();
    passwords = core::PasswordPolicy::withCommonList(text.str());
  }
  store::PoolSettings pool = configuration.pool;
  pool.create = create;
  auto plugins = std::make_unique<plugin::PluginRegistry>(configuration.pluginDirectory,
                                                          *configuration.properties);
  return std::make_unique<app::Context>(configuration.app,
                                        store::Database::open(configuration.databaseUrl, pool),
                                        std::move(plugins), std::move(passwords));
}

}  // namespace crossgrant::server
