// The schema description against the real tables, on the backend the run targets: every
// described column exists with its nullability and length, limits are read from the
// description, checksums are recorded and a changed migration is refused by name, a database
// made before checksums is upgraded in place, a migration that fails at a step resumes there,
// and requireCurrentSchema names the versions and the command to run.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "Migrations.h"
#include "Schema.h"
#include "Session.h"
#include "StoreFixture.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/AuditLog.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/ReportRepository.h"
#include "crossgrant/store/UserRepository.h"

namespace core = crossgrant::core;
namespace store = crossgrant::store;
namespace schema = crossgrant::store::schema;
using crossgrant::test::StoreFixture;
using crossgrant::test::TempDir;
using store::Connection;
using store::Database;
using store::Migration;
using store::Migrations;
using store::Row;
using store::SchemaMismatch;

namespace {

bool isMysql() { return crossgrant::test::backend() == "mysql"; }

// Migrations::apply needs a connection outside a transaction: one is borrowed from the pool
// through write(), whose transaction is ended first and begun again for it to close.
int applyMigrations(Database& db, const std::vector<Migration>& migrations) {
  return db.write([&](Connection& c) {
    auto& session = dynamic_cast<store::detail::Session&>(c);
    session.commit();
    const int applied = Migrations::apply(session, migrations);
    session.begin(store::detail::UnitKind::kWrite);
    return applied;
  });
}

std::vector<Migration> firstMigrations(std::size_t count) {
  const std::vector<Migration>& all = Migrations::all();
  return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(count)};
}

// This build's migrations and one more: a probe table, a row in it, an index.
std::vector<Migration> withProbe(schema::Index index) {
  std::vector<Migration> migrations = Migrations::all();
  Migration probe{Migrations::latestVersion() + 1, "probe", {}};
  probe.steps.push_back(schema::CreateTable{
      {"resume_probe", {schema::id(), schema::varchar("label", 20)}, {"id"}, {}, {}, {}, {}}});
  probe.steps.push_back(
      schema::InsertRow{"resume_probe", {{"label", schema::Literal{std::string("one")}}}});
  probe.steps.push_back(schema::CreateIndex{"resume_probe", std::move(index)});
  migrations.push_back(std::move(probe));
  return migrations;
}

std::int64_t number(Database& db, const std::string& sql) {
  return db.write([&](Connection& c) { return store::asInt(c.query(sql).at(0).at(0)); });
}

