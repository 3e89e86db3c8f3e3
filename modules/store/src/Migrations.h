// The schema's versioned migrations, kept in code as lists of steps over schema descriptions
// (Schema.h): migration 1 creates the projects' tables, 2 the users', 3 the audit trail, 4 the
// submitted reports, 5 the recorded programme rules and each submitted report's rules
// fingerprint, 7 the id of the audit trail's key. The current schema, from which the repositories
// read their limits, is what these steps build.
//
// Bookkeeping: schema_migrations(version, applied_at, name, checksum) holds every applied
// migration with the checksum of its steps; schema_migration_steps(version, step, checksum,
// applied_at) every step done (step counts from 0; messages count from 1), so that a migration
// cut short resumes where it stopped.
// A database whose schema_migrations lacks name and checksum (made before checksums) gets
// the columns, and its applied versions their checksums, on the next apply.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "Schema.h"
#include "Session.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

struct Migration {
  int version = 0;
  std::string name;  ///< for messages: "audit trail"
  std::vector<schema::Step> steps;
};

class Migrations {
 public:
  /// This build's migrations, versions 1, 2, ... in order.
  static const std::vector<Migration>& all();
  /// The highest version this build knows.
  static int latestVersion();
  /// The tables, columns and keys that all() builds.
  static const schema::Schema& current();

  /// The checksum of a step, and of a migration (of its steps' canonical text in order):
  /// SHA-256 in lower-case hex, the same on every backend.
  static std::string checksum(const schema::Step& step);
  static std::string checksum(const Migration& migration);

  /// "migration 3 (audit trail) was changed after it was applied: recorded checksum
  /// ab12…, this build has cd34…" (the checksums cut to 12 digits).
  static std::string describe(const ChangedMigration& change);

  /// The highest version recorded in the database; 0 when none is (no schema_migrations).
  static int currentVersion(Reader& reader);
  /// The database's state against `migrations` (ascending versions); reads only.
  static SchemaStatus status(Reader& reader, const std::vector<Migration>& migrations);

  /// Applies every migration of `migrations` (ascending versions) not yet recorded and returns
  /// how many this call completed. Each step runs and is recorded on its own: on SQLite in one
  /// BEGIN IMMEDIATE transaction with its record; on MySQL/MariaDB, whose DDL commits
  /// implicitly, as guarded statements (IF NOT EXISTS, INSERT IGNORE) followed by its record,
  /// all under a named lock (GET_LOCK) per database. A run cut short, or failing at a step, is
  /// resumed by the next at the first step not recorded, without running the earlier ones
  /// again. Safe to run concurrently from several processes. Throws SchemaMismatch before
  /// applying anything when a recorded migration or step has another checksum than this
  /// build's, or the database has a version newer than the last of `migrations`. Must be
  /// called outside a transaction.
  static int apply(detail::Session& session, const std::vector<Migration>& migrations);
  static int apply(detail::Session& session) { return apply(session, all()); }
};

/// The limit of a column of the current schema; throws std::logic_error for a table or
/// column it does not have, or a column that holds no text.
schema::TextLimit columnLimit(std::string_view table, std::string_view column);

}  // namespace crossgrant::store
