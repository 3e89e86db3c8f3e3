// Reading the audit trail, as the API, the command line and the audit-extract report do: a
// page of entries, all of them in batches, and the check of the chain; and setting up its key.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crossgrant/core/Access.h"
#include "crossgrant/core/Audit.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/store/AuditLog.h"

namespace crossgrant::app {

class Context;

/// Restricts filter to the days from (inclusive) to to (inclusive), each "YYYY-MM-DD" in UTC
/// and either absent. Throws core::InvalidInput at fromName / toName for anything else or a
/// from after to.
void setAuditPeriod(store::AuditFilter& filter, const std::optional<std::string>& from,
                    const std::optional<std::string>& to, const std::string& fromName,
                    const std::string& toName);

/// What AuditService::prepareKey did.
struct AuditKeySetup {
  bool createdKeyFile = false;           ///< the key file was missing and was created
  std::optional<core::AuditEntry> seal;  ///< the entry that sealed the entries before the key
};

class AuditService {
 public:
  explicit AuditService(Context& context) : context_(context) {}

  /// Restricts filter to the entries of the project that has this code now, or, when none has,
  /// to those of every project that had it (what only readers of every programme reach).
  void selectProject(store::AuditFilter& filter, const std::string& code);
  /// Restricts filter to the entries of the programme's projects, deleted ones included.
  /// core::NotFound for a missing programme.
  void selectProgramme(store::AuditFilter& filter, const std::string& code);

  /// The entries filter selects (at most filter.limit), in the order they were appended, from
  /// one snapshot.
  std::vector<core::AuditEntry> entries(const store::AuditFilter& filter);
  /// Every entry filter selects, in the order they were appended, read in batches from one
  /// snapshot and handed to sink. Returns how many.
  std::int64_t forEach(store::AuditFilter filter,
                       const std::function<void(const core::AuditEntry&)>& sink);
  /// Walks every chain from its first entry under the key; with exported, also requires each
  /// chain it names to still hold its head (store::verifyAudit). core::ConfigurationError for a
  /// missing key file, store::AuditKeyMismatch for the wrong one.
  store::AuditVerification verify(const std::optional<core::AuditHeads>& exported = std::nullopt);

  /// For `crossgrant migrate`: creates the key file (Settings::auditKeyFile) when it is
  /// missing and the database has no key bound yet, binds the key, and seals the entries
  /// appended before it with an entry by actor (store::sealAudit). A missing key file for a
  /// database that has one bound is core::ConfigurationError: a new key cannot take its place.
  AuditKeySetup prepareKey(const core::Actor& actor);
  /// Throws unless the key file holds the key the database's trail is chained with (or none is
  /// bound yet): for a server before it serves.
  void requireKey();

 private:
  Context& context_;
};

}  // namespace crossgrant::app
