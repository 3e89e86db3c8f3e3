#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditService.h"
#include "crossgrant/app/rules/RulesService.h"

namespace crossgrant::cli {
namespace {

int execute(Invocation& inv) {
  app::Context& context = inv.open(DatabaseUse::kMigrate);
  store::Database& db = context.database();
  const int applied = db.migrate();
  inv.out << "database " << db.displayUrl() << ": schema version " << db.schemaVersion() << " ("
          << applied << " migration" << (applied == 1 ? "" : "s") << " applied)\n";
  const app::AuditKeySetup audit =
      app::AuditService(context).prepareKey(app::Caller::commandLine().actor);
  if (audit.createdKeyFile)
    inv.out << "created the audit key file " << context.settings().auditKeyFile
            << " (mode 0600): back it up apart from the database\n";
  if (audit.seal)
    inv.out << "sealed the audit trail's " << audit.seal->sequence - 1
            << " earlier entries with the audit key (entry " << audit.seal->sequence << ")\n";
  app::RulesService rules(context, app::Caller::commandLine().actor);
  if (rules.recordIfNone())
    inv.out << "recorded the programme rules configured here (fingerprint "
            << core::rulesFingerprint(rules.configured()) << ")\n";
  return 0;
}

}  // namespace

Command migrateCommand() {
  return {"migrate",
          "",
          0,
          0,
          "create or upgrade the database schema",
          "Creates the database if it does not exist and applies every schema migration it does\n"
          "not have yet. Safe to run again. The only command that changes the schema: run it\n"
          "after installing a new crossgrant, before starting its servers. On a database that\n"
          "records no programme rules yet it records the rules configured here (see `crossgrant\n"
          "rules`). Creates the audit key file (audit.key_file, mode 0600) when it is missing and\n"
          "the database has no audit key yet, and seals the audit entries made before the key.",
          nullptr,
          execute};
}

}  // namespace crossgrant::cli
