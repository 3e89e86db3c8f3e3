#include <cstdint>
#include <optional>
#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditService.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Json.h"

namespace crossgrant::cli {
namespace {

std::string entries(std::int64_t count) {
  return std::to_string(count) + (count == 1 ? " entry" : " entries");
}

std::string chains(std::int64_t count) {
  return std::to_string(count) + (count == 1 ? " chain" : " chains");
}

// The heads exported earlier: --head FILE, read and checked before the database is opened.
std::optional<core::AuditHeads> exportedHeads(Invocation& inv) {
  if (!inv.has("head")) return std::nullopt;
  const std::string file = inv.option("head");
  try {
    return core::auditHeadsFromJson(core::Json::parse(readInput(file, inv.in)));
  } catch (const core::InvalidInput& e) {
    const core::ValidationError& error = e.errors().front();
    throw UsageError("--head " + file + " is not an exported audit head (`crossgrant audit head`)" +
                     (error.pointer.empty() ? "" : " at " + error.pointer) + ": " + error.message);
  }
}

int reportBreak(Invocation& inv, const store::AuditVerification& result) {
  inv.out << "audit trail broken at entry " << result.broken->sequence << " of chain "
          << core::auditChainName(result.broken->chain) << ": " << result.broken->message << "\n"
          << entries(result.checked) << " before it checked and intact\n";
  return 1;
}

int verify(Invocation& inv) {
  for (const char* option : {"project", "programme", "user", "action", "from", "to", "output"})
    if (inv.has(option)) throw UsageError("audit verify takes no --" + std::string(option));
  const std::optional<core::AuditHeads> exported = exportedHeads(inv);
  const store::AuditVerification result =
      app::AuditService(inv.open(DatabaseUse::kRead)).verify(exported);
  if (result.intact()) {
    inv.out << "audit trail intact: " << entries(result.checked) << " in " << chains(result.chains)
            << " checked";
    if (exported)
      inv.out << ", still holding the exported heads of " << chains(std::ssize(*exported));
    inv.out << "\n";
    return 0;
  }
  return reportBreak(inv, result);
}

int head(Invocation& inv) {
  for (const char* option : {"project", "programme", "user", "action", "from", "to", "head"})
    if (inv.has(option)) throw UsageError("audit head takes no --" + std::string(option));
  const store::AuditVerification result = app::AuditService(inv.open(DatabaseUse::kRead)).verify();
  if (!result.intact()) {
    inv.err << "not exporting the head of a broken trail\n";
    return reportBreak(inv, result);
  }
  const std::string text = core::auditHeadsToJson(result.heads).dump(true) + "\n";
  const std::string output = inv.option("output");
  if (output.empty() || output == "-") {
    inv.out << text;
    return 0;
  }
  writeFileAtomically(output, text);
  inv.err << "exported the heads of the audit trail's " << chains(result.chains) << " ("
          << entries(result.checked) << ") to " << output << "\n";
  return 0;
}

int exportEntries(Invocation& inv) {
  if (inv.has("project") && inv.has("programme"))
    throw UsageError("audit export takes --project or --programme, not both");
  store::AuditFilter filter;
  app::setAuditPeriod(filter, inv.has("from") ? std::optional(inv.option("from")) : std::nullopt,
                      inv.has("to") ? std::optional(inv.option("to")) : std::nullopt, "--from",
                      "--to");
  app::AuditService audit(inv.open(DatabaseUse::kRead));
  if (inv.has("user")) filter.user = inv.option("user");
  if (inv.has("action")) filter.action = inv.option("action");
  if (inv.has("project")) audit.selectProject(filter, inv.option("project"));
  if (inv.has("programme")) audit.selectProgramme(filter, inv.option("programme"));
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
  if (action == "head") return head(inv);
  throw UsageError("unknown audit command \"" + action + "\": expected verify, head or export");
}

}  // namespace

Command auditCommand() {
  return {
      "audit",
      "verify|head|export",
      1,
      1,
      "verify or export the audit trail",
      "The trail is one chain for the installation (users, logins, programmes, rules) and\n"
      "one for each project, which stays when the project is deleted.\n"
      "audit verify walks every chain from its first entry, checking each entry's MAC under\n"
      "the audit key (audit.key_file), and reports the first entry that was altered, removed\n"
      "or reordered; with --head FILE (written by audit head earlier) also any entry cut off\n"
      "the end of a chain since, or a chain removed. Exit status 0: intact; 1: broken;\n"
      "2: error (a missing or wrong key file).\n"
      "audit head verifies the trail and prints each chain's last sequence and MAC as JSON:\n"
      "keep it apart from the database to check later that nothing was cut off.\n"
      "audit export writes the entries in the order they were appended as JSON lines (one\n"
      "compact object per line: id, chain, sequence, at, user, role, client, action,\n"
      "object_type, object_key, project, project_identity, before, after, previous_hash,\n"
      "hash), all, those of one project (the one with the code now, or every one that had it\n"
      "when none has) or of one programme's projects, of one user or action, and of a period.\n"
      "Dates are UTC.",
      [](Poco::Util::OptionSet& options) {
        options.addOption(
            valueOption("project", "", "CODE", "export: only the entries of this project"));
        options.addOption(valueOption("programme", "", "CODE",
                                      "export: only the entries of this programme's projects"));
        options.addOption(valueOption("user", "", "NAME", "export: only the entries of this user"));
        options.addOption(valueOption("action", "", "ACTION",
                                      "export: only entries of this action (update, login, ...)"));
        options.addOption(valueOption("from", "", "DATE",
                                      "export: only entries on or after this day (YYYY-MM-DD)"));
        options.addOption(valueOption("to", "", "DATE",
                                      "export: only entries on or before this day (YYYY-MM-DD)"));
        options.addOption(valueOption("output", "o", "FILE",
                                      "export, head: write to FILE instead of standard output"));
        options.addOption(valueOption("head", "", "FILE",
                                      "verify: the trail must still hold these exported heads"));
      },
      execute};
}

}  // namespace crossgrant::cli
