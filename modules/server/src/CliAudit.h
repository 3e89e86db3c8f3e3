// The `crossgrant audit` subcommands: verify walks the hash chain, export writes entries as
// JSON lines. The command table and option parsing stay in Cli.cpp; these do the work and
// return the exit status.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "crossgrant/store/Database.h"

namespace crossgrant::server {

/// Prints "audit trail intact: N entries checked" and returns 0, or the first break (which
/// entry, what is wrong, how many entries before it are intact) and returns 1.
int runAuditVerify(store::Database& db, std::ostream& out);

struct AuditExportOptions {
  std::optional<std::string> project;  ///< only this project's entries
  std::optional<std::string> from;     ///< "YYYY-MM-DD" (UTC), inclusive
  std::optional<std::string> to;       ///< "YYYY-MM-DD" (UTC), inclusive
  std::string output;                  ///< a file, written whole or not at all; "" or "-": out
};

/// Writes the matching entries in sequence order, one compact JSON object per line (UTF-8
/// unescaped; the fields of AuditTrail.h's auditEntryJson) and returns 0. Reports how many it
/// wrote on err when writing a file. Throws core::InvalidInput for a malformed date.
int runAuditExport(store::Database& db, const AuditExportOptions& options, std::ostream& out,
                   std::ostream& err);

}  // namespace crossgrant::server
