// RulesService on its own: the first recording on a database, made by several processes at
// the same moment (as two servers starting together on one MariaDB), and a recording that
// differs from the configured rules.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "AppFixture.h"
#include "crossgrant/app/rules/RulesService.h"
#include "crossgrant/server/Configuration.h"
#include "crossgrant/store/Database.h"
#include "crossgrant/store/RulesRepository.h"

namespace app = crossgrant::app;
namespace core = crossgrant::core;
namespace store = crossgrant::store;
using crossgrant::test::AppFixture;

BOOST_FIXTURE_TEST_SUITE(rules_service, AppFixture)

BOOST_AUTO_TEST_CASE(servers_starting_together_record_the_rules_once_and_all_start) {
  constexpr int kServers = 8;
  const std::vector<core::RulesDescription> configured =
      app::RulesService(context, app::Caller::commandLine().actor).configured();
  BOOST_REQUIRE(!configured.empty());
  // Each thread stands for a server: its own context (plugins, connections) on one database,
  // all released at once.
  std::vector<std::unique_ptr<app::Context>> servers;
  for (int i = 0; i < kServers; ++i)
    servers.push_back(crossgrant::server::makeContext(configuration));
  std::atomic<int> waiting{kServers};
  std::atomic<int> recorded{0};
  std::vector<std::string> failures(kServers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] {
      try {
        app::RulesService rules(*servers[i], core::Actor{"os:server" + std::to_string(i), "", ""});
        --waiting;
        while (waiting.load() > 0) std::this_thread::yield();
        if (rules.recordIfNone()) ++recorded;
        rules.requireRecorded();
      } catch (const std::exception& e) {
        failures[i] = e.what();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int i = 0; i < kServers; ++i) BOOST_TEST(failures[i] == "", "server " << i);
  BOOST_TEST(recorded.load() == 1);
  const auto stored =
      context.database().read([](store::Reader& db) { return store::listRecordedRules(db); });
  BOOST_REQUIRE(stored.size() == configured.size());
  for (std::size_t i = 0; i < stored.size(); ++i)
    BOOST_TEST(stored[i].rules.json == configured[i].json);
}

BOOST_AUTO_TEST_SUITE_END()
