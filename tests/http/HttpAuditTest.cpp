// The audit trail over real HTTP: every change appends exactly one entry in its transaction,
// with who, from where, what, and the object before and after; a refused change appends none;
// GET /api/v1/audit filters and pages.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "HttpApiFixture.h"
#include "crossgrant/store/AuditLog.h"

using crossgrant::core::Json;
using crossgrant::test::HttpApiFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::requireStatus;
using crossgrant::test::withMember;

namespace {

constexpr const char* kProject = "/api/v1/projects/LLI-317";
constexpr const char* kPartner = "/api/v1/projects/LLI-317/partners/PP6";

std::string text(const Json& object, const char* key) {
  const Json* member = object.find(key);
  return member != nullptr && member->isString() ? member->asString() : "<missing>";
}

struct AuditFixture : HttpApiFixture {
  std::vector<Json> entries(const std::string& query = "") {
    const HttpResult result = client->get("/api/v1/audit" + query);
    requireStatus(result, 200);
    return result.json().find("entries")->items();
  }
  bool intact() {
    return context.database()
        .write([this](crossgrant::store::Connection& c) {
          return crossgrant::store::verifyAudit(c, context.auditKey());
        })
        .intact();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_audit, AuditFixture)

BOOST_AUTO_TEST_CASE(each_change_appends_one_entry_with_before_and_after) {
  const std::size_t earlier = entries().size();  // the fixture's user and login
  importDemo();
  std::vector<Json> log = entries("?project=LLI-317");
  BOOST_REQUIRE(log.size() == 1u);
  BOOST_TEST(entries().size() == earlier + 1);
  const Json import = log[0];
  BOOST_TEST(import.find("sequence")->asInteger() == static_cast<std::int64_t>(earlier) + 1);
  BOOST_TEST(text(import, "user") == kAdminName);
  BOOST_TEST(text(import, "action") == "import");
  BOOST_TEST(text(import, "object_type") == "bundle");
  BOOST_TEST(text(import, "object_key") == "LLI-317");
  BOOST_TEST(text(import, "project") == "LLI-317");
  BOOST_TEST(text(import, "client") == "127.0.0.1");
  BOOST_TEST(import.find("before")->isNull());
  BOOST_TEST(text(*import.find("after")->find("project"), "code") == "LLI-317");
  BOOST_TEST(text(import, "hash").size() == 64u);

  const HttpResult read = client->get(kPartner);
  const Json renamed = withMember(read.json(), "name", "VšĮ „Rokiškio jaunimo centras“");
  requireStatus(client->put(kPartner, renamed.dump()), 200);
  log = entries("?project=LLI-317");
  BOOST_REQUIRE(log.size() == 2u);
  const Json update = log[1];
  BOOST_TEST(text(update, "action") == "update");
  BOOST_TEST(text(update, "object_type") == "partner");
  BOOST_TEST(text(update, "object_key") == "LLI-317/PP6");
  BOOST_TEST(text(update, "project") == "LLI-317");
  BOOST_TEST(text(update, "previous_hash") == text(import, "hash"));
  BOOST_TEST(update.find("before")->dump() == read.json().dump());
  BOOST_TEST(update.find("after")->dump() == client->get(kPartner).json().dump());
  BOOST_TEST(text(*update.find("after"), "name") == "VšĮ „Rokiškio jaunimo centras“");

  const Json budget =
      Json::array().push(Json::object().set("category", "staff").set("amount", "1.00"));
  requireStatus(
      client->put(std::string(kPartner) + "/budget", budget.dump(), {{"If-Match", "\"2\""}}), 200);
  requireStatus(client->del(kPartner, {{"If-Match", "\"3\""}}), 204);
  log = entries("?project=LLI-317");
  BOOST_REQUIRE(log.size() == 4u);
  BOOST_TEST(text(log[2], "object_type") == "budget");
  BOOST_TEST(log[2].find("after")->dump() == budget.dump());
  BOOST_TEST(text(log[3], "action") == "delete");
  BOOST_TEST(log[3].find("after")->isNull());
  BOOST_TEST(log[3].find("before")->find("version")->asInteger() == 3);
  BOOST_TEST(intact());
}

BOOST_AUTO_TEST_CASE(a_replacing_import_records_the_previous_bundle) {
  importDemo();
  const std::string demo = crossgrant::test::readFile(crossgrant::test::demoBundlePath());
  const Json changed =
      withMember(Json::parse(demo), "project",
                 withMember(*Json::parse(demo).find("project"), "acronym", "Cits"));
  requireStatus(replaceBundle(*client, changed.dump()), 200);
  const std::vector<Json> log = entries("?project=LLI-317");
  BOOST_REQUIRE(log.size() == 2u);
  BOOST_TEST(text(*log[1].find("before")->find("project"), "acronym") == "SocQuality");
  BOOST_TEST(text(*log[1].find("after")->find("project"), "acronym") == "Cits");
}

BOOST_AUTO_TEST_CASE(deleting_a_project_records_it_with_its_partners) {
  importDemo();
  const HttpResult bundle = client->get("/api/v1/projects/LLI-317/bundle");
  requireStatus(client->del(kProject, {{"If-Match", "\"1\""}}), 204);
  const std::vector<Json> log = entries("?project=LLI-317");
  BOOST_REQUIRE(log.size() == 2u);
  BOOST_TEST(text(log[1], "action") == "delete");
  BOOST_TEST(text(log[1], "object_type") == "project");
  BOOST_TEST(log[1].find("before")->dump() == bundle.json().dump());
  BOOST_TEST(log[1].find("before")->find("partners")->items().size() == 8u);
  BOOST_TEST(log[1].find("after")->isNull());
  BOOST_TEST(intact());
}

BOOST_AUTO_TEST_CASE(refused_changes_append_nothing) {
  importDemo();
  const std::size_t before = entries().size();
  const Json project = client->get(kProject).json();
  requireStatus(client->put(kProject, withMember(project, "version", 7).dump()), 409);
  requireStatus(client->put(kProject, crossgrant::test::withoutMember(project, "version").dump()),
                428);
  requireStatus(client->put(kProject, withMember(project, "currency", "EURO").dump()), 400);
  requireStatus(client->post("/api/v1/bundles",
                             crossgrant::test::readFile(crossgrant::test::demoBundlePath())),
                409);
  requireStatus(client->del("/api/v1/programmes/LV-LT-2014-2020", {{"If-Match", "\"1\""}}), 409);
  BOOST_TEST(entries().size() == before);
  BOOST_TEST(intact());
}

BOOST_AUTO_TEST_CASE(audit_filters_by_project_and_date_and_pages) {
  const std::size_t earlier = entries().size();
  importDemo();
  const Json programme = Json::object()
                             .set("code", "EE-LV-2021-2027")
                             .set("name", "Igaunijas–Latvijas programma")
                             .set("rules", "interreg-2021-2027")
                             .set("fund", "ERDF");
  requireStatus(client->post("/api/v1/programmes", programme.dump()), 201);
  for (int i = 0; i < 3; ++i) {
    const HttpResult read = client->get(kProject);
    requireStatus(
        client->put(kProject,
                    withMember(read.json(), "acronym", "SocQuality " + std::to_string(i)).dump()),
        200);
  }
  BOOST_TEST(entries().size() == earlier + 5);
  const std::vector<Json> project = entries("?project=LLI-317");
  BOOST_REQUIRE(project.size() == 4u);
  for (const Json& entry : project) BOOST_TEST(text(entry, "project") == "LLI-317");
  BOOST_TEST(entries("?project=NO-SUCH").empty());

  // By user and by action, exactly.
  const std::vector<Json> updates = entries("?action=update&user=" + std::string(kAdminName));
  BOOST_REQUIRE(updates.size() == 3u);
  for (const Json& entry : updates) {
    BOOST_TEST(text(entry, "action") == "update");
    BOOST_TEST(text(entry, "user") == kAdminName);
  }
  BOOST_TEST(entries("?action=update&user=nobody").empty());
  BOOST_TEST(entries("?action=UPDATE").empty());
  BOOST_TEST(entries("?project=LLI-317&action=import").size() == 1u);

  const std::string today = text(entries().back(), "at").substr(0, 10);
  BOOST_TEST(entries("?from=" + today + "&to=" + today).size() >= 5u);
  BOOST_TEST(entries("?to=2000-01-01").empty());
  BOOST_TEST(entries("?from=9999-01-01").empty());

  const HttpResult first = client->get("/api/v1/audit?project=LLI-317&limit=3");
  requireStatus(first, 200);
  const Json page = first.json();
  BOOST_TEST(page.find("entries")->items().size() == 3u);
  const std::int64_t next = page.find("next")->asInteger();
  BOOST_TEST(next == project[2].find("id")->asInteger());
  const Json last =
      client->get("/api/v1/audit?project=LLI-317&limit=3&after=" + std::to_string(next)).json();
  BOOST_REQUIRE(last.find("entries")->items().size() == 1u);
  BOOST_TEST(last.find("entries")->items()[0].dump() == project[3].dump());
  BOOST_TEST(last.find("next")->isNull());

  for (const char* bad : {"?limit=0", "?limit=1001", "?after=-1", "?after=x", "?from=2026-02-30",
                          "?from=2026-02-02&to=2026-02-01", "?who=ilze"}) {
    const HttpResult result = client->get(std::string("/api/v1/audit") + bad);
    BOOST_TEST(result.status == 400, bad << ": " << result.body);
  }
}

BOOST_AUTO_TEST_CASE(verify_answers_what_the_command_line_finds_with_and_without_a_head) {
  importDemo();
  const Json programme = Json::object()
                             .set("code", "EE-LV-2021-2027")
                             .set("name", "Igaunijas–Latvijas programma")
                             .set("rules", "interreg-2021-2027")
                             .set("fund", "ERDF");
  requireStatus(client->post("/api/v1/programmes", programme.dump()), 201);
  const Json intact = client->get("/api/v1/audit/verify").json();
  BOOST_TEST(intact.find("intact")->asBool());
  BOOST_TEST(intact.find("broken")->isNull());
  const std::vector<Json> all = entries();
  BOOST_REQUIRE(all.size() >= 2u);
  BOOST_TEST(intact.find("checked")->asInteger() == static_cast<std::int64_t>(all.size()));
  // The project's entries (its import) are in its chain, the programme's in the installation's.
  const Json heads = *intact.find("heads");
  BOOST_TEST(text(heads, "format") == "crossgrant-audit-head/2");
  BOOST_TEST(intact.find("chains")->asInteger() == 2);
  const Json projectEntry = entries("?project=LLI-317").back();
  const std::string chain = text(projectEntry, "chain");
  BOOST_TEST(chain.rfind("project:", 0) == 0u, chain);
  BOOST_TEST(text(entries().back(), "chain") == "installation");
  const Json* head = nullptr;
  for (const Json& item : heads.find("chains")->items())
    if (text(item, "chain") == chain) head = &item;
  BOOST_REQUIRE(head != nullptr);
  BOOST_TEST(head->find("sequence")->asInteger() == projectEntry.find("sequence")->asInteger());
  BOOST_TEST(text(*head, "mac") == text(projectEntry, "hash"));
  const std::string withHead = "/api/v1/audit/verify?chain=" + chain +
                               "&sequence=" + std::to_string(head->find("sequence")->asInteger()) +
                               "&mac=" + text(*head, "mac");
  BOOST_TEST(client->get(withHead).json().find("intact")->asBool());

  // The project's last entry cut off and its chain's row rewound: whole alone, not against the
  // head. (Its import is its only entry here, so the chain is left empty.)
  const std::int64_t last = head->find("sequence")->asInteger();
  BOOST_REQUIRE(last == 1);
  const std::string identity = chain.substr(8);
  context.database().write([&](crossgrant::store::Connection& c) {
    c.execute("DELETE FROM audit_entries WHERE chain = ? AND sequence = ?", {identity, last});
    c.execute("UPDATE audit_chains SET last_sequence = 0, last_hash = ? WHERE chain = ?",
              {std::string(64, '0'), identity});
  });
  BOOST_TEST(client->get("/api/v1/audit/verify").json().find("intact")->asBool());
  const HttpResult cut = client->get(withHead);
  requireStatus(cut, 200);
  BOOST_TEST(!cut.json().find("intact")->asBool());
  BOOST_TEST(cut.json().find("heads")->isNull());
  const Json broken = *cut.json().find("broken");
  BOOST_TEST(broken.find("sequence")->asInteger() == last);
  BOOST_TEST(text(broken, "chain") == chain);
  BOOST_TEST(text(broken, "kind") == "removed");
  BOOST_TEST(text(broken, "message")
                     .find("entry " + std::to_string(last) +
                           " of the chain of "
                           "project LLI-317") != std::string::npos,
             text(broken, "message"));

  for (const char* bad :
       {"?sequence=1", "?mac=00", "?sequence=x&mac=00", "?sequence=1&mac=xyz", "?project=LLI-317",
        "?chain=LLI-317&sequence=1&mac=00", "?chain=installation"}) {
    const HttpResult result = client->get(std::string("/api/v1/audit/verify") + bad);
    BOOST_TEST(result.status == 400, bad << ": " << result.body);
  }
  createUser("verify-lead", {crossgrant::core::Grant{crossgrant::core::Role::kLead,
                                                     "LV-LT-2014-2020", "LLI-317", ""}});
  client->setBearer(openSession("verify-lead"));
  BOOST_TEST(client->get("/api/v1/audit/verify").status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
