#include <cstdint>
#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditService.h"

namespace crossgrant::cli {
namespace {

std::string entries(std::int64_t count) {
  return std::to_string(count) + (count == 1 ? " entry" : " entries");
}

int verify(Invocation& inv) {
  for (const char* option : {"project", "from", "to", "output"})
    if (inv.has(option)) throw UsageError("audit verify takes no --" + std::string(option));
  const store::AuditVerification result = app::AuditService(inv.open(DatabaseUse::kRead)).verify();
  if (result.intact()) {
    inv.out << "audit trail intact: " << entries(result.checked) << " checked\n";
    return 0;
  }
  inv.out << "audit trail broken at entry " << result.broken->sequence << ": "
          << result.broken->message << "\n"
          << entries(result.checked) << " before it checked and intact\n";
  return 1;
}

int exportEntries(Invocation& inv) {
  store::AuditFilter filter;
  if (inv.has("project")) filter.project = inv.option("project");
  app::setAuditPeriod(filter, inv.has("from") ? std::optional(inv.option("from")) : std::nullopt,
                      inv.has("to") ? std::optional(inv.option("to")) : std::nullopt, "--from",
                      "--to");
  app::AuditService audit(inv.open(DatabaseUse::kRead));
  const auto writeTo = [&](std::ostream& out) {
    return audit.forEach(filter, [&](const core::AuditEntry& entry) {
      out << core::auditEntryToJson(entry).dump(false) << '\n';
    });
  };
  const std::string output = inv.option("output");
  if (output.empty() || output == "-") {
    writeTo(inv.out);
    return 0;
  }
  std::int64_t written = 0;
  writeFileAtomically(output, [&](std::ostream& out) { written = writeTo(out); });
  inv.err << "exported " << entries(written) << " to " << output << "\n";
  return 0;
}

int execute(Invocation& inv) {
  const std::string& action = inv.positional.at(0);
  if (action == "verify") return verify(inv);
  if (action == "export") return exportEntries(inv);
  throw UsageError("unknown audit command \"" + action + "\": expected verify or export");
}

}  // namespace

Command auditCommand() {
  return {
      "audit",
      "verify|export",
      1,
      1,
      "verify or export the audit trail",
      "audit verify walks the hash chain from the first entry and reports the first entry that\n"
      "was altered, removed or reordered. Exit status 0: intact; 1: broken; 2: error.\n"
      "audit export writes the entries in order as JSON lines (one compact object per line:\n"
      "sequence, at, user, role, client, action, object_type, object_key, project, before,\n"
      "after, previous_hash, hash), all or those of one project and period. Dates are UTC.",
      [](Poco::Util::OptionSet& options) {
        options.addOption(
            valueOption("project", "", "CODE", "export: only the entries of this project"));
        options.addOption(valueOption("from", "", "DATE",
                                      "export: only entries on or after this day (YYYY-MM-DD)"));
        options.addOption(valueOption("to", "", "DATE",
                                      "export: only entries on or before this day (YYYY-MM-DD)"));
        options.addOption(
            valueOption("output", "o", "FILE", "export: write to FILE instead of standard output"));
      },
      execute};
}

}  // namespace crossgrant::cli
