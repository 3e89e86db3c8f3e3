// The API over a real server and loopback HTTP: health, the OpenAPI document, bundles,
// findings, and create/read/update/delete of programmes, projects and partners with Latvian
// and Lithuanian text.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <Poco/String.h>

#include "HttpApiFixture.h"

using crossgrant::core::Json;
using crossgrant::test::HttpApiFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::requireStatus;
using crossgrant::test::withMember;

namespace {

constexpr const char* kJsonType = "application/json; charset=utf-8";

std::string text(const Json& object, const char* key) {
  const Json* member = object.find(key);
  return member != nullptr && member->isString() ? member->asString() : "<missing>";
}

/// "code partner expected actual difference" per finding, for comparing finding lists.
std::vector<std::string> findingSummary(const Json& body) {
  std::vector<std::string> lines;
  const Json* findings = body.find("findings");
  BOOST_REQUIRE(findings != nullptr && findings->isArray());
  for (const Json& finding : findings->items()) {
    lines.push_back(text(finding, "code") + " " +
                    (finding.find("partner") ? text(finding, "partner") : "-") + " " +
                    text(finding, "expected") + " " + text(finding, "actual") + " " +
                    text(finding, "difference"));
  }
  return lines;
}

const std::vector<std::string> kDemoFindings = {
    "contributions_mismatch PP6 94535.16 94535.11 -0.05",
    "project_fund_mismatch - 672567.74 672567.64 -0.10",
};

std::vector<std::string> codesOf(const Json& list, const char* key) {
  std::vector<std::string> codes;
  for (const Json& item : list.find(key)->items()) codes.push_back(text(item, "code"));
  return codes;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_api, HttpApiFixture)

BOOST_AUTO_TEST_CASE(health_reports_ok_and_the_backend) {
  const HttpResult result = client->get("/health");
  requireStatus(result, 200);
  BOOST_TEST(result.contentType == kJsonType);
  const Json body = result.json();
  BOOST_TEST(text(body, "status") == "ok");
  BOOST_TEST(text(body, "database") == crossgrant::test::backend());
}

BOOST_AUTO_TEST_CASE(openapi_document_parses_and_lists_exactly_the_routes) {
  const HttpResult result = client->get("/api/v1/openapi.json");
  requireStatus(result, 200);
  BOOST_TEST(result.contentType == kJsonType);
  const Json document = result.json();
  BOOST_TEST(text(document, "openapi").rfind("3.0", 0) == 0u);
  BOOST_TEST(text(*document.find("info"), "version") == CROSSGRANT_VERSION);
  const Json* paths = document.find("paths");
  BOOST_REQUIRE(paths != nullptr && paths->isObject());

  std::set<std::string> routed;
  for (const auto& route : api.routes()) {
    const std::string method = Poco::toLower(route.method);
    routed.insert(route.pattern + " " + method);
    const Json* path = paths->find(route.pattern);
    BOOST_TEST((path != nullptr && path->find(method) != nullptr),
               route.method << " " << route.pattern << " is not in openapi.json");
  }
  for (const auto& [path, item] : paths->members()) {
    for (const auto& [method, operation] : item.members()) {
      if (method == "parameters") continue;
      BOOST_TEST(routed.count(path + " " + method) == 1u,
                 method << " " << path << " is documented but not routed");
      BOOST_TEST(operation.find("responses") != nullptr, method << " " << path);
    }
  }
}

BOOST_AUTO_TEST_CASE(bundle_import_creates_conflicts_and_replaces) {
  const std::string demo = crossgrant::test::readFile(crossgrant::test::demoBundlePath());
  const HttpResult created = client->post("/api/v1/bundles", demo);
  requireStatus(created, 201);
  BOOST_TEST(created.contentType == kJsonType);
  BOOST_TEST(created.header("Location") == "/api/v1/projects/LLI-317");
  BOOST_TEST(text(created.json(), "project") == "LLI-317");
  BOOST_TEST(findingSummary(created.json()) == kDemoFindings, boost::test_tools::per_element());

  const std::string before = snapshot();
  const HttpResult again = client->post("/api/v1/bundles", demo);
  requireStatus(again, 409);
  BOOST_TEST(text(*again.json().find("error"), "code") == "conflict");
  BOOST_TEST(snapshot() == before);

  const HttpResult replaced = replaceBundle(*client, demo);
  requireStatus(replaced, 200);
  BOOST_TEST(findingSummary(replaced.json()) == kDemoFindings, boost::test_tools::per_element());
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(export_is_stable_byte_exact_utf8_and_reimportable) {
  importDemo();
  const HttpResult first = client->get("/api/v1/projects/LLI-317/bundle");
  requireStatus(first, 200);
  BOOST_TEST(first.contentType == kJsonType);
  const HttpResult second = client->get("/api/v1/projects/LLI-317/bundle");
  BOOST_TEST(first.body == second.body);
  BOOST_TEST(first.body.find("\"Zemgales plānošanas reģions\"") != std::string::npos);
  BOOST_TEST(first.body.find("\"VšĮ Rokiškio jaunimo centras\"") != std::string::npos);
  BOOST_TEST(first.body.find("\\u") == std::string::npos);  // UTF-8 as is, never escaped
  BOOST_TEST(first.body.find("\"791256.20\"") != std::string::npos);

  requireStatus(replaceBundle(*client, first.body), 200);
  BOOST_TEST(client->get("/api/v1/projects/LLI-317/bundle").body == first.body);

  requireStatus(client->get("/api/v1/projects/NO-SUCH/bundle"), 404);
}

BOOST_AUTO_TEST_CASE(findings_endpoint_lists_the_demo_findings) {
  importDemo();
  const HttpResult result = client->get("/api/v1/projects/LLI-317/findings");
  requireStatus(result, 200);
  const Json body = result.json();
  BOOST_TEST(text(body, "project") == "LLI-317");
  BOOST_TEST(findingSummary(body) == kDemoFindings, boost::test_tools::per_element());
  const HttpResult missing = client->get("/api/v1/projects/NO-SUCH/findings");
  requireStatus(missing, 404);
  BOOST_TEST(text(*missing.json().find("error"), "code") == "not_found");
}

BOOST_AUTO_TEST_CASE(programme_round_trip_with_baltic_names) {
  const Json programme = Json::object()
                             .set("code", "LV-LT-2021-2027")
                             .set("name", "Latvijas–Lietuvas pārrobežu sadarbības programma")
                             .set("rules", "interreg-2021-2027")
                             .set("fund", "ERDF");
  const HttpResult created = client->post("/api/v1/programmes", programme.dump());
  requireStatus(created, 201);
  BOOST_TEST(created.header("Location") == "/api/v1/programmes/LV-LT-2021-2027");
  BOOST_TEST(created.header("ETag") == "\"1\"");
  BOOST_TEST(created.json().dump() == withMember(programme, "version", 1).dump());

  const HttpResult listed = client->get("/api/v1/programmes");
  requireStatus(listed, 200);
  BOOST_TEST(codesOf(listed.json(), "programmes") == std::vector<std::string>{"LV-LT-2021-2027"},
             boost::test_tools::per_element());

  const Json renamed = withMember(programme, "name",
                                  "Interreg VI-A Latvijos–Lietuvos programa ąčęėįšųūž āčēģīķļņšūž");
  const HttpResult updated =
      client->put(created.header("Location"), renamed.dump(), {{"If-Match", "\"1\""}});
  requireStatus(updated, 200);
  BOOST_TEST(updated.json().dump() == withMember(renamed, "version", 2).dump());
  BOOST_TEST(updated.header("ETag") == "\"2\"");
  const HttpResult fetched = client->get(created.header("Location"));
  requireStatus(fetched, 200);
  BOOST_TEST(fetched.contentType == kJsonType);
  BOOST_TEST(fetched.header("ETag") == "\"2\"");
  BOOST_TEST(fetched.body.find("Latvijos–Lietuvos programa ąčęėįšųūž āčēģīķļņšūž") !=
             std::string::npos);

  const HttpResult deleted = client->del(created.header("Location"), {{"If-Match", "\"2\""}});
  requireStatus(deleted, 204);
  BOOST_TEST(deleted.body.empty());
  requireStatus(client->get(created.header("Location")), 404);
  BOOST_TEST(codesOf(client->get("/api/v1/programmes").json(), "programmes").empty());
}

BOOST_AUTO_TEST_CASE(codes_in_paths_are_percent_decoded_utf8) {
  const Json programme = Json::object()
                             .set("code", "Ziemeļu–Baltijas 2021")
                             .set("name", "Šiaurės ir Baltijos šalių programa")
                             .set("rules", "interreg-2021-2027")
                             .set("fund", "ERDF");
  const HttpResult created = client->post("/api/v1/programmes", programme.dump());
  requireStatus(created, 201);
  const std::string location = created.header("Location");
  BOOST_TEST(location == "/api/v1/programmes/Zieme%C4%BCu%E2%80%93Baltijas%202021");
  const HttpResult fetched = client->get(location);
  requireStatus(fetched, 200);
  BOOST_TEST(text(fetched.json(), "code") == "Ziemeļu–Baltijas 2021");
}

BOOST_AUTO_TEST_CASE(project_round_trip_with_baltic_titles) {
  importDemo();
  const Json project =
      Json::object()
          .set("programme", "LV-LT-2014-2020")
          .set("code", "LLI-999")
          .set("acronym", "Ūdens")
          .set("title", Json::object()
                            .set("lt", "Vandens kokybės gerinimas Žiemgaloje ąčęėįšųūž")
                            .set("lv", "Ūdens kvalitātes uzlabošana Zemgalē āčēģīķļņšūž"))
          .set("start", "2019-01-01")
          .set("end", "2020-12-31")
          .set("currency", "EUR")
          .set("approved", Json::object().set("total", "1000.00").set("fund", "850.00"))
          .set("periods", Json::array().push(Json::object()
                                                 .set("number", 1)
                                                 .set("start", "2019-01-01")
                                                 .set("end", "2020-12-31")));
  const HttpResult created = client->post("/api/v1/projects", project.dump());
  requireStatus(created, 201);
  BOOST_TEST(created.header("Location") == "/api/v1/projects/LLI-999");
  BOOST_TEST(created.json().dump() == withMember(project, "version", 1).dump());

  const HttpResult listed = client->get("/api/v1/projects?programme=LV-LT-2014-2020");
  requireStatus(listed, 200);
  std::vector<std::string> codes = codesOf(listed.json(), "projects");
  std::sort(codes.begin(), codes.end());
  BOOST_TEST(codes == (std::vector<std::string>{"LLI-317", "LLI-999"}),
             boost::test_tools::per_element());
  requireStatus(client->get("/api/v1/projects?programme=NO-SUCH"), 404);

  // The version can travel in the body too, as a GET returned it.
  const Json changed = withMember(project, "acronym", "Ūdens–Vanduo");
  const HttpResult updated =
      client->put("/api/v1/projects/LLI-999", withMember(changed, "version", 1).dump());
  requireStatus(updated, 200);
  BOOST_TEST(updated.json().dump() == withMember(changed, "version", 2).dump());
  BOOST_TEST(client->get("/api/v1/projects/LLI-999").json().dump() ==
             withMember(changed, "version", 2).dump());

  requireStatus(client->del("/api/v1/projects/LLI-999", {{"If-Match", "\"2\""}}), 204);
  requireStatus(client->get("/api/v1/projects/LLI-999"), 404);
  BOOST_TEST(codesOf(client->get("/api/v1/projects").json(), "projects") ==
                 std::vector<std::string>{"LLI-317"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(partner_budget_and_cofinancing_round_trip) {
  importDemo();
  const Json partner =
      Json::object()
          .set("code", "PP8")
          .set("role", "partner")
          .set("name", "Kretingos rajono socialinių paslaugų centras „Šaltinėlis“ ąčęėįšųūž")
          .set("country", "LT")
          .set("legal_status", "public")
          .set("vat_recoverable", false)
          .set("total", "1000.00")
          .set("budget",
               Json::array().push(Json::object().set("category", "staff").set("amount", "1000.00")))
          .set("cofinancing", Json::array()
                                  .push(Json::object()
                                            .set("source", "ERDF")
                                            .set("type", "fund")
                                            .set("amount", "850.00"))
                                  .push(Json::object()
                                            .set("source", "Kretingos rajono savivaldybė")
                                            .set("type", "public")
                                            .set("amount", "150.00")));
  const std::string collection = "/api/v1/projects/LLI-317/partners";
  const HttpResult created = client->post(collection, partner.dump());
  requireStatus(created, 201);
  BOOST_TEST(created.header("Location") == collection + "/PP8");
  BOOST_TEST(created.json().dump() == withMember(partner, "version", 1).dump());
  const std::vector<std::string> codes = codesOf(client->get(collection).json(), "partners");
  BOOST_TEST(codes.size() == 9u);
  BOOST_TEST(codes.back() == "PP8");

  const Json budget = Json::array()
                          .push(Json::object().set("category", "staff").set("amount", "800.00"))
                          .push(Json::object().set("category", "travel").set("amount", "200.00"));
  // A budget or co-financing is versioned by its partner.
  const HttpResult budgetPut =
      client->put(collection + "/PP8/budget", budget.dump(), {{"If-Match", "\"1\""}});
  requireStatus(budgetPut, 200);
  BOOST_TEST(budgetPut.json().dump() == budget.dump());
  BOOST_TEST(budgetPut.header("ETag") == "\"2\"");
  BOOST_TEST(client->get(collection + "/PP8/budget").json().dump() == budget.dump());
  BOOST_TEST(client->get(collection + "/PP8/budget").header("ETag") == "\"2\"");

  const Json cofinancing =
      Json::array()
          .push(Json::object().set("source", "ERDF").set("type", "fund").set("amount", "850.00"))
          .push(Json::object()
                    .set("source", "Lietuvos Respublikos valstybės biudžetas")
                    .set("type", "public")
                    .set("amount", "150.00"));
  const HttpResult cofinancingPut =
      client->put(collection + "/PP8/cofinancing", cofinancing.dump(), {{"If-Match", "\"2\""}});
  requireStatus(cofinancingPut, 200);
  BOOST_TEST(cofinancingPut.header("ETag") == "\"3\"");
  BOOST_TEST(cofinancingPut.json().dump() == cofinancing.dump());
  BOOST_TEST(client->get(collection + "/PP8/cofinancing").json().dump() == cofinancing.dump());

  const Json renamed =
      withMember(withMember(withMember(partner, "name", "VšĮ „Žiburėlis“"), "budget", budget),
                 "cofinancing", cofinancing);
  const HttpResult updated =
      client->put(collection + "/PP8", renamed.dump(), {{"If-Match", "\"3\""}});
  requireStatus(updated, 200);
  BOOST_TEST(updated.json().dump() == withMember(renamed, "version", 4).dump());
  BOOST_TEST(client->get(collection + "/PP8").json().dump() ==
             withMember(renamed, "version", 4).dump());
  BOOST_TEST(client->get("/api/v1/projects/LLI-317/bundle").body.find("VšĮ „Žiburėlis“") !=
             std::string::npos);

  requireStatus(client->del(collection + "/PP8", {{"If-Match", "\"4\""}}), 204);
  requireStatus(client->get(collection + "/PP8"), 404);
  BOOST_TEST(codesOf(client->get(collection).json(), "partners").size() == 8u);
}

BOOST_AUTO_TEST_CASE(validation_errors_name_their_kind_and_values_for_translations) {
  importDemo();
  const std::string target = "/api/v1/projects/LLI-317/partners/PP6";
  const HttpResult read = client->get(target);
  requireStatus(read, 200);
  Json changed = withMember(read.json(), "country", "Lietuva");
  changed = withMember(changed, "legal_status", "municipal");
  changed = withMember(changed, "name", "");
  const HttpResult refused =
      client->put(target, changed.dump(), {{"If-Match", read.header("ETag")}});
  requireStatus(refused, 400);
  // Each error: its pointer, the English sentence, and what it is with the values it names.
  std::vector<std::string> seen;
  const Json body = refused.json();
  for (const Json& error : body.find("error")->find("errors")->items()) {
    std::string line = text(error, "pointer") + " " + text(error, "code");
    if (const Json* params = error.find("params"))
      for (const auto& [name, value] : params->members())
        line += " " + name + "=" + value.asString();
    BOOST_TEST(text(error, "message") != "<missing>");
    seen.push_back(line);
  }
  const std::vector<std::string> expected = {
      "/name empty", "/country country found=Lietuva",
      "/legal_status choice found=municipal choices=public, public_equivalent, private, ngo"};
  BOOST_TEST(seen == expected, boost::test_tools::per_element());

  const Json budget =
      Json::array().push(Json::object().set("category", "staff").set("amount", "1,50"));
  const HttpResult amount =
      client->put(target + "/budget", budget.dump(), {{"If-Match", read.header("ETag")}});
  requireStatus(amount, 400);
  const Json amountError = amount.json().find("error")->find("errors")->items().at(0);
  BOOST_TEST(text(amountError, "pointer") == "/0/amount");
  BOOST_TEST(text(amountError, "code") == "amount_malformed");
  BOOST_TEST(text(*amountError.find("params"), "found") == "1,50");
}

BOOST_AUTO_TEST_CASE(a_version_2_bundle_is_stored_and_exported_byte_for_byte) {
  const std::string v2 = crossgrant::test::readFile(crossgrant::test::demoBundleV2Path());
  const HttpResult created = client->post("/api/v1/bundles", v2);
  requireStatus(created, 201);
  BOOST_TEST(findingSummary(created.json()) == kDemoFindings, boost::test_tools::per_element());
  const HttpResult exported = client->get("/api/v1/projects/LLI-317/bundle");
  requireStatus(exported, 200);
  BOOST_TEST(exported.body == v2);

  // Replaced by the version-1 bundle, the project has no work plan any more.
  const std::string v1 = crossgrant::test::readFile(crossgrant::test::demoBundlePath());
  requireStatus(replaceBundle(*client, v1), 200);
  const Json replaced = client->get("/api/v1/projects/LLI-317/bundle").json();
  BOOST_TEST(replaced.find("version")->asInteger() == 1);
  for (const char* section : {"work_plan", "events", "indicators"})
    BOOST_TEST(replaced.find(section) == nullptr, section);
}

BOOST_AUTO_TEST_SUITE_END()
