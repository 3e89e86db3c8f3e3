// The bounded connection pool on both backends: the limit, the wait and PoolExhausted,
// closing long-idle connections, and (MariaDB) replacing connections the server dropped.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "StoreFixture.h"

namespace store = crossgrant::store;
using crossgrant::test::StoreFixture;
using crossgrant::test::TempDir;
using std::chrono::milliseconds;
using store::Connection;
using store::Database;
using store::PoolExhausted;
using store::PoolSettings;
using store::Reader;
using Clock = std::chrono::steady_clock;

static_assert(std::is_base_of_v<store::StoreError, PoolExhausted>);

namespace {

bool onMysql(boost::unit_test::test_unit_id) { return crossgrant::test::backend() == "mysql"; }

std::unique_ptr<Database> openPool(const TempDir& dir, PoolSettings settings) {
  auto db = Database::open(crossgrant::test::freshDatabaseUrl(dir), settings);
  db->migrate();
  return db;
}

std::int64_t connectionId(Reader& r) {
  return store::asInt(r.query("SELECT CONNECTION_ID()").at(0).at(0));
}

// Units held open in threads until release() (or destruction) lets them end.
class HeldUnits {
 public:
  HeldUnits(Database& db, int count) : released_(gate_.get_future().share()) {
    for (int i = 0; i < count; ++i) {
      threads_.emplace_back([this, &db] {
        db.read([this](Reader& r) {
          r.query("SELECT 1");
          ++entered_;
          released_.wait();
        });
      });
    }
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (entered_.load() < count && Clock::now() < deadline)
      std::this_thread::sleep_for(milliseconds(5));
    BOOST_REQUIRE(entered_.load() == count);
  }
  ~HeldUnits() { release(); }
  HeldUnits(const HeldUnits&) = delete;
  HeldUnits& operator=(const HeldUnits&) = delete;

  void release() {
    if (!ended_) gate_.set_value();
    ended_ = true;
    for (std::thread& thread : threads_)
      if (thread.joinable()) thread.join();
  }

