// The schema's versioned migrations, kept in code. Migration 1 creates the logical schema,
// the same tables, columns and keys on SQLite and on MySQL/MariaDB (InnoDB, utf8mb4,
// utf8mb4_bin); migration 3 the audit trail (audit_log, and audit_head with its one row).
// Applied versions are recorded in schema_migrations(version, applied_at).
#pragma once

#include "Session.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

class Migrations {
 public:
  /// The highest version this build knows.
  static int latestVersion();
  /// The highest version recorded in the database; 0 when none is (no schema_migrations).
  static int currentVersion(Reader& reader);
  /// Applies every migration not yet recorded, each in its own transaction, and returns how
  /// many it applied. Safe to run concurrently from several processes: on SQLite each runs
  /// inside BEGIN IMMEDIATE; on MySQL/MariaDB, whose DDL commits implicitly, all run under
  /// a named lock (GET_LOCK) per database and every statement is idempotent (IF NOT EXISTS),
  /// so a run cut short is completed by the next one. Must be called outside a transaction.
  static int apply(detail::Session& session);
};

}  // namespace crossgrant::store
