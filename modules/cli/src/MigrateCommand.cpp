#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"

namespace crossgrant::cli {
namespace {

int execute(Invocation& inv) {
  store::Database& db = inv.open(DatabaseUse::kMigrate).database();
  const int applied = db.migrate();
  inv.out << "database " << db.displayUrl() << ": schema version " << db.schemaVersion() << " ("
          << applied << " migration" << (applied == 1 ? "" : "s") << " applied)\n";
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
          "after installing a new crossgrant, before starting its servers.",
          nullptr,
          execute};
}

}  // namespace crossgrant::cli
