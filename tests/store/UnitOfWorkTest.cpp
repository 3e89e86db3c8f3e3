// Read and write units of work on both backends: a read unit reads one snapshot, holds up no
// writer, and cannot write (not at compile time, not at run time).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <future>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "StoreFixture.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/ProjectRepository.h"

namespace core = crossgrant::core;
namespace store = crossgrant::store;
using crossgrant::test::StoreFixture;
using store::Connection;
using store::Reader;
using store::StoreError;

namespace {

// Detection idiom: whether T offers each member that a unit of work must or must not reach.
template <typename T, typename = void>
struct CanExecute : std::false_type {};
template <typename T>
struct CanExecute<T, std::void_t<decltype(std::declval<T&>().execute(std::string_view()))>>
    : std::true_type {};

template <typename T, typename = void>
struct CanLastInsertId : std::false_type {};
template <typename T>
struct CanLastInsertId<T, std::void_t<decltype(std::declval<T&>().lastInsertId())>>
    : std::true_type {};

template <typename T, typename = void>
struct CanQuery : std::false_type {};
template <typename T>
struct CanQuery<T, std::void_t<decltype(std::declval<T&>().query(std::string_view()))>>
    : std::true_type {};

template <typename T, typename = void>
struct CanBegin : std::false_type {};
template <typename T>
struct CanBegin<T, std::void_t<decltype(std::declval<T&>().begin())>> : std::true_type {};

template <typename T, typename = void>
struct CanCommit : std::false_type {};
template <typename T>
struct CanCommit<T, std::void_t<decltype(std::declval<T&>().commit())>> : std::true_type {};

template <typename T, typename = void>
struct CanRollback : std::false_type {};
template <typename T>
struct CanRollback<T, std::void_t<decltype(std::declval<T&>().rollback())>> : std::true_type {};

static_assert(CanQuery<Reader>::value);
static_assert(!CanExecute<Reader>::value, "a read unit must not be able to write");
static_assert(!CanLastInsertId<Reader>::value);
static_assert(CanExecute<Connection>::value && CanLastInsertId<Connection>::value);
static_assert(std::is_base_of_v<Reader, Connection>, "writers may call every reader");
static_assert(!CanBegin<Reader>::value && !CanCommit<Reader>::value && !CanRollback<Reader>::value);
static_assert(!CanBegin<Connection>::value && !CanCommit<Connection>::value &&
                  !CanRollback<Connection>::value,
              "the work inside a unit cannot end its own transaction");
static_assert(!std::is_copy_constructible_v<Reader>);

const core::Programme kFirst{"P-1", "First", "interreg-2014-2020", "ERDF"};
const core::Programme kSecond{"P-2", "Second", "interreg-2014-2020", "ERDF"};

std::int64_t programmes(Reader& reader) {
  return store::asInt(reader.query("SELECT COUNT(*) FROM programmes").at(0).at(0));
}

void insert(store::Database& db, const core::Programme& programme) {
  db.write([&](Connection& c) { store::insertProgramme(c, programme); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(units_of_work)

BOOST_FIXTURE_TEST_CASE(read_hands_its_work_a_reader_and_write_a_connection, StoreFixture) {
  db->read([](auto& reader) {
    static_assert(std::is_same_v<decltype(reader), Reader&>);
    BOOST_TEST(store::asInt(reader.query("SELECT 1").at(0).at(0)) == 1);
  });
  db->write(
      [](auto& connection) { static_assert(std::is_same_v<decltype(connection), Connection&>); });
  db->write(
      [](auto& connection) { static_assert(std::is_same_v<decltype(connection), Connection&>); });
}

BOOST_FIXTURE_TEST_CASE(read_returns_the_work_result_and_rethrows_its_failure, StoreFixture) {
  insert(*db, kFirst);
  const std::optional<core::Programme> found =
      db->read([](Reader& r) { return store::findProgramme(r, "P-1"); });
  BOOST_TEST(found.has_value());
  BOOST_TEST(found->name == "First");
  BOOST_CHECK_THROW(db->read([](Reader& r) {
    programmes(r);
    throw std::runtime_error("work failed");
  }),
                    std::runtime_error);
  // The connection went back to the pool usable, for reads and for writes.
  BOOST_TEST(db->read(programmes) == 1);
  insert(*db, kSecond);
  BOOST_TEST(db->read(programmes) == 2);
}

BOOST_FIXTURE_TEST_CASE(a_unit_may_return_a_reference, StoreFixture) {
  std::string held = "kept";
  std::string& same = db->read([&](Reader&) -> std::string& { return held; });
  BOOST_TEST(&same == &held);
}

BOOST_FIXTURE_TEST_CASE(a_read_unit_does_not_see_rows_committed_after_its_first_query,
                        StoreFixture) {
  insert(*db, kFirst);
  std::int64_t before = 0;
  std::int64_t after = 0;
  db->read([&](Reader& r) {
    before = programmes(r);
    // Another pooled connection commits a row while this unit is open.
    insert(*db, kSecond);
    after = programmes(r);
    BOOST_TEST(!store::findProgramme(r, "P-2").has_value());
  });
  BOOST_TEST(before == 1);
  BOOST_TEST(after == 1);
  BOOST_TEST(db->read(programmes) == 2);
}

BOOST_FIXTURE_TEST_CASE(where_a_read_unit_snapshot_starts, StoreFixture) {
  // SQLite takes the snapshot at the unit's first read; MariaDB when the unit starts (WITH
  // CONSISTENT SNAPSHOT), so a row committed before the first query is already too late.
  const std::int64_t seen = db->read([&](Reader& r) {
    insert(*db, kFirst);
    return programmes(r);
  });
  BOOST_TEST(seen == (crossgrant::test::backend() == "mysql" ? 0 : 1));
}

BOOST_FIXTURE_TEST_CASE(an_open_read_unit_does_not_hold_up_a_writer_in_another_thread,
                        StoreFixture) {
  // Well under the 10 s busy timeout that a writer waits behind BEGIN IMMEDIATE.
  constexpr auto kPatience = std::chrono::seconds(2);
  std::future<void> writer;
  std::future_status status = std::future_status::timeout;
  db->read([&](Reader& r) {
    BOOST_TEST(programmes(r) == 0);
    writer = std::async(std::launch::async, [&] { insert(*db, kFirst); });
    status = writer.wait_for(kPatience);
    BOOST_TEST(programmes(r) == 0);
  });
  // The unit has ended: a writer it held up finishes now, and its failure shows here.
  writer.get();
  BOOST_TEST((status == std::future_status::ready), "the writer waited for the read unit");
  BOOST_TEST(db->read(programmes) == 1);
}

BOOST_FIXTURE_TEST_CASE(a_read_inside_a_read_on_the_same_thread_joins_it, StoreFixture) {
  insert(*db, kFirst);
  db->read([&](Reader& outer) {
    BOOST_TEST(programmes(outer) == 1);
    // Another thread commits a row while the outer unit is open.
    std::async(std::launch::async, [&] { insert(*db, kSecond); }).get();
    BOOST_TEST(db->read(programmes) == 1);  // not a unit of its own: the outer snapshot
    const std::uint64_t opened = db->poolStatus().opened;
    const std::size_t open = db->poolStatus().open;
    db->read([&](Reader& inner) {
      BOOST_TEST(&inner == &outer);  // the same connection
      BOOST_TEST(programmes(inner) == 1);
      BOOST_TEST(!store::findProgramme(inner, "P-2").has_value());
      // Deeper still, the same.
      db->read([&](Reader& innermost) {
        BOOST_TEST(&innermost == &outer);
        BOOST_TEST(programmes(innermost) == 1);
      });
    });
    BOOST_TEST(db->poolStatus().opened == opened);
    BOOST_TEST(db->poolStatus().open == open);
    // A failing inner read rethrows to its caller; the outer unit reads on.
    BOOST_CHECK_THROW(db->read([](Reader& r) -> std::int64_t {
      programmes(r);
      throw std::runtime_error("inner work failed");
    }),
                      std::runtime_error);
    BOOST_TEST(programmes(outer) == 1);
  });
  // The outer unit has ended: a new one sees the other thread's row.
  BOOST_TEST(db->read(programmes) == 2);
}

BOOST_FIXTURE_TEST_CASE(a_read_on_another_thread_is_a_unit_of_its_own, StoreFixture) {
  insert(*db, kFirst);
  db->read([&](Reader& outer) {
    BOOST_TEST(programmes(outer) == 1);
    insert(*db, kSecond);
    // Another thread's read does not join this one: it sees what is committed.
    const std::int64_t seen =
        std::async(std::launch::async, [&] { return db->read(programmes); }).get();
    BOOST_TEST(seen == 2);
    BOOST_TEST(programmes(outer) == 1);
  });
}

BOOST_FIXTURE_TEST_CASE(a_write_forced_into_a_read_unit_is_refused_by_the_database, StoreFixture) {
  db->read([&](Reader& r) {
    // Only a deliberate cast gets past the type; the database refuses all the same (MariaDB:
    // READ ONLY transaction; SQLite: a statement that writes is refused in a read unit).
    auto& forced = dynamic_cast<Connection&>(r);
    BOOST_CHECK_THROW(
        forced.execute("INSERT INTO programmes (code, name, rules, fund) VALUES (?, ?, ?, ?)",
                       {std::string("X"), std::string("n"), std::string("r"), std::string("f")}),
        StoreError);
  });
  BOOST_TEST(db->read(programmes) == 0);
  // The same pooled connection writes again in a write unit.
  insert(*db, kFirst);
  BOOST_TEST(db->read(programmes) == 1);
}

BOOST_FIXTURE_TEST_CASE(write_units_keep_their_transaction_semantics, StoreFixture) {
  BOOST_CHECK_THROW(db->write([](Connection& c) {
    store::insertProgramme(c, kFirst);
    throw std::runtime_error("work failed");
  }),
                    std::runtime_error);
  BOOST_TEST(db->read(programmes) == 0);
  const std::int64_t id = db->write([](Connection& c) {
    store::insertProgramme(c, kFirst);
    return store::asInt(
        c.query("SELECT id FROM programmes WHERE code = ?", {std::string("P-1")}).at(0).at(0));
  });
  BOOST_TEST(id > 0);
  BOOST_TEST(db->read(programmes) == 1);
}

BOOST_AUTO_TEST_SUITE_END()