struct ColumnFacts {
  std::string type;  ///< as the backend spells it, lower case
  bool nullable;
  std::int64_t length;  ///< characters of CHAR/VARCHAR, bytes of TEXT (MariaDB); 0 if unknown
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::vector<std::pair<std::string, ColumnFacts>> columnsOf(Connection& c,
                                                           const std::string& table) {
  std::vector<std::pair<std::string, ColumnFacts>> columns;
  if (c.backend() == "mysql") {
    for (const Row& row :
         c.query("SELECT column_name, column_type, is_nullable, "
                 "COALESCE(character_maximum_length, 0) FROM information_schema.columns "
                 "WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position",
                 {table}))
      columns.push_back(
          {store::asText(row[0]),
           {lower(store::asText(row[1])), store::asText(row[2]) == "YES", store::asInt(row[3])}});
  } else {
    for (const Row& row : c.query(
             "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", {table}))
      columns.push_back({store::asText(row[0]),
                         {lower(store::asText(row[1])),
                          store::asInt(row[2]) == 0 && store::asInt(row[3]) == 0, 0}});
  }
  return columns;
}

std::set<std::string> indexesOf(Connection& c, const std::string& table) {
  std::set<std::string> names;
  const char* sql = c.backend() == "mysql"
                        ? "SELECT DISTINCT index_name FROM information_schema.statistics "
                          "WHERE table_schema = DATABASE() AND table_name = ?"
                        : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?";
  for (const Row& row : c.query(sql, {table})) names.insert(store::asText(row[0]));
  return names;
}

std::string expectedType(const schema::Column& column) {
  const bool mysql = isMysql();
  const std::string n = std::to_string(column.length);
  switch (column.type) {
    case schema::Type::kId:
      return mysql ? "bigint(20)" : "integer";
    case schema::Type::kInteger:
      return mysql ? "int(11)" : "integer";
    case schema::Type::kBigInt:
      return mysql ? "bigint(20)" : "bigint";
    case schema::Type::kSmallInt:
      return mysql ? "smallint(6)" : "smallint";
    case schema::Type::kChar:
      return "char(" + n + ")";
    case schema::Type::kVarchar:
      return "varchar(" + n + ")";
    case schema::Type::kText:
      return "text";
    case schema::Type::kLongText:
      return mysql ? "longtext" : "text";
    case schema::Type::kBlob:
      return mysql ? "longblob" : "blob";
  }
  return "?";
}

bool mentions(const std::exception& error, const std::string& part) {
  return std::string(error.what()).find(part) != std::string::npos;
}

std::string characters(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += "ž";
  return text;
}

// The errors of the InvalidInput that work throws; none if it throws nothing.
template <typename Work>
std::vector<core::ValidationError> refusal(Work&& work, Database& db) {
  try {
    db.write(work);
  } catch (const core::InvalidInput& error) {
    return error.errors();
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(schema_description)

BOOST_FIXTURE_TEST_CASE(the_description_matches_the_tables_after_migrate, StoreFixture) {
  db->write([&](Connection& c) {
    // Every table is described, apart from the bookkeeping and SQLite's own.
    std::set<std::string> described{"schema_migrations", "schema_migration_steps"};
    for (const schema::Table& table : Migrations::current().tables()) described.insert(table.name);
    std::set<std::string> actual;
    for (const Row& row :
         c.query(c.backend() == "mysql"
                     ? "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                       "DATABASE()"
                     : "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> "
                       "'sqlite_sequence'"))
      actual.insert(store::asText(row[0]));
    BOOST_TEST(actual == described, boost::test_tools::per_element());
    BOOST_TEST(Migrations::current().tables().size() == 30u);
    for (const schema::Table& table : Migrations::current().tables()) {
      BOOST_TEST_CONTEXT("table " << table.name) {
        const auto actual = columnsOf(c, table.name);
        BOOST_TEST(actual.size() == table.columns.size());
        for (std::size_t i = 0; i < table.columns.size() && i < actual.size(); ++i) {
          const schema::Column& described = table.columns[i];
          const auto& [name, facts] = actual[i];
          BOOST_TEST_CONTEXT("column " << described.name) {
            BOOST_TEST(name == described.name);
            BOOST_TEST(facts.type == expectedType(described));
            BOOST_TEST(facts.nullable == described.nullable);
            if (isMysql() &&
                (described.type == schema::Type::kChar || described.type == schema::Type::kVarchar))
              BOOST_TEST(facts.length == static_cast<std::int64_t>(described.length));
            if (isMysql() && described.type == schema::Type::kText)
              BOOST_TEST(facts.length == 65'535);
          }
        }
        const std::set<std::string> indexes = indexesOf(c, table.name);
        for (const schema::Index& index : table.indexes) {
          BOOST_TEST_CONTEXT("index " << index.name) {
            // InnoDB names the index it makes for a foreign key after the key.
            BOOST_TEST(indexes.count(index.name) == (isMysql() && index.forForeignKey ? 0u : 1u));
          }
        }
        for (const schema::Unique& unique : table.uniques)
          BOOST_TEST_CONTEXT("unique key " << unique.name) {
            if (isMysql()) BOOST_TEST(indexes.count(unique.name) == 1u);
          }
      }
    }
  });
}

BOOST_AUTO_TEST_CASE(limits_are_read_from_the_description) {
  const schema::TextLimit code = store::columnLimit("programmes", "code");
  BOOST_TEST((code.unit == schema::TextLimit::Unit::kCharacters));
  BOOST_TEST(code.most == 100u);
  BOOST_TEST(store::columnLimit("projects", "currency").most == 3u);
  const schema::TextLimit name = store::columnLimit("programmes", "name");
  BOOST_TEST((name.unit == schema::TextLimit::Unit::kBytes));
  BOOST_TEST(name.most == 65'535u);
  BOOST_TEST(store::columnLimit("sessions", "user_agent").most == 500u);
  BOOST_CHECK_THROW(store::columnLimit("programmes", "no_such_column"), std::logic_error);
  BOOST_CHECK_THROW(store::columnLimit("programmes", "version"), std::logic_error);
  BOOST_TEST(*schema::overLimit(characters(101), code) == "at most 100 characters, not 101");
  BOOST_TEST(!schema::overLimit(characters(100), code).has_value());
}

BOOST_FIXTURE_TEST_CASE(values_at_a_limit_are_stored_and_one_more_is_refused_at_its_field,
                        StoreFixture) {
  const std::string fund = characters(store::columnLimit("programmes", "fund").most);
  const std::string name(store::columnLimit("programmes", "name").most, 'n');
  db->write([&](Connection& c) {
    store::insertProgramme(c, {"P-LIMIT", name, "interreg-2014-2020", fund});
  });
  const auto stored = db->write([&](Connection& c) { return store::findProgramme(c, "P-LIMIT"); });
  BOOST_TEST_REQUIRE(stored.has_value());
  BOOST_TEST(stored->fund == fund);
  BOOST_TEST(stored->name == name);
  try {
    db->write([&](Connection& c) {
      store::insertProgramme(c, {"P-OVER", name + "n", "interreg-2014-2020", fund + "x"});
    });
    BOOST_FAIL("over-long fields were stored");
  } catch (const core::InvalidInput& error) {
    BOOST_TEST((error.errors() == std::vector<core::ValidationError>{
                                      {"/name", "at most 65535 bytes of UTF-8, not 65536"},
                                      {"/fund", "at most 200 characters, not 201"}}));
  }

  store::UserRecord user;
  user.name = characters(store::columnLimit("users", "name").most);
  user.displayName = "Jānis";
  user.passwordHash = "x";
  user.createdAt = "2026-01-02T03:04:05.678Z";
  user.changedAt = user.createdAt;
  const std::int64_t userId = db->write([&](Connection& c) { return store::insertUser(c, user); });
  user.name += "x";
  BOOST_TEST((refusal([&](Connection& c) { store::insertUser(c, user); }, *db) ==
              std::vector<core::ValidationError>{{"/name", "at most 100 characters, not 101"}}));
  core::Grant grant;
  grant.role = core::Role::kProgramme;
  grant.programme = characters(101);
  BOOST_TEST(
      (refusal([&](Connection& c) { store::insertGrant(c, userId, grant, "t"); }, *db) ==
       std::vector<core::ValidationError>{{"/programme", "at most 100 characters, not 101"}}));
}

BOOST_FIXTURE_TEST_CASE(migrate_records_each_migrations_name_and_checksum, StoreFixture) {
  const std::vector<Row> rows = db->write([](Connection& c) {
    return c.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version");
  });
  BOOST_TEST_REQUIRE(rows.size() == Migrations::all().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Migration& m = Migrations::all()[i];
    BOOST_TEST(store::asInt(rows[i][0]) == m.version);
    BOOST_TEST(store::asText(rows[i][1]) == m.name);
    BOOST_TEST(store::asText(rows[i][2]) == Migrations::checksum(m));
    BOOST_TEST(store::asText(rows[i][2]).size() == 64u);
  }
  const store::SchemaStatus status = db->schemaStatus();
  BOOST_TEST(status.current());
  BOOST_TEST(status.unverified.empty());
  BOOST_CHECK_NO_THROW(db->requireCurrentSchema());
}

BOOST_AUTO_TEST_CASE(migration_5_records_rules_and_gives_earlier_reports_no_fingerprint) {
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  applyMigrations(*db, firstMigrations(4));
  db->write([](Connection& c) {
    c.execute(
        "INSERT INTO submitted_reports (project, kind, period, partner, language, file_name, "
        "sha256, pdf, size, submitted_at, submitted_by) "
        "VALUES ('LLI-317', 'audit', NULL, '', 'en', 'old.pdf', 'x', ?, 0, 't', 'u')",
        {store::Blob{"old"}});
  });
  BOOST_TEST(applyMigrations(*db, firstMigrations(5)) == 1);
  BOOST_TEST(db->schemaVersion() == 5);
  BOOST_TEST(Migrations::all()[4].name == "programme rules");
  BOOST_TEST(number(*db, "SELECT COUNT(*) FROM programme_rules") == 0);
  const auto fingerprint = db->write([](Connection& c) {
    return store::asText(c.query("SELECT rules_fingerprint FROM submitted_reports").at(0).at(0));
  });
  BOOST_TEST(fingerprint.empty());
  const schema::Table& rules = Migrations::current().table("programme_rules");
  BOOST_TEST(rules.primaryKey == std::vector<std::string>{"rules_key"});
  for (const char* column :
       {"rules_key", "rules_json", "fingerprint", "recorded_at", "recorded_by"})
    BOOST_TEST(rules.column(column) != nullptr, column);
  BOOST_TEST(Migrations::current().table("submitted_reports").column("rules_fingerprint") !=
             nullptr);
}

BOOST_AUTO_TEST_CASE(migration_6_makes_identifiers_of_an_older_database_compare_exactly) {
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  applyMigrations(*db, firstMigrations(5));
  // The tables as builds before version 6 made them on MariaDB: a padding collation.
  if (isMysql())
    db->write([](Connection& c) {
      for (const Row& table : c.query("SELECT table_name FROM information_schema.tables "
                                      "WHERE table_schema = DATABASE()"))
        c.execute("ALTER TABLE " + store::asText(table.at(0)) +
                  " CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    });
  db->write([](Connection& c) {
    c.execute(
        "INSERT INTO users (name, display_name, password_hash, created_at, changed_at) "
        "VALUES ('mylead', 'My Lead', 'x', 't', 't')");
    c.execute(
        "INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until) "
        "VALUES ('account:mylead', 1, 1000, 0)");
  });
  BOOST_TEST(db->migrate() == Migrations::latestVersion() - 5);
  db->write([](Connection& c) {
    BOOST_TEST(store::findUser(c, "mylead").has_value());
    BOOST_TEST(!store::findUser(c, "mylead   ").has_value());
    BOOST_TEST(!store::findThrottle(c, "account:mylead   ").has_value());
  });
  if (isMysql())
    BOOST_TEST(
        number(*db,
               "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = "
               "DATABASE() AND table_name NOT LIKE 'schema_migration%' AND collation_name IS "
               "NOT NULL AND collation_name <> 'utf8mb4_nopad_bin'") == 0);
}

BOOST_AUTO_TEST_CASE(migration_9_keeps_the_old_trail_and_gives_projects_identities) {
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  applyMigrations(*db, firstMigrations(8));
  const core::AuditKey key{std::string(32, 'k')};
  // A trail of one chain as builds before version 9 kept it: an entry of a project that still
  // exists, one of a project deleted since, one of the installation; and a report of each.
  db->write([&](Connection& c) {
    c.execute("INSERT INTO programmes (code, name, rules, fund) VALUES ('LV-LT', 'n', 'r', 'f')");
    c.execute(
        "INSERT INTO projects (programme_id, code, acronym, start_date, end_date, currency) "
        "SELECT id, 'LLI-317', 'a', '2019-01-01', '2020-12-31', 'EUR' FROM programmes");
    for (const char* project : {"LLI-317", "GONE-1"})
      c.execute(
          "INSERT INTO submitted_reports (project, kind, period, partner, language, file_name, "
          "sha256, pdf, size, submitted_at, submitted_by) "
          "VALUES (?, 'project', NULL, '', 'en', 'f.pdf', 'x', ?, 0, 't', 'u')",
          {std::string(project), store::Blob{"%PDF"}});
    std::string previous(core::kAuditGenesisHash);
    std::int64_t sequence = 0;
    for (const char* project : {"LLI-317", "GONE-1", ""}) {
      core::AuditEntry entry;
      entry.format = core::AuditFormat::kLegacy;
      entry.sequence = ++sequence;
      entry.at = "2026-11-0" + std::to_string(sequence) + "T10:00:00.000Z";
      entry.user = "ilze";
      entry.action = "update";
      entry.objectType = "project";
      entry.objectKey = project;
      entry.project = project;
      entry.after = "{}";
      entry.previousHash = previous;
      entry.hash = core::auditMac(entry, key);
      previous = entry.hash;
      c.execute(
          "INSERT INTO audit_log (sequence, at, user_name, role, client, action, object_type, "
          "object_key, project, before_json, after_json, previous_hash, hash) "
          "VALUES (?, ?, ?, '', '', ?, ?, ?, ?, NULL, ?, ?, ?)",
          {entry.sequence, entry.at, entry.user, entry.action, entry.objectType, entry.objectKey,
           entry.project, *entry.after, entry.previousHash, entry.hash});
    }
    c.execute("UPDATE audit_head SET last_sequence = 3, last_hash = ? WHERE id = 1", {previous});
    c.execute("INSERT INTO audit_key (id, key_id, first_keyed, bound_at) VALUES (1, ?, 1, 't')",
              {key.id()});
  });
  BOOST_TEST(db->migrate() == Migrations::latestVersion() - 8);

  db->write([&](Connection& c) {
    BOOST_TEST(store::projectIdentity(c, "LLI-317").value() == "LLI-317");
    BOOST_TEST(store::programmeIdentity(c, "LV-LT").value() == "LV-LT");
    const auto gone = store::identityScope(c, "GONE-1");
    BOOST_TEST_REQUIRE(gone.has_value());
    BOOST_TEST(!gone->current);
    BOOST_TEST(gone->programme.empty());
    BOOST_TEST(store::identityScope(c, "LLI-317")->programme == "LV-LT");
    BOOST_TEST(store::listSubmittedReports(c, "LLI-317").size() == 1u);
    BOOST_TEST(store::findSubmittedReport(c, 2)->projectIdentity == "GONE-1");

    // The old entries are the installation chain's, intact under the key.
    store::AuditVerification result = store::verifyAudit(c, key);
    BOOST_TEST(result.intact());
    BOOST_TEST(result.checked == 3);
    BOOST_TEST(result.chains == 3);  // the installation's and one (empty) per identity
    BOOST_TEST(result.heads.at("").sequence == 3);
    store::AuditFilter ofProject;
    ofProject.projectIdentity = "LLI-317";
    const auto old = store::readAudit(c, ofProject);
    BOOST_TEST_REQUIRE(old.size() == 1u);
    BOOST_TEST((old[0].format == core::AuditFormat::kLegacy));
    BOOST_TEST(old[0].chain.empty());

    // New entries of the project go to its own chain.
    core::AuditEntry next;
    next.project = "LLI-317";
    next.action = "update";
    const core::AuditEntry appended = store::appendAudit(c, key, next);
    BOOST_TEST(appended.chain == "LLI-317");
    BOOST_TEST(appended.sequence == 1);
    BOOST_TEST(appended.id == 4);
    BOOST_TEST(store::readAudit(c, ofProject).size() == 2u);
    BOOST_TEST(store::verifyAudit(c, key).intact());

    // A legacy entry's MAC covers no identity, but it may have only its code's.
    c.execute("UPDATE audit_entries SET project_identity = 'LLI-317' WHERE id = 2");
    result = store::verifyAudit(c, key);
    BOOST_TEST_REQUIRE(!result.intact());
    BOOST_TEST(result.broken->chain.empty());
    BOOST_TEST(result.broken->sequence == 2);
  });
}

BOOST_AUTO_TEST_CASE(migration_10_keeps_the_versions_of_deleted_keys) {
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  applyMigrations(*db, firstMigrations(9));
  const core::Bundle bundle = crossgrant::test::sampleBundle();
  db->write([&](Connection& c) {
    c.execute(
        "INSERT INTO retired_versions (kind, project, code, version) "
        "VALUES ('partner', 'LLI-317', 'PP6', 7)");
  });
  BOOST_TEST(db->migrate() == Migrations::latestVersion() - 9);
  db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
  db->read([&](store::Reader& c) {
    BOOST_TEST(store::partnerVersion(c, "LLI-317", "PP6").value() == 8);
    BOOST_TEST(store::partnerVersion(c, "LLI-317", "LP").value() == 1);
  });
}

BOOST_AUTO_TEST_CASE(checksums_do_not_depend_on_the_backend) {
  // The canonical text names no backend's types: a MariaDB-only spelling in it would make
  // the same migration's checksum differ between backends.
  for (const Migration& m : Migrations::all())
    for (const schema::Step& step : m.steps) {
      const std::string text = schema::canonical(step);
      BOOST_TEST(text.find("AUTO_INCREMENT") == std::string::npos);
      BOOST_TEST(text.find("LONGTEXT") == std::string::npos);
      BOOST_TEST(text.find("InnoDB") == std::string::npos);
    }
  // Databases in use carry these: a change to a migration or to the canonical text shows here
  // before it refuses to start their servers.
  const std::vector<std::string> recorded{
      "08479944dcd6398c5632cc6ce88cc45b0fd8b4c90c117a7e9bc57d280f197542",
      "1016c0fe0059adecb687b24011b764e681e6c29927f713b88213c92c1bd0ce30",
      "4c32b5fda4dc053743fa4a8eeeba7d446b67fedabeac60da67745fb9365569c9",
      "04927440d736fca705ff21b83e5e379ef83558c696b6bca38f8da6d02bd71fa0",
      "86865c3f6f21f7571bddf5c41976906c7674757aed414379288442ce2b31f858",
      "c180457a0a7a38d07a7a5acdbb03f596246bbffc193cb3e2c16772b0dbdb9c05"};
  BOOST_TEST_REQUIRE(Migrations::all().size() >= recorded.size());
  BOOST_TEST(Migrations::latestVersion() == 12);
  for (std::size_t i = 0; i < recorded.size(); ++i)
    BOOST_TEST(Migrations::checksum(Migrations::all()[i]) == recorded[i]);
}

BOOST_FIXTURE_TEST_CASE(a_changed_applied_migration_is_refused_by_name, StoreFixture) {
  const std::string recorded(64, 'a');
  db->write([&](Connection& c) {
    c.execute("UPDATE schema_migrations SET checksum = ? WHERE version = 3", {recorded});
  });
  const std::string expected =
      "migration 3 (audit trail) was changed after it was applied: "
      "recorded checksum aaaaaaaaaaaa…, this build has " +
      Migrations::checksum(Migrations::all()[2]).substr(0, 12) + "…";
  BOOST_CHECK_EXCEPTION(db->migrate(), SchemaMismatch,
                        [&](const SchemaMismatch& e) { return std::string(e.what()) == expected; });
  const store::SchemaStatus status = db->schemaStatus();
  BOOST_TEST(!status.current());
  BOOST_TEST_REQUIRE(status.changed.size() == 1u);
  BOOST_TEST(status.changed[0].version == 3);
  BOOST_TEST(status.changed[0].name == "audit trail");
  BOOST_TEST(status.changed[0].recordedChecksum == recorded);
  BOOST_CHECK_EXCEPTION(db->requireCurrentSchema(), SchemaMismatch, [&](const SchemaMismatch& e) {
    return mentions(e, "database " + db->displayUrl() + ": " + expected) &&
           e.status().changed.size() == 1;
  });
}

BOOST_FIXTURE_TEST_CASE(a_migration_changed_in_a_build_is_refused_by_name, StoreFixture) {
  std::vector<Migration> changed = Migrations::all();
  std::get<schema::CreateTable>(changed[1].steps[0])
      .table.columns.push_back(schema::text("nickname").null());
  BOOST_CHECK_EXCEPTION(applyMigrations(*db, changed), SchemaMismatch, [](const SchemaMismatch& e) {
    return mentions(e,
                    "migration 2 (users and sessions) was changed after it "
                    "was applied: recorded checksum ");
  });
}

BOOST_FIXTURE_TEST_CASE(a_database_made_before_checksums_is_upgraded_in_place, StoreFixture) {
  db->write([](Connection& c) { store::saveBundle(c, crossgrant::test::sampleBundle(), false); });
  // Today's bookkeeping, as builds before checksums made it.
  db->write([&](Connection& c) {
    c.execute("DROP TABLE schema_migration_steps");
    c.execute("DROP TABLE schema_migrations");
    c.execute(std::string("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL "
                          "PRIMARY KEY, applied_at CHAR(20) NOT NULL)") +
              (isMysql() ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : ""));
    for (const Migration& m : Migrations::all())
      c.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                {std::int64_t{m.version}, std::string("2026-01-01T00:00:00Z")});
  });
  store::SchemaStatus before = db->schemaStatus();
  BOOST_TEST(before.appliedVersion == Migrations::latestVersion());
  BOOST_TEST(before.unverified.size() == Migrations::all().size());
  BOOST_TEST(before.current());

  BOOST_TEST(db->migrate() == 0);
  const store::SchemaStatus after = db->schemaStatus();
  BOOST_TEST(after.current());
  BOOST_TEST(after.unverified.empty());
  const std::vector<Row> rows = db->write([](Connection& c) {
    return c.query(
        "SELECT version, applied_at, name, checksum FROM schema_migrations ORDER BY version");
  });
  BOOST_TEST_REQUIRE(rows.size() == Migrations::all().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    BOOST_TEST(store::asText(rows[i][1]) == "2026-01-01T00:00:00Z");
    BOOST_TEST(store::asText(rows[i][2]) == Migrations::all()[i].name);
    BOOST_TEST(store::asText(rows[i][3]) == Migrations::checksum(Migrations::all()[i]));
  }
  // Recorded once: a checksum that changes later is not overwritten but refused.
  db->write([](Connection& c) {
    c.execute("UPDATE schema_migrations SET checksum = ? WHERE version = 1",
              {std::string(64, 'b')});
  });
  BOOST_CHECK_EXCEPTION(db->migrate(), SchemaMismatch, [](const SchemaMismatch& e) {
    return mentions(e, "migration 1 (projects) was changed after it was applied");
  });
  db->write([](Connection& c) {
    c.execute("UPDATE schema_migrations SET checksum = ? WHERE version = 1",
              {Migrations::checksum(Migrations::all()[0])});
  });
  BOOST_TEST(db->migrate() == 0);
  const auto bundle = db->write([](Connection& c) { return store::loadBundle(c, "LLI-317"); });
  BOOST_TEST_REQUIRE(bundle.has_value());
  BOOST_TEST((*bundle == crossgrant::test::sampleBundle()));
}

BOOST_AUTO_TEST_CASE(an_older_database_made_before_checksums_is_migrated_the_rest_of_the_way) {
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  applyMigrations(*db, firstMigrations(2));
  db->write([&](Connection& c) {
    c.execute("DROP TABLE schema_migration_steps");
    c.execute("DROP TABLE schema_migrations");
    c.execute(std::string("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL "
                          "PRIMARY KEY, applied_at CHAR(20) NOT NULL)") +
              (isMysql() ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : ""));
    for (std::int64_t version : {1, 2})
      c.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                {version, std::string("2026-01-01T00:00:00Z")});
  });
  BOOST_TEST(db->schemaVersion() == 2);
  BOOST_TEST(db->migrate() == static_cast<int>(Migrations::all().size()) - 2);
  const store::SchemaStatus status = db->schemaStatus();
  BOOST_TEST(status.current());
  BOOST_TEST(status.unverified.empty());
  BOOST_TEST(number(*db, "SELECT COUNT(*) FROM schema_migrations WHERE checksum IS NULL") == 0);
  BOOST_TEST(number(*db, "SELECT COUNT(*) FROM audit_chains WHERE chain = ''") == 1);
}

BOOST_AUTO_TEST_CASE(a_step_that_took_effect_without_its_record_runs_again_harmlessly) {
  // As when a process stops between a step's DDL, which MariaDB commits at once, and its record.
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  const auto probe = withProbe({"ix_resume_probe", {"label"}, false});
  BOOST_TEST(applyMigrations(*db, probe) == static_cast<int>(probe.size()));
  const std::string version = std::to_string(probe.back().version);
  db->write([&](Connection& c) {
    c.execute("DELETE FROM schema_migrations WHERE version = " + version);
    c.execute("DELETE FROM schema_migration_steps WHERE version = " + version +
              " AND step IN (0, 2)");
  });
  BOOST_TEST(applyMigrations(*db, probe) == 1);
  BOOST_TEST(number(*db, "SELECT COUNT(*) FROM resume_probe") == 1);
  BOOST_TEST(
      number(*db, "SELECT COUNT(*) FROM schema_migration_steps WHERE version = " + version) == 3);
  BOOST_TEST(db->schemaVersion() == probe.back().version);
}

BOOST_AUTO_TEST_CASE(a_migration_that_fails_at_a_step_resumes_there) {
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  const std::int64_t latest = Migrations::latestVersion();
  const auto broken = withProbe({"ix_resume_probe", {"no_such_column"}, false});
  BOOST_CHECK_THROW(applyMigrations(*db, broken), store::StoreError);
  // This build's migrations are complete; the probe's first two steps took effect and are
  // recorded, its third is not, and it is not applied.
  BOOST_TEST(db->schemaVersion() == latest);
  BOOST_TEST(number(*db, "SELECT COUNT(*) FROM resume_probe") == 1);
  BOOST_TEST(number(*db, "SELECT COUNT(*) FROM schema_migration_steps WHERE version = " +
                             std::to_string(latest + 1)) == 2);

  // A changed step that already ran is refused.
  auto reworded = withProbe({"ix_resume_probe", {"label"}, false});
  std::get<schema::InsertRow>(reworded.back().steps[1]).values[0].second = std::string("uno");
  BOOST_CHECK_EXCEPTION(applyMigrations(*db, reworded), SchemaMismatch,
                        [&](const SchemaMismatch& e) {
                          return mentions(e, "migration " + std::to_string(latest + 1) +
                                                 " (probe) was changed after its step 2 was "
                                                 "applied");
                        });

  const auto fixed = withProbe({"ix_resume_probe", {"label"}, false});
  BOOST_TEST(applyMigrations(*db, fixed) == 1);
  BOOST_TEST(db->schemaVersion() == latest + 1);
  // The row was inserted once: its step did not run again (the table has no unique key).
  BOOST_TEST(number(*db, "SELECT COUNT(*) FROM resume_probe") == 1);
  BOOST_TEST(number(*db, "SELECT COUNT(*) FROM schema_migration_steps WHERE version = " +
                             std::to_string(latest + 1)) == 3);
  db->write([&](Connection& c) {
    BOOST_TEST(indexesOf(c, "resume_probe").count("ix_resume_probe") == 1u);
  });
  BOOST_TEST(applyMigrations(*db, fixed) == 0);
}

BOOST_AUTO_TEST_CASE(an_added_column_is_not_added_again_on_resume) {
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  std::vector<Migration> migrations = Migrations::all();
  migrations.push_back({Migrations::latestVersion() + 1,
                        "programme notes",
                        {schema::AddColumn{"programmes", schema::varchar("note", 50).null()},
                         schema::CreateIndex{"programmes", {"ix_programmes_note", {"nothing"}}}}});
  BOOST_CHECK_THROW(applyMigrations(*db, migrations), store::StoreError);
  db->write([](Connection& c) { BOOST_TEST(columnsOf(c, "programmes").back().first == "note"); });
  std::get<schema::CreateIndex>(migrations.back().steps[1]).index.columns = {"note"};
  BOOST_TEST(applyMigrations(*db, migrations) == 1);
  db->write([](Connection& c) {
    const auto columns = columnsOf(c, "programmes");
    BOOST_TEST(std::count_if(columns.begin(), columns.end(),
                             [](const auto& column) { return column.first == "note"; }) == 1);
    BOOST_TEST(indexesOf(c, "programmes").count("ix_programmes_note") == 1u);
  });
}

BOOST_AUTO_TEST_CASE(require_current_schema_names_both_versions_and_what_to_do) {
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  const std::string latest = std::to_string(Migrations::latestVersion());
  const std::string database = "database " + db->displayUrl();
  BOOST_CHECK_EXCEPTION(db->requireCurrentSchema(), SchemaMismatch, [&](const SchemaMismatch& e) {
    return std::string(e.what()) == database + " is at schema version 0; this crossgrant needs " +
                                        latest + ": run `crossgrant migrate`";
  });
  applyMigrations(*db, firstMigrations(3));
  BOOST_CHECK_EXCEPTION(db->requireCurrentSchema(), SchemaMismatch, [&](const SchemaMismatch& e) {
    return std::string(e.what()) == database + " is at schema version 3; this crossgrant needs " +
                                        latest + ": run `crossgrant migrate`" &&
           e.status().appliedVersion == 3 &&
           e.status().latestVersion == Migrations::latestVersion();
  });
  BOOST_TEST(db->migrate() == Migrations::latestVersion() - 3);
  BOOST_CHECK_NO_THROW(db->requireCurrentSchema());

  applyMigrations(*db, withProbe({"ix_resume_probe", {"label"}, false}));
  const std::string newer = std::to_string(Migrations::latestVersion() + 1);
  BOOST_CHECK_EXCEPTION(db->requireCurrentSchema(), SchemaMismatch, [&](const SchemaMismatch& e) {
    return std::string(e.what()) == database + " is at schema version " + newer +
                                        ", newer than this crossgrant (" + latest +
                                        "): upgrade crossgrant";
  });
  BOOST_CHECK_EXCEPTION(db->migrate(), SchemaMismatch, [&](const SchemaMismatch& e) {
    return mentions(e, "is at schema version " + newer + ", newer than this crossgrant");
  });
}

BOOST_AUTO_TEST_SUITE_END()
