#define BOOST_TEST_MODULE store
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "DatabaseUrl.h"
#include "Migrations.h"
#include "StoreFixture.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/ProjectRepository.h"

using crossgrant::core::Conflict;
using crossgrant::store::Connection;
using crossgrant::store::Database;
using crossgrant::store::Row;
using crossgrant::store::StoreError;
using crossgrant::test::StoreFixture;
using crossgrant::test::TempDir;

namespace {

bool mentionsAcceptedForms(const std::invalid_argument& error) {
  const std::string message = error.what();
  return message.find("sqlite:PATH") != std::string::npos &&
         message.find("mysql://USER:PASSWORD@HOST:PORT/DB") != std::string::npos;
}

/// How many migrations this build has (their versions need not be consecutive).
int migrationCount() { return static_cast<int>(crossgrant::store::Migrations::all().size()); }

std::int64_t count(Database& db, const std::string& table) {
  return db.write([&](Connection& c) {
    return crossgrant::store::asInt(c.query("SELECT COUNT(*) FROM " + table).at(0).at(0));
  });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(database)

BOOST_AUTO_TEST_CASE(migrate_twice_is_a_no_op) {
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  BOOST_TEST(db->schemaVersion() == 0);
  BOOST_TEST(db->migrate() == migrationCount());
  BOOST_TEST(db->schemaVersion() == Database::latestSchemaVersion());
  BOOST_TEST(db->migrate() == 0);
  BOOST_TEST(db->schemaVersion() == Database::latestSchemaVersion());
  BOOST_TEST(Database::latestSchemaVersion() >= 1);
}

BOOST_AUTO_TEST_CASE(a_wrong_number_of_parameters_is_the_same_error_on_every_backend) {
  TempDir dir;
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir));
  db->migrate();
  const auto run = [&](const std::vector<crossgrant::store::Value>& params) {
    db->write(
        [&](Connection& c) { c.query("SELECT code FROM programmes WHERE code = ?", params); });
  };
  BOOST_CHECK_NO_THROW(run({std::string("LV-LT")}));
  BOOST_CHECK_EXCEPTION(run({}), StoreError, [](const StoreError& e) {
    return std::string(e.what()).find("statement takes 1 parameters, given 0") != std::string::npos;
  });
  BOOST_CHECK_EXCEPTION(run({std::string("a"), std::string("b")}), StoreError,
                        [](const StoreError& e) {
                          return std::string(e.what()).find("given 2") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_CASE(concurrent_migrations_apply_each_version_once) {
  TempDir dir;
  const std::string url = crossgrant::test::freshDatabaseUrl(dir);
  // Two Database objects stand for two processes starting at once.
  auto first = Database::open(url);
  auto second = Database::open(url);
  std::atomic<int> applied{0};
  std::vector<std::string> failures(2);
  std::thread a([&] {
    try {
      applied += first->migrate();
    } catch (const std::exception& e) {
      failures[0] = e.what();
    }
  });
  std::thread b([&] {
    try {
      applied += second->migrate();
    } catch (const std::exception& e) {
      failures[1] = e.what();
    }
  });
  a.join();
  b.join();
  BOOST_TEST(failures[0] == "");
  BOOST_TEST(failures[1] == "");
  BOOST_TEST(applied.load() == migrationCount());
  BOOST_TEST(first->schemaVersion() == Database::latestSchemaVersion());
  BOOST_TEST(count(*first, "schema_migrations") == migrationCount());
}

BOOST_FIXTURE_TEST_CASE(ping_answers, StoreFixture) { BOOST_TEST(db->ping()); }

BOOST_AUTO_TEST_CASE(invalid_urls_are_clear_errors) {
  for (const std::string url :
       {"", "postgres://u:p@localhost/db", "sqlite:", "sqlite::memory:", "mysql://",
        "mysql://localhost/db", "mysql://:pw@localhost/db", "mysql://u:p@localhost",
        "mysql://u:p@localhost:99999/db", "mysql://u:p@localhost:x1/db", "mysql://u:p@:3306/db",
        "mysql://u:p@localhost/db;drop", "mysql://u:p@localhost/db?ssl=1",
        "mysql://u:p%zz@localhost/db", "mysql://u:p@localhost/db?socket=relative"}) {
    BOOST_TEST_CONTEXT("url " << url) {
      BOOST_CHECK_EXCEPTION(Database::open(url), std::invalid_argument, mentionsAcceptedForms);
    }
  }
}

BOOST_AUTO_TEST_CASE(unreachable_server_is_a_store_error) {
  BOOST_CHECK_THROW(Database::open("mysql://nobody:secret@127.0.0.1:1/nothing"), StoreError);
}

BOOST_AUTO_TEST_CASE(sqlite_creates_missing_directories) {
  TempDir dir;
  const std::string path = dir.file("a/b/c/store.db");
  auto db = Database::open("sqlite:" + path);
  BOOST_TEST(db->migrate() == migrationCount());
  BOOST_TEST(std::filesystem::exists(path));
  BOOST_TEST(db->displayUrl() == "sqlite:" + path);
}

BOOST_AUTO_TEST_CASE(opening_without_create_a_missing_sqlite_file_creates_nothing) {
  TempDir dir;
  const crossgrant::store::PoolSettings readOnly{.create = false};
  for (const std::string& path : {dir.file("var/x.db"), dir.file("x.db")}) {
    BOOST_TEST_CONTEXT("path " << path) {
      BOOST_CHECK_EXCEPTION(Database::open("sqlite:" + path, readOnly),
                            crossgrant::store::DatabaseNotFound, [&](const StoreError& e) {
                              return std::string(e.what()) ==
                                     "database sqlite:" + path + " does not exist (no file " +
                                         path + "); create it with `crossgrant migrate`";
                            });
      BOOST_TEST(!std::filesystem::exists(path));
    }
  }
  BOOST_TEST(!std::filesystem::exists(dir.file("var")));
  BOOST_TEST(std::filesystem::is_empty(dir.path()));
}

BOOST_AUTO_TEST_CASE(opening_without_create_an_existing_sqlite_file_works) {
  TempDir dir;
  const std::string url = "sqlite:" + dir.file("store.db");
  Database::open(url)->migrate();
  auto db = Database::open(url, {.create = false});
  BOOST_TEST(db->schemaVersion() == Database::latestSchemaVersion());
  BOOST_TEST(count(*db, "programmes") == 0);
}

BOOST_AUTO_TEST_CASE(sqlite_path_that_cannot_be_created_is_a_store_error) {
  TempDir dir;
  crossgrant::test::writeFile(dir.file("plain-file"), "x");
  BOOST_CHECK_THROW(Database::open("sqlite:" + dir.file("plain-file/sub/store.db")), StoreError);
}

BOOST_FIXTURE_TEST_CASE(display_url_hides_the_password, StoreFixture) {
  const auto parsed = crossgrant::store::DatabaseUrl::parse(url);
  if (!parsed.password.empty())
    BOOST_TEST(db->displayUrl().find(parsed.password) == std::string::npos);
  BOOST_TEST(db->backend() == crossgrant::test::backend());
}

BOOST_FIXTURE_TEST_CASE(a_transaction_whose_work_throws_leaves_nothing, StoreFixture) {
  const crossgrant::core::Programme programme{"P-1", "Name", "interreg-2014-2020", "ERDF"};
  BOOST_CHECK_THROW(db->write([&](Connection& c) {
    crossgrant::store::insertProgramme(c, programme);
    crossgrant::store::saveBundle(c, crossgrant::test::sampleBundle(), false);
    throw std::runtime_error("work failed");
  }),
                    std::runtime_error);
  for (const char* table : {"programmes", "projects", "project_titles", "periods", "partners",
                            "budget_lines", "cofinancing"}) {
    BOOST_TEST_CONTEXT(table) { BOOST_TEST(count(*db, table) == 0); }
  }
  // The connection went back to the pool in a usable state.
  db->write([&](Connection& c) { crossgrant::store::insertProgramme(c, programme); });
  BOOST_TEST(count(*db, "programmes") == 1);
}

BOOST_FIXTURE_TEST_CASE(transaction_returns_the_work_result, StoreFixture) {
  const std::int64_t answer = db->write(
      [](Connection& c) { return crossgrant::store::asInt(c.query("SELECT 42").at(0).at(0)); });
  BOOST_TEST(answer == 42);
}

BOOST_FIXTURE_TEST_CASE(constraint_violations_are_conflicts, StoreFixture) {
  db->write([](Connection& c) {
    c.execute("INSERT INTO programmes (code, name, rules, fund) VALUES (?, ?, ?, ?)",
              {std::string("X"), std::string("n"), std::string("r"), std::string("f")});
  });
  BOOST_CHECK_THROW(db->write([](Connection& c) {
    c.execute("INSERT INTO programmes (code, name, rules, fund) VALUES (?, ?, ?, ?)",
              {std::string("X"), std::string("n"), std::string("r"), std::string("f")});
  }),
                    Conflict);
  BOOST_CHECK_THROW(db->write([](Connection& c) {
    c.execute(
        "INSERT INTO projects (programme_id, code, acronym, start_date, end_date, currency) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {std::int64_t{987654}, std::string("P"), std::string("A"), std::string("2020-01-01"),
         std::string("2020-12-31"), std::string("EUR")});
  }),
                    Conflict);
}

BOOST_FIXTURE_TEST_CASE(other_failures_are_store_errors_naming_the_statement, StoreFixture) {
  try {
    db->write([](Connection& c) { c.query("SELECT nonsense FROM no_such_table"); });
    BOOST_FAIL("a bad statement did not throw");
  } catch (const StoreError& error) {
    BOOST_TEST(std::string(error.what()).find("no_such_table") != std::string::npos);
  }
}

BOOST_FIXTURE_TEST_CASE(execute_counts_matched_rows_and_ids_are_returned, StoreFixture) {
  db->write([](Connection& c) {
    BOOST_TEST(
        c.execute("INSERT INTO programmes (code, name, rules, fund) VALUES (?, ?, ?, ?)",
                  {std::string("A"), std::string("n"), std::string("r"), std::string("f")}) == 1);
    const std::int64_t id = c.lastInsertId();
    const auto rows = c.query("SELECT id FROM programmes WHERE code = ?", {std::string("A")});
    BOOST_TEST(crossgrant::store::asInt(rows.at(0).at(0)) == id);
    // Setting a value to what it already is still counts the row on both backends.
    BOOST_TEST(c.execute("UPDATE programmes SET name = ? WHERE code = ?",
                         {std::string("n"), std::string("A")}) == 1);
    BOOST_TEST(c.execute("DELETE FROM programmes WHERE code = ?", {std::string("none")}) == 0);
  });
}

BOOST_FIXTURE_TEST_CASE(cells_come_back_typed, StoreFixture) {
  const Row row = db->write([](Connection& c) {
    return c.query("SELECT ?, ?, ?", {std::int64_t{-7}, std::string("ž"), nullptr}).at(0);
  });
  BOOST_TEST(crossgrant::store::asInt(row.at(0)) == -7);
  BOOST_TEST(crossgrant::store::asText(row.at(1)) == "ž");
  BOOST_TEST(crossgrant::store::isNull(row.at(2)));
  BOOST_CHECK_THROW(crossgrant::store::asText(row.at(0)), StoreError);
  BOOST_CHECK_THROW(crossgrant::store::asInt(row.at(1)), StoreError);
  BOOST_CHECK_THROW(crossgrant::store::asInt(row.at(2)), StoreError);
}

BOOST_FIXTURE_TEST_CASE(connections_are_configured_as_documented, StoreFixture) {
  db->write([](Connection& c) {
    using crossgrant::store::asInt;
    using crossgrant::store::asText;
    if (c.backend() == "sqlite") {
      BOOST_TEST(asText(c.query("PRAGMA journal_mode").at(0).at(0)) == "wal");
      BOOST_TEST(asInt(c.query("PRAGMA foreign_keys").at(0).at(0)) == 1);
      BOOST_TEST(asInt(c.query("PRAGMA synchronous").at(0).at(0)) == 2);  // FULL
      BOOST_TEST(asInt(c.query("PRAGMA busy_timeout").at(0).at(0)) == 10000);
    } else {
      const Row row = c.query(
                           "SELECT @@session.sql_mode, @@session.character_set_connection, "
                           "@@session.collation_connection, @@session.character_set_results, "
                           "@@session.autocommit, @@session.tx_isolation")
                          .at(0);
      BOOST_TEST(asText(row.at(0)).find("STRICT_ALL_TABLES") != std::string::npos);
      BOOST_TEST(asText(row.at(1)) == "utf8mb4");
      BOOST_TEST(asText(row.at(2)) == "utf8mb4_bin");
      BOOST_TEST(asText(row.at(3)) == "utf8mb4");
      BOOST_TEST(asInt(row.at(4)) == 0);
      BOOST_TEST(asText(row.at(5)) == "REPEATABLE-READ");
    }
  });
}

BOOST_FIXTURE_TEST_CASE(a_pooled_connection_the_server_dropped_is_replaced, StoreFixture,
                        *boost::unit_test::precondition([](boost::unit_test::test_unit_id) {
                          return crossgrant::test::backend() == "mysql";
                        })) {
  const std::int64_t id = db->write([](Connection& c) {
    return crossgrant::store::asInt(c.query("SELECT CONNECTION_ID()").at(0).at(0));
  });
  auto other = Database::open(url);
  other->write([&](Connection& c) { c.execute("KILL CONNECTION " + std::to_string(id)); });
  const std::int64_t answer = db->write(
      [](Connection& c) { return crossgrant::store::asInt(c.query("SELECT 42").at(0).at(0)); });
  BOOST_TEST(answer == 42);
  BOOST_TEST(db->ping());
}

BOOST_FIXTURE_TEST_CASE(a_mysql_url_naming_a_missing_database_says_how_to_create_it, StoreFixture,
                        *boost::unit_test::precondition([](boost::unit_test::test_unit_id) {
                          return crossgrant::test::backend() == "mysql";
                        })) {
  // The fixture's database URL with the name of a database the server does not have.
  const std::string missing = "cg_missing_" + std::to_string(::getpid());
  const std::string missingUrl = crossgrant::test::mysqlUrlWithDatabase(url, missing);
  BOOST_CHECK_EXCEPTION(Database::open(missingUrl)->read([](crossgrant::store::Reader&) {}),
                        crossgrant::store::DatabaseNotFound, [&](const StoreError& e) {
                          const std::string message = e.what();
                          return message.find("does not exist on the server") !=
                                     std::string::npos &&
                                 message.find("CREATE DATABASE " + missing) != std::string::npos &&
                                 message.find("`crossgrant migrate`") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_SUITE_END()
