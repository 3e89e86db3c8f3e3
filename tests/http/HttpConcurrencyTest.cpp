// Optimistic concurrency over real HTTP with several clients: every GET of one object names
// its version (body "version", ETag), every change must name the version it was based on
// (If-Match or "version"), and of two changes based on one version exactly one wins, the other
// gets 409 with the current state. Nothing is ever overwritten silently.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "HttpApiFixture.h"

using crossgrant::core::Json;
using crossgrant::test::HttpApiFixture;
using crossgrant::test::HttpHeaders;
using crossgrant::test::HttpResult;
using crossgrant::test::HttpTestClient;
using crossgrant::test::requireStatus;
using crossgrant::test::withMember;

namespace {

constexpr const char* kProject = "/api/v1/projects/LLI-317";
constexpr const char* kPartner = "/api/v1/projects/LLI-317/partners/PP6";

HttpHeaders ifMatch(const std::string& etag) { return {{"If-Match", etag}}; }

std::string errorCode(const HttpResult& result) {
  const Json body = result.json();
  const Json* error = body.find("error");
  if (error == nullptr || error->find("code") == nullptr) return "<none>";
  return error->find("code")->asString();
}

std::int64_t versionOf(const Json& object) { return object.find("version")->asInteger(); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_concurrency, HttpApiFixture)

BOOST_AUTO_TEST_CASE(get_names_the_version_in_body_and_etag) {
  importDemo();
  for (const char* target : {kProject, kPartner, "/api/v1/programmes/LV-LT-2014-2020"}) {
    const HttpResult result = client->get(target);
    requireStatus(result, 200);
    BOOST_TEST(result.header("ETag") == "\"1\"", target);
    BOOST_TEST(versionOf(result.json()) == 1, target);
  }
  BOOST_TEST(client->get(std::string(kPartner) + "/budget").header("ETag") == "\"1\"");
  BOOST_TEST(client->get(std::string(kPartner) + "/cofinancing").header("ETag") == "\"1\"");
}

BOOST_AUTO_TEST_CASE(two_clients_the_second_writer_gets_409_with_the_current_state) {
  importDemo();
  HttpTestClient other(server.port(), adminToken);
  const HttpResult readByFirst = client->get(kProject);
  const HttpResult readBySecond = other.get(kProject);
  BOOST_TEST(readByFirst.header("ETag") == "\"1\"");
  BOOST_TEST(readBySecond.header("ETag") == "\"1\"");

  const Json first = withMember(readByFirst.json(), "acronym", "SocQuality–Pirmais");
  const HttpResult won = client->put(kProject, first.dump(), ifMatch(readByFirst.header("ETag")));
  requireStatus(won, 200);
  BOOST_TEST(won.header("ETag") == "\"2\"");
  BOOST_TEST(versionOf(won.json()) == 2);

  const Json second = withMember(readBySecond.json(), "acronym", "SocQuality–Antrasis");
  const HttpResult lost = other.put(kProject, second.dump(), ifMatch(readBySecond.header("ETag")));
  requireStatus(lost, 409);
  BOOST_TEST(errorCode(lost) == "conflict");
  BOOST_TEST(lost.header("ETag") == "\"2\"");
  const Json body = lost.json();
  BOOST_REQUIRE(body.find("current") != nullptr);
  BOOST_TEST(body.find("current")->dump() == won.json().dump());
  BOOST_TEST(client->get(kProject).json().dump() == won.json().dump());

  // The second client re-reads, redoes its change and succeeds.
  const HttpResult reread = other.get(kProject);
  const Json redone = withMember(reread.json(), "acronym", "SocQuality–Antrasis");
  const HttpResult retried = other.put(kProject, redone.dump(), ifMatch(reread.header("ETag")));
  requireStatus(retried, 200);
  BOOST_TEST(versionOf(retried.json()) == 3);
  BOOST_TEST(client->get(kProject).json().find("acronym")->asString() == "SocQuality–Antrasis");
}

BOOST_AUTO_TEST_CASE(partner_budget_and_cofinancing_share_the_partners_version) {
  importDemo();
  HttpTestClient other(server.port(), adminToken);
  const HttpResult partner = client->get(kPartner);
  const HttpResult budget = other.get(std::string(kPartner) + "/budget");
  BOOST_TEST(budget.header("ETag") == partner.header("ETag"));

  // The partner changes (version in the body) ...
  const Json renamed = withMember(partner.json(), "name", "VšĮ „Rokiškio jaunimo centras“");
  const HttpResult changed = client->put(kPartner, renamed.dump());
  requireStatus(changed, 200);
  BOOST_TEST(versionOf(changed.json()) == 2);

  // ... so a budget read before it is stale: 409 with the current budget and version.
  const HttpResult lost =
      other.put(std::string(kPartner) + "/budget", budget.body, ifMatch(budget.header("ETag")));
  requireStatus(lost, 409);
  BOOST_TEST(lost.header("ETag") == "\"2\"");
  BOOST_TEST(lost.json().find("current")->dump() == budget.json().dump());

  const HttpResult cofinancing = other.get(std::string(kPartner) + "/cofinancing");
  const HttpResult replaced = other.put(std::string(kPartner) + "/cofinancing", cofinancing.body,
                                        ifMatch(cofinancing.header("ETag")));
  requireStatus(replaced, 200);
  BOOST_TEST(replaced.header("ETag") == "\"3\"");
  BOOST_TEST(versionOf(client->get(kPartner).json()) == 3);
  BOOST_TEST(client->get(kPartner).json().find("name")->asString() ==
             "VšĮ „Rokiškio jaunimo centras“");
}

BOOST_AUTO_TEST_CASE(a_change_without_a_version_is_428_and_changes_nothing) {
  importDemo();
  const std::string before = snapshot();
  const std::string programme = "/api/v1/programmes/LV-LT-2014-2020";
  const auto unversioned = [](const HttpResult& result) {
    return crossgrant::test::withoutMember(result.json(), "version").dump();
  };
  const std::vector<HttpResult> refused = {
      client->put(programme, unversioned(client->get(programme))),
      client->put(kProject, unversioned(client->get(kProject))),
      client->put(kPartner, unversioned(client->get(kPartner))),
      client->put(std::string(kPartner) + "/budget",
                  client->get(std::string(kPartner) + "/budget").body),
      client->put(std::string(kPartner) + "/cofinancing",
                  client->get(std::string(kPartner) + "/cofinancing").body),
      client->del(kPartner),
      client->del(kProject),
      client->del(programme),
  };
  for (const HttpResult& result : refused) {
    BOOST_TEST(result.status == 428, result.body);
    BOOST_TEST(errorCode(result) == "precondition_required");
    BOOST_TEST(result.body.find("If-Match") != std::string::npos);
  }
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(malformed_or_contradictory_versions_are_400) {
  importDemo();
  const std::string before = snapshot();
  const Json project = client->get(kProject).json();
  const std::string body = project.dump();
  for (const char* header : {"W/\"1\"", "*", "1", "\"abc\"", "\"1\", \"2\"", "\"01\""}) {
    const HttpResult result = client->put(kProject, body, ifMatch(header));
    BOOST_TEST(result.status == 400, header << ": " << result.body);
    BOOST_TEST(errorCode(result) == "invalid");
  }
  for (const Json& version : {Json("1"), Json(0), Json(-1), Json(nullptr)}) {
    const HttpResult result = client->put(kProject, withMember(project, "version", version).dump());
    BOOST_TEST(result.status == 400, result.body);
    BOOST_TEST(result.json().find("error")->find("pointer")->asString() == "/version");
  }
  const HttpResult disagree = client->put(kProject, body, ifMatch("\"2\""));
  BOOST_TEST(disagree.status == 400, disagree.body);
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(a_stale_delete_is_409_and_deletes_nothing) {
  importDemo();
  const HttpResult read = client->get(kPartner);
  requireStatus(client->put(kPartner, read.body), 200);
  const std::string before = snapshot();

  const HttpResult stale = client->del(kPartner, ifMatch(read.header("ETag")));
  requireStatus(stale, 409);
  BOOST_TEST(versionOf(*stale.json().find("current")) == 2);
  BOOST_TEST(snapshot() == before);

  requireStatus(client->del(kPartner, ifMatch("\"2\"")), 204);
  requireStatus(client->get(kPartner), 404);
  // A delete may carry its version in a body instead.
  const HttpResult lead = client->get("/api/v1/projects/LLI-317/partners/PP2");
  requireStatus(client->send("DELETE", "/api/v1/projects/LLI-317/partners/PP2",
                             Json::object().set("version", versionOf(lead.json())).dump(),
                             "application/json"),
                204);
}

BOOST_AUTO_TEST_CASE(a_bundle_replace_over_a_stale_export_is_409_and_replaces_nothing) {
  importDemo();
  const std::string kBundle = std::string(kProject) + "/bundle";
  const HttpResult exported = client->get(kBundle);
  const std::string tag = exported.header("ETag");
  BOOST_REQUIRE_EQUAL(tag.size(), 66u);
  BOOST_TEST(client->get(kBundle).header("ETag") == tag);  // the same state, the same tag
  // Someone renames partner PP6 after the export...
  const HttpResult partner = client->get(kPartner);
  requireStatus(
      client->put(kPartner, withMember(partner.json(), "name", "VšĮ Rokiškio centras").dump(false)),
      200);
  const std::string before = snapshot();
  // ...so replacing the whole project from that export would undo the rename unseen.
  const auto replace = [&](const std::string& etag) {
    return client->send("POST", "/api/v1/bundles?replace=true", exported.body, "application/json",
                        false, ifMatch(etag));
  };
  const HttpResult stale = replace(tag);
  requireStatus(stale, 409);
  BOOST_TEST(errorCode(stale) == "conflict");
  BOOST_TEST(snapshot() == before);
  requireStatus(replace("\"3\""), 400);
  requireStatus(replace(client->get(kBundle).header("ETag")), 200);
}

BOOST_AUTO_TEST_CASE(a_bundle_replace_needs_if_match_naming_the_current_export) {
  importDemo();
  const std::string kBundle = std::string(kProject) + "/bundle";
  createUser("replacing-lead", {{crossgrant::core::Role::kLead, "", "LLI-317", ""}});
  HttpTestClient lead(server.port(), openSession("replacing-lead"));
  const HttpResult exported = lead.get(kBundle);
  requireStatus(exported, 200);
  const std::string tag = exported.header("ETag");
  // The replacement a spreadsheet round trip would send: the export with a new acronym.
  const Json base = exported.json();
  const std::string changed =
      withMember(base, "project", withMember(*base.find("project"), "acronym", "SocQuality-2"))
          .dump();
  const auto replace = [&](HttpTestClient& by, const HttpHeaders& headers) {
    return by.send("POST", "/api/v1/bundles?replace=true", changed, "application/json", false,
                   headers);
  };

  // Without If-Match: 428, for the lead and the admin alike, and nothing changes.
  std::string before = snapshot();
  std::size_t entries = auditTrail().size();
  for (HttpTestClient* by : {&lead, &*client}) {
    const HttpResult unnamed = replace(*by, {});
    requireStatus(unnamed, 428);
    BOOST_TEST(errorCode(unnamed) == "precondition_required");
  }
  BOOST_TEST(snapshot() == before);
  BOOST_TEST(auditTrail().size() == entries);

  // A PUT of a partner after that export makes it stale: 409, and nothing changes.
  const HttpResult partner = lead.get(kPartner);
  requireStatus(
      lead.put(kPartner, withMember(partner.json(), "name", "VšĮ Rokiškio centras").dump(),
               ifMatch(partner.header("ETag"))),
      200);
  before = snapshot();
  entries = auditTrail().size();
  const HttpResult stale = replace(lead, ifMatch(tag));
  requireStatus(stale, 409);
  BOOST_TEST(errorCode(stale) == "conflict");
  BOOST_TEST(snapshot() == before);
  BOOST_TEST(auditTrail().size() == entries);
  BOOST_TEST(lead.get(kPartner).json().find("name")->asString() == "VšĮ Rokiškio centras");

  // Based on the current export: 200, replaced, one entry.
  const std::string current = lead.get(kBundle).header("ETag");
  BOOST_TEST(current != tag);
  requireStatus(replace(lead, ifMatch(current)), 200);
  BOOST_TEST(lead.get(kProject).json().find("acronym")->asString() == "SocQuality-2");
  BOOST_TEST(auditTrail().size() == entries + 1);
  BOOST_TEST(auditTrail().back().action == "import");
  BOOST_TEST(auditTrail().back().role == "lead");
  // That state's tag is used up: the same If-Match again is stale.
  requireStatus(replace(lead, ifMatch(current)), 409);
}

// Many clients PUT at once, all based on version 1: exactly one wins, every other one gets
// 409, and what is stored is the winner's change.
void race(HttpApiFixture& fixture, const std::string& target, const char* field) {
  constexpr int kClients = 8;
  const Json read = fixture.client->get(target).json();
  std::vector<std::unique_ptr<HttpTestClient>> clients;
  for (int i = 0; i < kClients; ++i)
    clients.push_back(std::make_unique<HttpTestClient>(fixture.server.port(), fixture.adminToken));

  std::atomic<int> ready{0};
  std::vector<HttpResult> results(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      const std::string body =
          withMember(read, field, "Lenktynės " + std::to_string(i) + " ąčęėįšųūž").dump();
      ++ready;
      while (ready.load() < kClients) std::this_thread::yield();
      results[i] = clients[i]->put(target, body, ifMatch("\"1\""));
    });
  }
  for (std::thread& thread : threads) thread.join();

  int winners = 0;
  std::string winner;
  for (int i = 0; i < kClients; ++i) {
    if (results[i].status == 200) {
      ++winners;
      winner = results[i].body;
    } else {
      BOOST_TEST(results[i].status == 409, results[i].body);
    }
  }
  BOOST_REQUIRE(winners == 1);
  const Json stored = fixture.client->get(target).json();
  BOOST_TEST(stored.dump() == Json::parse(winner).dump());
  BOOST_TEST(versionOf(stored) == 2);
  for (const HttpResult& result : results)
    if (result.status == 409) BOOST_TEST(result.json().find("current")->dump() == stored.dump());
}

BOOST_AUTO_TEST_CASE(concurrent_project_updates_on_one_version_exactly_one_wins) {
  importDemo();
  race(*this, kProject, "acronym");
}

BOOST_AUTO_TEST_CASE(concurrent_partner_updates_on_one_version_exactly_one_wins) {
  importDemo();
  race(*this, kPartner, "name");
}

BOOST_AUTO_TEST_SUITE_END()