 private:
  std::promise<void> gate_;
  std::shared_future<void> released_;
  std::atomic<int> entered_{0};
  std::vector<std::thread> threads_;
  bool ended_ = false;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(connection_pool)

BOOST_AUTO_TEST_CASE(defaults_are_documented_values) {
  const PoolSettings settings;
  BOOST_TEST(settings.maxConnections == 16u);
  BOOST_TEST(settings.acquireTimeout.count() == 5000);
  BOOST_TEST(settings.maxIdle.count() == 60'000);
  BOOST_TEST(settings.create);
}

BOOST_AUTO_TEST_CASE(a_pool_of_no_connections_is_refused) {
  TempDir dir;
  BOOST_CHECK_THROW(Database::open(crossgrant::test::freshDatabaseUrl(dir), {.maxConnections = 0}),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_checkout_beyond_the_limit_waits_then_throws_pool_exhausted) {
  TempDir dir;
  auto db = openPool(dir, {.maxConnections = 2, .acquireTimeout = milliseconds(200)});
  HeldUnits held(*db, 2);
  BOOST_TEST(db->poolStatus().open == 2u);
  BOOST_TEST(db->poolStatus().idle == 0u);

  const auto start = Clock::now();
  try {
    db->read([](Reader& r) { r.query("SELECT 1"); });
    BOOST_FAIL("a third unit got a connection beyond maxConnections 2");
  } catch (const PoolExhausted& e) {
    const auto waited = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    BOOST_TEST(waited.count() >= 190);
    BOOST_TEST(waited.count() < 2000);
    BOOST_TEST(e.retryAfter().count() == 1);
    BOOST_TEST(std::string(e.what()).find("all 2 connections") != std::string::npos);
  }
  BOOST_CHECK_THROW(db->write([](Connection& c) { c.query("SELECT 1"); }), PoolExhausted);
  BOOST_TEST(db->poolStatus().open == 2u);

  held.release();
  BOOST_TEST(db->poolStatus().open == 2u);
  BOOST_TEST(db->poolStatus().idle == 2u);
  BOOST_TEST(db->ping());
}

BOOST_AUTO_TEST_CASE(releasing_a_connection_lets_a_waiter_through) {
  TempDir dir;
  auto db = openPool(dir, {.maxConnections = 2, .acquireTimeout = milliseconds(5000)});
  auto held = std::make_unique<HeldUnits>(*db, 2);
  std::future<std::int64_t> waiter = std::async(std::launch::async, [&] {
    return db->read([](Reader& r) { return store::asInt(r.query("SELECT 42").at(0).at(0)); });
  });
  BOOST_TEST((waiter.wait_for(milliseconds(300)) == std::future_status::timeout),
             "the third unit did not wait for a connection");
  const auto start = Clock::now();
  held->release();
  BOOST_TEST((waiter.wait_for(std::chrono::seconds(3)) == std::future_status::ready));
  BOOST_TEST(waiter.get() == 42);
  BOOST_TEST(std::chrono::duration_cast<milliseconds>(Clock::now() - start).count() < 3000);
  BOOST_TEST(db->poolStatus().open <= 2u);
}

BOOST_AUTO_TEST_CASE(many_threads_share_a_small_pool) {
  TempDir dir;
  auto db = openPool(dir, {.maxConnections = 2, .acquireTimeout = milliseconds(10'000)});
  std::atomic<int> done{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      for (int n = 0; n < 20; ++n) {
        try {
          db->read([](Reader& r) { r.query("SELECT 1"); });
          ++done;
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  BOOST_TEST(done.load() == 120);
  BOOST_TEST(failures.load() == 0);
  BOOST_TEST(db->poolStatus().open <= 2u);
}

BOOST_AUTO_TEST_CASE(connections_idle_longer_than_max_idle_are_closed) {
  TempDir dir;
  auto db = openPool(dir, {.maxIdle = milliseconds(50)});
  db->read([](Reader& r) { r.query("SELECT 1"); });
  const std::uint64_t opened = db->poolStatus().opened;
  // Used again at once: the pooled connection is reused.
  db->read([](Reader& r) { r.query("SELECT 1"); });
  BOOST_TEST(db->poolStatus().opened == opened);
  BOOST_TEST(db->poolStatus().open == 1u);

  std::this_thread::sleep_for(milliseconds(150));
  db->read([](Reader& r) { r.query("SELECT 1"); });
  BOOST_TEST(db->poolStatus().opened == opened + 1);
  BOOST_TEST(db->poolStatus().open == 1u);
  BOOST_TEST(db->poolStatus().idle == 1u);
}

BOOST_FIXTURE_TEST_CASE(an_idle_pooled_connection_killed_by_the_server_is_replaced, StoreFixture,
                        *boost::unit_test::precondition(onMysql)) {
  const std::int64_t killed = db->read(connectionId);
  BOOST_TEST(db->poolStatus().open == 1u);
  auto other = Database::open(url);
  other->write([&](Connection& c) { c.execute("KILL CONNECTION " + std::to_string(killed)); });

  const std::int64_t replacement = db->read(connectionId);
  BOOST_TEST(replacement != killed);
  BOOST_TEST(db->poolStatus().open == 1u);
  // And for a write unit too.
  other->write([&](Connection& c) { c.execute("KILL CONNECTION " + std::to_string(replacement)); });
  const std::int64_t third = db->write([](Connection& c) { return connectionId(c); });
  BOOST_TEST(third != replacement);
  BOOST_TEST(db->poolStatus().open == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_connection_lost_inside_a_unit_fails_it_and_is_not_pooled, StoreFixture,
                        *boost::unit_test::precondition(onMysql)) {
  auto other = Database::open(url);
  std::int64_t killed = 0;
  BOOST_CHECK_THROW(db->read([&](Reader& r) {
    killed = connectionId(r);
    other->write([&](Connection& c) { c.execute("KILL CONNECTION " + std::to_string(killed)); });
    r.query("SELECT 1");
  }),
                    store::StoreError);
  BOOST_TEST(db->poolStatus().open == 0u);
  BOOST_TEST(db->poolStatus().idle == 0u);
  BOOST_TEST(db->read(connectionId) != killed);
  BOOST_TEST(db->poolStatus().open == 1u);
}

BOOST_AUTO_TEST_CASE(a_unit_inside_a_unit_never_waits_for_the_pool) {
  TempDir dir;
  PoolSettings settings;
  settings.maxConnections = 1;
  settings.acquireTimeout = milliseconds(200);
  const auto db = openPool(dir, settings);
  // The one connection is this thread's read; the write inside it (a session touched, an
  // audit entry of a download) gets a second at once instead of waiting for the first.
  const auto started = Clock::now();
  db->read([&](Reader& r) {
    r.query("SELECT 1");
    db->write([](Connection& c) {
      c.execute("INSERT INTO programmes (code, name, rules, fund) VALUES ('N', 'n', 'r', 'f')");
    });
  });
  BOOST_TEST((Clock::now() - started < milliseconds(150)));
  BOOST_TEST(db->read([](Reader& r) {
    return store::asInt(r.query("SELECT COUNT(*) FROM programmes").at(0).at(0));
  }) == 1);
  // Another thread still waits for the limit, and gets PoolExhausted.
  db->read([&](Reader&) {
    auto other = std::async(std::launch::async, [&] { db->read([](Reader&) {}); });
    BOOST_CHECK_THROW(other.get(), PoolExhausted);
  });
}

BOOST_AUTO_TEST_SUITE_END()
