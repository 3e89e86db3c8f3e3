// What the use cases work with: the database, the loaded programme-rules plugins, the password
// rules and plain settings. Built once by the composition root, which alone reads
// configuration; shared by every request thread (read-only after start-up, but for the clock
// that tests may set before serving).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/PasswordPolicy.h"
#include "crossgrant/core/ProgrammeRules.h"
#include "crossgrant/plugin/PluginRegistry.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::app {

struct Settings {
  /// Sessions end after this long without a request ...
  std::int64_t sessionIdleSeconds = 30 * 60;
  /// ... and this long after login, whatever the activity.
  std::int64_t sessionAbsoluteSeconds = 12 * 60 * 60;
  /// At most this many failed logins per account in a window, from clients without a device
  /// cookie of the account (whatever their addresses), and per device cookie ...
  std::int64_t loginFailuresPerAccount = 10;
  /// ... in a window of this length, which starts at its first counted failure.
  std::int64_t loginWindowSeconds = 15 * 60;
  /// How long a device cookie, issued at every successful login without a valid one, lasts.
  std::int64_t deviceCookieSeconds = 180 * 24 * 60 * 60;
  /// The most rows the login throttle keeps; beyond, the oldest (by their last counted
  /// attempt) are pruned.
  std::int64_t throttleMaxRows = 100'000;
  /// Where the reports' translations are (en.properties, lv.properties, lt.properties).
  std::string labelsDirectory;
  /// The file holding the key the audit trail is chained with (audit/AuditKeyFile.h), kept
  /// outside the database.
  std::string auditKeyFile;
  /// Where evidence files are kept (workplan/EvidenceService.h), outside any served directory,
  /// and the most bytes one may have.
  std::string evidenceDirectory;
  std::int64_t maxEvidenceBytes = 20 * 1024 * 1024;
};

class Context {
 public:
  Context(Settings settings, std::unique_ptr<store::Database> database,
          std::unique_ptr<plugin::PluginRegistry> plugins, core::PasswordPolicy passwordPolicy);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const Settings& settings() const { return settings_; }
  store::Database& database() { return *database_; }
  const plugin::PluginRegistry& plugins() const { return *plugins_; }
  /// The rules a programme's plugin gives; core::InvalidInput at /programme/rules if no
  /// plugin has that key.
  const core::ProgrammeRules& rules(const std::string& rulesKey) const;
  /// The audit trail's key, read from settings().auditKeyFile the first time it is needed.
  /// Throws core::ConfigurationError, naming the file, when it is missing or holds no key.
  const core::AuditKey& auditKey();
  /// The rules new passwords must meet.
  const core::PasswordPolicy& passwordPolicy() const { return passwordPolicy_; }

  /// Milliseconds since the Unix epoch (UTC): the time sessions, throttling and audit go by.
  std::int64_t nowMillis() const { return clock_(); }
  /// Replaces that clock (tests); only before requests are served.
  void setClock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }

 private:
  Settings settings_;
  std::unique_ptr<plugin::PluginRegistry> plugins_;
  std::unique_ptr<store::Database> database_;
  core::PasswordPolicy passwordPolicy_;
  std::function<std::int64_t()> clock_;
  std::mutex auditKeyMutex_;
  std::optional<core::AuditKey> auditKey_;
};

}  // namespace crossgrant::app
