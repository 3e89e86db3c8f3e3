// Reading the audit trail, as the API, the command line and the audit-extract report do: a
// page of entries, all of them in batches, and the check of the hash chain.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crossgrant/core/Audit.h"
#include "crossgrant/store/AuditLog.h"

namespace crossgrant::app {

class Context;

/// Restricts filter to the days from (inclusive) to to (inclusive), each "YYYY-MM-DD" in UTC
/// and either absent. Throws core::InvalidInput at fromName / toName for anything else or a
/// from after to.
void setAuditPeriod(store::AuditFilter& filter, const std::optional<std::string>& from,
                    const std::optional<std::string>& to, const std::string& fromName,
                    const std::string& toName);

class AuditService {
 public:
  explicit AuditService(Context& context) : context_(context) {}

  /// The entries filter selects (at most filter.limit), in sequence order, from one snapshot.
  std::vector<core::AuditEntry> entries(const store::AuditFilter& filter);
  /// Every entry filter selects, in sequence order, handed to sink in batches, each read in a
  /// unit of its own so that a long export does not hold off writers. Returns how many.
  std::int64_t forEach(store::AuditFilter filter,
                       const std::function<void(const core::AuditEntry&)>& sink);
  /// Walks the hash chain from the first entry.
  store::AuditVerification verify();

 private:
  Context& context_;
};

}  // namespace crossgrant::app
