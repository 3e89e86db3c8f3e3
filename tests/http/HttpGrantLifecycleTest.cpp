// A grant belongs to the object it scopes: deleting a partner (or a project, or dropping a
// partner by bundle replace) revokes the grants on it, so that an object later created with the
// same code does not let the old organisation's users in.
#include <boost/test/unit_test.hpp>
#include <string>

#include "HttpApiFixture.h"
#include "crossgrant/store/AuditLog.h"

using crossgrant::core::Grant;
using crossgrant::core::Json;
using crossgrant::core::Role;
using crossgrant::test::HttpApiFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::HttpTestClient;

namespace {

constexpr const char* kPartner = "/api/v1/projects/LLI-317/partners/PP6";

std::int64_t revokes(HttpApiFixture& f, const std::string& user) {
  std::int64_t count = 0;
  for (const auto& entry : f.auditTrail())
    if (entry.action == "revoke" && entry.objectKey == user) ++count;
  return count;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_grant_lifecycle, HttpApiFixture)

BOOST_AUTO_TEST_CASE(a_partner_recreated_with_the_same_code_does_not_inherit_old_grants) {
  importDemo();
  createUser("old-pp6", {Grant{Role::kPartner, "", "LLI-317", "PP6"}});
  HttpTestClient oldStaff(server.port(), openSession("old-pp6"));
  const HttpResult before = oldStaff.get(kPartner);
  BOOST_REQUIRE_EQUAL(before.status, 200);

  const HttpResult current = client->get(kPartner);
  BOOST_REQUIRE_EQUAL(current.status, 200);
  const HttpResult deleted = client->del(kPartner, {{"If-Match", current.header("etag")}});
  BOOST_REQUIRE_EQUAL(deleted.status, 200);
  BOOST_TEST(revokes(*this, "old-pp6") == 1);
  // The answer says whose grants went with the partner.
  const Json answer = deleted.json();
  const Json& revoked = *answer.find("revoked");
  BOOST_REQUIRE_EQUAL(revoked.items().size(), 1u);
  BOOST_TEST(revoked.items()[0].find("user")->asString() == "old-pp6");
  BOOST_TEST(revoked.items()[0].find("role")->asString() == "partner");
  BOOST_TEST(revoked.items()[0].find("partner")->asString() == "PP6");

  // A new organisation under the same code.
  const Json stored = current.json();
  Json partner = Json::object();
  for (const auto& [key, value] : stored.members())
    if (key != "version") partner.set(key, key == "name" ? Json("Jauna organizācija") : value);
  BOOST_REQUIRE_EQUAL(client->post("/api/v1/projects/LLI-317/partners", partner.dump(false)).status,
                      201);
  BOOST_TEST(oldStaff.get(kPartner).status == 404);
  BOOST_TEST(oldStaff.get("/api/v1/projects/LLI-317").status == 404);
}

BOOST_AUTO_TEST_CASE(replacing_a_bundle_without_a_partner_revokes_its_grants) {
  importDemo();
  createUser("pp7-staff", {Grant{Role::kPartner, "", "LLI-317", "PP7"}});
  createUser("pp6-staff", {Grant{Role::kPartner, "", "LLI-317", "PP6"}});
  Json bundle = client->get("/api/v1/projects/LLI-317/bundle").json();
  Json trimmed = Json::object();
  for (const auto& [key, value] : bundle.members()) {
    if (key != "partners") {
      trimmed.set(key, value);
      continue;
    }
    Json partners = Json::array();
    for (const Json& p : value.items())
      if (p.find("code")->asString() != "PP7") partners.push(p);
    trimmed.set(key, partners);
  }
  const HttpResult replaced = replaceBundle(*client, trimmed.dump(false));
  BOOST_REQUIRE_EQUAL(replaced.status, 200);
  const Json answer = replaced.json();
  const Json& revoked = *answer.find("revoked");
  BOOST_REQUIRE_EQUAL(revoked.items().size(), 1u);
  BOOST_TEST(revoked.items()[0].find("user")->asString() == "pp7-staff");
  BOOST_TEST(revokes(*this, "pp7-staff") == 1);
  BOOST_TEST(revokes(*this, "pp6-staff") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
