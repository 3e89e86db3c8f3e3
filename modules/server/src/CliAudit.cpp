#include "CliAudit.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>
#include <vector>

#include "AuditTrail.h"
#include "crossgrant/store/AuditLog.h"

namespace crossgrant::server {
namespace {

constexpr std::size_t kExportBatch = 1000;

std::string entries(std::int64_t count) {
  return std::to_string(count) + (count == 1 ? " entry" : " entries");
}

// Each batch is a transaction of its own, so that a long export does not hold off writers.
std::int64_t writeLines(store::Database& db, store::AuditFilter filter, std::ostream& out) {
  filter.limit = kExportBatch;
  std::int64_t written = 0;
  for (;;) {
    const std::vector<core::AuditEntry> batch =
        db.transaction([&](store::Connection& c) { return store::readAudit(c, filter); });
    for (const core::AuditEntry& entry : batch) {
      out << auditEntryJson(entry).dump(false) << '\n';
      ++written;
    }
    if (batch.size() < kExportBatch) return written;
    filter.afterSequence = batch.back().sequence;
  }
}

}  // namespace

int runAuditVerify(store::Database& db, std::ostream& out) {
  const store::AuditVerification result =
      db.transaction([](store::Connection& c) { return store::verifyAudit(c); });
  if (result.intact()) {
    out << "audit trail intact: " << entries(result.checked) << " checked\n";
    return 0;
  }
  out << "audit trail broken at entry " << result.broken->sequence << ": " << result.broken->message
      << "\n"
      << entries(result.checked) << " before it checked and intact\n";
  return 1;
}

int runAuditExport(store::Database& db, const AuditExportOptions& options, std::ostream& out,
                   std::ostream& err) {
  store::AuditFilter filter;
  if (options.project) filter.project = *options.project;
  setAuditPeriod(filter, options.from, options.to, "--from", "--to");
  if (options.output.empty() || options.output == "-") {
    writeLines(db, filter, out);
    return 0;
  }
  const std::string temporary = options.output + ".tmp";
  std::int64_t written = 0;
  try {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error("cannot write " + temporary);
    written = writeLines(db, filter, file);
    if (!file.flush()) throw std::runtime_error("cannot write " + temporary);
    file.close();
    std::filesystem::rename(temporary, options.output);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
  err << "exported " << entries(written) << " to " << options.output << "\n";
  return 0;
}

}  // namespace crossgrant::server
