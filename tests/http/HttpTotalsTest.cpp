// Sums that would not fit in an amount are refused where they are formed, with their pointer,
// and change nothing.
#include <boost/test/unit_test.hpp>

#include <functional>
#include <string>

#include "HttpApiFixture.h"

using crossgrant::core::Json;
using crossgrant::test::HttpApiFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::withMember;

namespace {

constexpr const char* kLargest = "92233720368547758.07";
constexpr const char* kPartner = "/api/v1/projects/LLI-317/partners/PP6";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// A budget array whose first two lines are each the largest amount.
Json hugeBudget(const Json& budget) {
  Json lines = Json::array();
  for (std::size_t i = 0; i < budget.items().size(); ++i)
    lines.push(i < 2 ? withMember(budget.items()[i], "amount", Json(kLargest)) : budget.items()[i]);
  return lines;
}

/// The 400 answer names pointer among its errors and says the total is too large.
void requireTooLarge(const HttpResult& result, const std::string& pointer) {
  BOOST_REQUIRE_MESSAGE(result.status == 400, result.status << " " << result.body);
  const Json error = *result.json().find("error");
  const Json* errors = error.find("errors");
  BOOST_REQUIRE_MESSAGE(errors != nullptr, result.body);
  bool found = false;
  for (const Json& item : errors->items())
    if (item.find("pointer")->asString() == pointer &&
        contains(item.find("message")->asString(), "the largest amount crossgrant stores"))
      found = true;
  BOOST_TEST(found, result.body);
}

/// PUTs PP6 as stored, but for its member key, which change turns into what it returns; the
/// version is the one read (If-Match).
HttpResult putPartnerChanged(HttpApiFixture& f, const std::string& key,
                             const std::function<Json(const Json&)>& change) {
  const HttpResult current = f.client->get(kPartner);
  BOOST_REQUIRE_EQUAL(current.status, 200);
  const Json stored = current.json();
  Json partner = Json::object();
  for (const auto& [name, value] : stored.members())
    if (name != "version") partner.set(name, name == key ? change(value) : value);
  return f.client->put(kPartner, partner.dump(false), {{"If-Match", current.header("etag")}});
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_totals, HttpApiFixture)

BOOST_AUTO_TEST_CASE(a_budget_whose_lines_overflow_when_added_is_refused_and_nothing_changes) {
  importDemo();
  const std::string before = snapshot();
  const HttpResult current = client->get(std::string(kPartner) + "/budget");
  BOOST_REQUIRE_EQUAL(current.status, 200);
  const HttpResult put =
      client->put(std::string(kPartner) + "/budget", hugeBudget(current.json()).dump(false),
                  {{"If-Match", current.header("etag")}});
  requireTooLarge(put, "");
  BOOST_TEST(snapshot() == before);
  BOOST_TEST(client->get("/api/v1/projects/LLI-317/findings").status == 200);
}

BOOST_AUTO_TEST_CASE(a_partner_whose_budget_overflows_is_refused_at_its_budget) {
  importDemo();
  const std::string before = snapshot();
  requireTooLarge(putPartnerChanged(*this, "budget", hugeBudget), "/budget");
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(partners_whose_totals_overflow_together_are_refused_at_the_partner) {
  importDemo();
  const std::string before = snapshot();
  requireTooLarge(putPartnerChanged(*this, "total", [](const Json&) { return Json(kLargest); }),
                  "");
  BOOST_TEST(snapshot() == before);
  BOOST_TEST(client->get("/api/v1/projects/LLI-317/findings").status == 200);
}

BOOST_AUTO_TEST_CASE(a_bundle_whose_sums_overflow_is_refused_and_not_stored) {
  importDemo();
  const std::string before = snapshot();
  Json bundle = client->get("/api/v1/projects/LLI-317/bundle").json();
  Json partners = Json::array();
  const auto& items = bundle.find("partners")->items();
  for (std::size_t i = 0; i < items.size(); ++i)
    partners.push(i == 2 ? withMember(items[i], "budget", hugeBudget(*items[i].find("budget")))
                         : items[i]);
  const HttpResult replaced =
      replaceBundle(*client, withMember(bundle, "partners", partners).dump(false));
  requireTooLarge(replaced, "/partners/2/budget");
  BOOST_TEST(snapshot() == before);
  BOOST_TEST(client->get("/api/v1/projects/LLI-317/findings").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
