#include "Migrations.h"

#include "Session.h"

#include <ctime>
#include <string>
#include <vector>

namespace crossgrant::store {

using detail::Session;
using detail::UnitKind;

namespace {

constexpr int kLockTimeoutSeconds = 60;

struct Dialect {
  bool mysql;
  std::string id;       ///< an auto-increment BIGINT primary key
  std::string options;  ///< appended to CREATE TABLE
};

Dialect dialectOf(const Reader& connection) {
  if (connection.backend() == "mysql")
    return {true, "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY",
            " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"};
  return {false, "INTEGER PRIMARY KEY AUTOINCREMENT", ""};
}

std::string migrationsTable(const Dialect& d) {
  return "CREATE TABLE IF NOT EXISTS schema_migrations ("
         "version INTEGER NOT NULL PRIMARY KEY, "
         "applied_at CHAR(20) NOT NULL)" +
         d.options;
}

// Money is BIGINT cents, dates CHAR(10) 'YYYY-MM-DD', booleans SMALLINT 0/1, enumerations
// their names as the core spells them. Order is kept in position columns.
std::vector<std::string> schemaVersion1(const Dialect& d) {
  std::vector<std::string> s;
  s.push_back(
      "CREATE TABLE IF NOT EXISTS programmes ("
      "id " +
      d.id +
      ", "
      "code VARCHAR(100) NOT NULL, "
      "name TEXT NOT NULL, "
      "rules VARCHAR(100) NOT NULL, "
      "fund VARCHAR(200) NOT NULL, "
      "version BIGINT NOT NULL DEFAULT 1, "
      "CONSTRAINT uq_programmes_code UNIQUE (code))" +
      d.options);
  s.push_back(
      "CREATE TABLE IF NOT EXISTS projects ("
      "id " +
      d.id +
      ", "
      "programme_id BIGINT NOT NULL, "
      "code VARCHAR(100) NOT NULL, "
      "acronym TEXT NOT NULL, "
      "start_date CHAR(10) NOT NULL, "
      "end_date CHAR(10) NOT NULL, "
      "currency CHAR(3) NOT NULL, "
      "approved_total BIGINT NULL, "
      "approved_fund BIGINT NULL, "
      "version BIGINT NOT NULL DEFAULT 1, "
      "CONSTRAINT uq_projects_code UNIQUE (code), "
      "CONSTRAINT fk_projects_programme FOREIGN KEY (programme_id) "
      "REFERENCES programmes (id))" +
      d.options);
  // InnoDB indexes a foreign key by itself; SQLite needs the index spelt out.
  if (!d.mysql)
    s.push_back("CREATE INDEX IF NOT EXISTS ix_projects_programme ON projects (programme_id)");
  s.push_back(
      "CREATE TABLE IF NOT EXISTS project_titles ("
      "project_id BIGINT NOT NULL, "
      "position INTEGER NOT NULL, "
      "lang VARCHAR(20) NOT NULL, "
      "title TEXT NOT NULL, "
      "PRIMARY KEY (project_id, position), "
      "CONSTRAINT uq_project_titles_lang UNIQUE (project_id, lang), "
      "CONSTRAINT fk_project_titles_project FOREIGN KEY (project_id) "
      "REFERENCES projects (id) ON DELETE CASCADE)" +
      d.options);
  s.push_back(
      "CREATE TABLE IF NOT EXISTS periods ("
      "project_id BIGINT NOT NULL, "
      "position INTEGER NOT NULL, "
      "number INTEGER NOT NULL, "
      "start_date CHAR(10) NOT NULL, "
      "end_date CHAR(10) NOT NULL, "
      "PRIMARY KEY (project_id, position), "
      "CONSTRAINT uq_periods_number UNIQUE (project_id, number), "
      "CONSTRAINT fk_periods_project FOREIGN KEY (project_id) "
      "REFERENCES projects (id) ON DELETE CASCADE)" +
      d.options);
  s.push_back(
      "CREATE TABLE IF NOT EXISTS partners ("
      "id " +
      d.id +
      ", "
      "project_id BIGINT NOT NULL, "
      "position BIGINT NOT NULL, "
      "code VARCHAR(100) NOT NULL, "
      "role VARCHAR(20) NOT NULL, "
      "name TEXT NOT NULL, "
      "country VARCHAR(10) NOT NULL, "
      "legal_status VARCHAR(30) NOT NULL, "
      "vat_recoverable SMALLINT NOT NULL, "
      "total BIGINT NOT NULL, "
      "version BIGINT NOT NULL DEFAULT 1, "
      "CONSTRAINT uq_partners_code UNIQUE (project_id, code), "
      "CONSTRAINT ck_partners_role CHECK (role IN ('lead', 'partner')), "
      "CONSTRAINT ck_partners_legal_status CHECK (legal_status IN "
      "('public', 'public_equivalent', 'private', 'ngo')), "
      "CONSTRAINT ck_partners_vat CHECK (vat_recoverable IN (0, 1)), "
      "CONSTRAINT fk_partners_project FOREIGN KEY (project_id) "
      "REFERENCES projects (id) ON DELETE CASCADE)" +
      d.options);
  // Not unique: two partners appended at once may share a position; id breaks the tie.
  s.push_back("CREATE INDEX IF NOT EXISTS ix_partners_order ON partners (project_id, position)");
  s.push_back(
      "CREATE TABLE IF NOT EXISTS budget_lines ("
      "partner_id BIGINT NOT NULL, "
      "position INTEGER NOT NULL, "
      "category VARCHAR(100) NOT NULL, "
      "amount BIGINT NOT NULL, "
      "PRIMARY KEY (partner_id, position), "
      "CONSTRAINT fk_budget_lines_partner FOREIGN KEY (partner_id) "
      "REFERENCES partners (id) ON DELETE CASCADE)" +
      d.options);
  s.push_back(
      "CREATE TABLE IF NOT EXISTS cofinancing ("
      "partner_id BIGINT NOT NULL, "
      "position INTEGER NOT NULL, "
      "source TEXT NOT NULL, "
      "contribution_type VARCHAR(20) NOT NULL, "
      "amount BIGINT NOT NULL, "
      "PRIMARY KEY (partner_id, position), "
      "CONSTRAINT ck_cofinancing_type CHECK (contribution_type IN "
      "('fund', 'public', 'automatic_public', 'private')), "
      "CONSTRAINT fk_cofinancing_partner FOREIGN KEY (partner_id) "
      "REFERENCES partners (id) ON DELETE CASCADE)" +
      d.options);
  return s;
}

// Users, their role grants, sessions and login throttling (UserRepository.h). Times of users
// are UTC text like the audit trail's; those of sessions and throttling, compared on every
// request, are BIGINT milliseconds since the Unix epoch. Grant scope columns are '' when a
// role does not use them, so that one UNIQUE key covers every grant on both backends.
std::vector<std::string> schemaVersion2(const Dialect& d) {
  std::vector<std::string> s;
  s.push_back(
      "CREATE TABLE IF NOT EXISTS users ("
      "id " +
      d.id +
      ", "
      "name VARCHAR(100) NOT NULL, "
      "display_name TEXT NOT NULL, "
      "password_hash VARCHAR(255) NOT NULL, "
      "created_at CHAR(24) NOT NULL, "
      "changed_at CHAR(24) NOT NULL, "
      "disabled SMALLINT NOT NULL DEFAULT 0, "
      "version BIGINT NOT NULL DEFAULT 1, "
      "CONSTRAINT uq_users_name UNIQUE (name), "
      "CONSTRAINT ck_users_disabled CHECK (disabled IN (0, 1)))" +
      d.options);
  s.push_back(
      "CREATE TABLE IF NOT EXISTS role_grants ("
      "id " +
      d.id +
      ", "
      "user_id BIGINT NOT NULL, "
      "role VARCHAR(20) NOT NULL, "
      "programme VARCHAR(100) NOT NULL DEFAULT '', "
      "project VARCHAR(100) NOT NULL DEFAULT '', "
      "partner VARCHAR(100) NOT NULL DEFAULT '', "
      "CONSTRAINT uq_role_grants UNIQUE (user_id, role, programme, project, partner), "
      "CONSTRAINT ck_role_grants_role CHECK (role IN "
      "('admin', 'programme', 'lead', 'partner', 'controller', 'auditor')), "
      "CONSTRAINT fk_role_grants_user FOREIGN KEY (user_id) "
      "REFERENCES users (id) ON DELETE CASCADE)" +
      d.options);
  s.push_back(
      "CREATE TABLE IF NOT EXISTS sessions ("
      "id " +
      d.id +
      ", "
      "token_hash CHAR(64) NOT NULL, "
      "csrf_hash CHAR(64) NOT NULL, "
      "user_id BIGINT NOT NULL, "
      "created_at BIGINT NOT NULL, "
      "last_seen_at BIGINT NOT NULL, "
      "expires_at BIGINT NOT NULL, "
      "client_address VARCHAR(100) NOT NULL, "
      "user_agent TEXT NOT NULL, "
      "CONSTRAINT uq_sessions_token UNIQUE (token_hash), "
      "CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) "
      "REFERENCES users (id) ON DELETE CASCADE)" +
      d.options);
  if (!d.mysql) s.push_back("CREATE INDEX IF NOT EXISTS ix_sessions_user ON sessions (user_id)");
  s.push_back("CREATE INDEX IF NOT EXISTS ix_sessions_expiry ON sessions (expires_at)");
  s.push_back(
      "CREATE TABLE IF NOT EXISTS login_throttle ("
      "throttle_key VARCHAR(300) NOT NULL PRIMARY KEY, "
      "failures BIGINT NOT NULL, "
      "last_failure_at BIGINT NOT NULL, "
      "blocked_until BIGINT NOT NULL)" +
      d.options);
  return s;
}

// The audit trail (AuditLog.h): append-only entries keyed by their sequence, which
// appendAudit assigns (no auto-increment), and audit_head, one row holding the last sequence
// and hash, which every append updates first so that appends serialize.
std::vector<std::string> schemaVersion3(const Dialect& d) {
  const std::string json = d.mysql ? "LONGTEXT" : "TEXT";
  std::vector<std::string> s;
  s.push_back(
      "CREATE TABLE IF NOT EXISTS audit_log ("
      "sequence BIGINT NOT NULL PRIMARY KEY, "
      "at CHAR(24) NOT NULL, "
      "user_name TEXT NOT NULL, "
      "role TEXT NOT NULL, "
      "client TEXT NOT NULL, "
      "action TEXT NOT NULL, "
      "object_type TEXT NOT NULL, "
      "object_key TEXT NOT NULL, "
      "project VARCHAR(100) NOT NULL, "
      "before_json " +
      json +
      " NULL, "
      "after_json " +
      json +
      " NULL, "
      "previous_hash CHAR(64) NOT NULL, "
      "hash CHAR(64) NOT NULL)" +
      d.options);
  s.push_back("CREATE INDEX IF NOT EXISTS ix_audit_log_project ON audit_log (project, sequence)");
  s.push_back("CREATE INDEX IF NOT EXISTS ix_audit_log_at ON audit_log (at)");
  s.push_back(
      "CREATE TABLE IF NOT EXISTS audit_head ("
      "id INTEGER NOT NULL PRIMARY KEY, "
      "last_sequence BIGINT NOT NULL, "
      "last_hash CHAR(64) NOT NULL, "
      "CONSTRAINT ck_audit_head_single CHECK (id = 1))" +
      d.options);
  s.push_back(std::string(d.mysql ? "INSERT IGNORE" : "INSERT OR IGNORE") +
              " INTO audit_head (id, last_sequence, last_hash) VALUES (1, 0, '" +
              std::string(64, '0') + "')");
  return s;
}

// Submitted reports (ReportRepository.h): the PDF exactly as submitted, with its SHA-256, never
// updated. The project is its code, not a foreign key: a submitted report stays a fact even
// when its project is deleted. partner is '' for reports on the whole project.
std::vector<std::string> schemaVersion4(const Dialect& d) {
  std::vector<std::string> s;
  s.push_back(
      "CREATE TABLE IF NOT EXISTS submitted_reports ("
      "id " +
      d.id +
      ", "
      "project VARCHAR(100) NOT NULL, "
      "kind VARCHAR(20) NOT NULL, "
      "period INTEGER NULL, "
      "partner VARCHAR(100) NOT NULL, "
      "language VARCHAR(5) NOT NULL, "
      "file_name VARCHAR(255) NOT NULL, "
      "sha256 CHAR(64) NOT NULL, "
      "pdf " +
      std::string(d.mysql ? "LONGBLOB" : "BLOB") +
      " NOT NULL, "
      "size BIGINT NOT NULL, "
      "submitted_at CHAR(24) NOT NULL, "
      "submitted_by VARCHAR(255) NOT NULL, "
      "CONSTRAINT ck_submitted_reports_kind CHECK (kind IN "
      "('financial', 'partner', 'project', 'audit')))" +
      d.options);
  s.push_back(
      "CREATE INDEX IF NOT EXISTS ix_submitted_reports_project ON submitted_reports (project, id)");
  s.push_back(
      "CREATE INDEX IF NOT EXISTS ix_submitted_reports_sha256 ON submitted_reports (sha256)");
  return s;
}

struct Migration {
  int version;
  std::vector<std::string> (*statements)(const Dialect&);
};

const Migration kMigrations[] = {
    {1, schemaVersion1},
    {2, schemaVersion2},
    {3, schemaVersion3},
    {4, schemaVersion4},
};

std::string nowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

bool isApplied(Reader& c, int version) {
  return !c.query("SELECT version FROM schema_migrations WHERE version = ?",
                  {std::int64_t{version}})
              .empty();
}

void run(Connection& c, const Dialect& d, const Migration& migration) {
  for (const std::string& statement : migration.statements(d)) c.execute(statement);
  c.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
            {std::int64_t{migration.version}, nowUtc()});
}

void rollbackQuietly(Session& c) {
  try {
    c.rollback();
  } catch (...) {
    // The original failure is the one worth reporting.
  }
}

int applySqlite(Session& c, const Dialect& d) {
  int applied = 0;
  for (const Migration& migration : kMigrations) {
    c.begin(UnitKind::kWrite);
    try {
      c.execute(migrationsTable(d));
      if (!isApplied(c, migration.version)) {
        run(c, d, migration);
        ++applied;
      }
      c.commit();
    } catch (...) {
      rollbackQuietly(c);
      throw;
    }
  }
  return applied;
}

int applyMysql(Session& c, const Dialect& d) {
  c.begin(UnitKind::kWrite);
  const std::string lock = "crossgrant.migrate." + asText(c.query("SELECT DATABASE()").at(0).at(0));
  const Value got =
      c.query("SELECT GET_LOCK(?, ?)", {lock, std::int64_t{kLockTimeoutSeconds}}).at(0).at(0);
  c.commit();
  if (isNull(got) || asInt(got) != 1)
    throw StoreError("could not take the migration lock '" + lock + "' within " +
                     std::to_string(kLockTimeoutSeconds) + " s: another migration still runs");
  int applied = 0;
  try {
    c.execute(migrationsTable(d));
    c.commit();
    for (const Migration& migration : kMigrations) {
      if (!isApplied(c, migration.version)) {
        run(c, d, migration);
        ++applied;
      }
      c.commit();
    }
  } catch (...) {
    rollbackQuietly(c);
    try {
      c.query("SELECT RELEASE_LOCK(?)", {lock});
      c.commit();
    } catch (...) {
      // Losing the connection releases the lock too.
    }
    throw;
  }
  c.query("SELECT RELEASE_LOCK(?)", {lock});
  c.commit();
  return applied;
}

}  // namespace

int Migrations::latestVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

int Migrations::currentVersion(Reader& c) {
  const char* exists = c.backend() == "mysql"
                           ? "SELECT COUNT(*) FROM information_schema.tables "
                             "WHERE table_schema = DATABASE() AND table_name = 'schema_migrations'"
                           : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = "
                             "'schema_migrations'";
  if (asInt(c.query(exists).at(0).at(0)) == 0) return 0;
  return static_cast<int>(
      asInt(c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").at(0).at(0)));
}

int Migrations::apply(Session& c) {
  const Dialect d = dialectOf(c);
  return d.mysql ? applyMysql(c, d) : applySqlite(c, d);
}

}  // namespace crossgrant::store
