// Database::schemaStatus and requireCurrentSchema: the check a server makes before it serves.
#include <string>
#include <utility>

#include "Migrations.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

SchemaStatus Database::schemaStatus() {
  return read([](Reader& reader) { return Migrations::status(reader, Migrations::all()); });
}

void Database::requireCurrentSchema() {
  SchemaStatus status = schemaStatus();
  if (status.current()) return;
  const std::string database = "database " + displayUrl();
  const std::string applied = std::to_string(status.appliedVersion);
  const std::string latest = std::to_string(status.latestVersion);
  std::string message;
  if (!status.changed.empty()) {
    message = database + ": " + Migrations::describe(status.changed.front()) +
              "; run a crossgrant whose migrations match the database's";
  } else if (status.appliedVersion > status.latestVersion) {
    message = database + " is at schema version " + applied + ", newer than this crossgrant (" +
              latest + "): upgrade crossgrant";
  } else {
    message = database + " is at schema version " + applied + "; this crossgrant needs " + latest +
              ": run `crossgrant migrate`";
  }
  throw SchemaMismatch(message, std::move(status));
}

}  // namespace crossgrant::store
