// Versions never go back, so that an edit based on a copy read before a bundle replace, or
// before a partner was deleted and created again, is stale and changes nothing.
#include <boost/test/unit_test.hpp>
#include <string>

#include "HttpApiFixture.h"

using crossgrant::core::Json;
using crossgrant::test::HttpApiFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::withMember;

namespace {

constexpr const char* kPartner = "/api/v1/projects/LLI-317/partners/PP6";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_versions, HttpApiFixture)

BOOST_AUTO_TEST_CASE(an_edit_based_on_a_copy_read_before_a_replace_is_stale) {
  importDemo();
  const HttpResult old = client->get(kPartner);
  BOOST_REQUIRE_EQUAL(old.status, 200);
  const std::string bundle = client->get("/api/v1/projects/LLI-317/bundle").body;
  const HttpResult replaced = replaceBundle(*client, bundle);
  BOOST_REQUIRE_EQUAL(replaced.status, 200);
  const std::string after = snapshot();

  const HttpResult current = client->get(kPartner);
  BOOST_TEST(current.json().find("version")->asInteger() > old.json().find("version")->asInteger());
  Json partner = Json::object();
  const Json oldPartner = old.json();
  for (const auto& [key, value] : oldPartner.members())
    if (key != "version") partner.set(key, key == "name" ? Json("Stale name") : value);
  const HttpResult stale =
      client->put(kPartner, partner.dump(false), {{"If-Match", old.header("etag")}});
  BOOST_TEST(stale.status == 409, stale.status << " " << stale.body);
  BOOST_TEST(snapshot() == after);
}

BOOST_AUTO_TEST_CASE(a_partner_deleted_and_created_again_refuses_an_etag_of_its_earlier_life) {
  importDemo();
  const HttpResult first = client->get(kPartner);
  BOOST_REQUIRE_EQUAL(first.status, 200);
  Json partner = Json::object();
  const Json firstPartner = first.json();
  for (const auto& [key, value] : firstPartner.members())
    if (key != "version") partner.set(key, value);
  // Two edits, so that the first life reaches a version a new partner would also reach.
  HttpResult edited = client->put(kPartner, withMember(partner, "name", Json("A")).dump(false),
                                  {{"If-Match", first.header("etag")}});
  BOOST_REQUIRE_EQUAL(edited.status, 200);
  const HttpResult second = client->get(kPartner);
  BOOST_REQUIRE_EQUAL(client->del(kPartner, {{"If-Match", second.header("etag")}}).status, 204);
  BOOST_REQUIRE_EQUAL(client->post("/api/v1/projects/LLI-317/partners", partner.dump(false)).status,
                      201);
  const HttpResult recreated = client->get(kPartner);
  BOOST_TEST(recreated.json().find("version")->asInteger() >
             second.json().find("version")->asInteger());
  const std::string after = snapshot();
  for (const HttpResult* earlier : {&first, &second}) {
    const HttpResult stale =
        client->put(kPartner, withMember(partner, "name", Json("B")).dump(false),
                    {{"If-Match", earlier->header("etag")}});
    BOOST_TEST(stale.status == 409, stale.status << " " << stale.body);
  }
  BOOST_TEST(snapshot() == after);
}

BOOST_AUTO_TEST_SUITE_END()
