#include "Root.h"

#include "ServeApp.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/audit/AuditService.h"
#include "crossgrant/app/rules/RulesService.h"

namespace crossgrant::server {

app::Context& Root::open(const cli::Globals& globals, cli::DatabaseUse use) {
  if (!configuration_) configuration_ = loadConfiguration(globals.config, globals.database);
  if (!context_) context_ = makeContext(*configuration_, use == cli::DatabaseUse::kMigrate);
  // Only migrate changes the schema; every other command works on the schema this build
  // knows, and none of them creates a database.
  if (use != cli::DatabaseUse::kMigrate) context_->database().requireCurrentSchema();
  return *context_;
}

int Root::serve(const cli::Globals& globals, const cli::ServeOptions& options, std::ostream& out) {
  if (!configuration_) configuration_ = loadConfiguration(globals.config, globals.database);
  if (options.host) configuration_->http.host = *options.host;
  if (options.port) configuration_->http.port = *options.port;
  app::Context& context = open(globals, cli::DatabaseUse::kWrite);
  // Every server on a database computes with the rules it records: the first to start on a
  // database without any records them, and one configured otherwise does not listen.
  // A server that could not chain entries under the trail's key does not listen.
  app::AuditService(context).requireKey();
  app::RulesService(context, app::Caller::commandLine().actor).requireRecorded();
  return runServeApp(context, *configuration_, out);
}

}  // namespace crossgrant::server
