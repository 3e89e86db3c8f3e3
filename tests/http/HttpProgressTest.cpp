// Progress statements over HTTP (app/workplan/ProgressService.h), on the demo of version 2: a
// partner writes its own statement for a period (summary, problems and deviations, the
// progress of its activities) under versions, and is refused another partner's activities and
// the project's statement; the lead writes the project's; each reader sees the statements it
// may read; bad bodies change nothing.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "AccessFixture.h"

using crossgrant::core::Json;
using crossgrant::test::AccessFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::requireStatus;

namespace {

const std::string kPeriod = "/api/v1/projects/LLI-317/periods/2/statements";

const char* const kOwn = R"({
  "summary": {"lv": "Vasaras nometne notika Viesītē."},
  "problems": {"lv": "Viens pasākums pārcelts uz 3. periodu."},
  "activities": {"A4.7": {"lv": "Sagatavota jauniešu foruma programma.", "en": "Youth forum programme drafted."}}
})";

std::string errorCodes(const HttpResult& result) {
  std::string out;
  const Json body = result.json();
  if (const Json* error = body.find("error"))
    if (const Json* errors = error->find("errors"))
      for (const Json& e : errors->items())
        out += e.find("pointer")->asString() + " " + e.find("code")->asString() + ";";
  return out;
}

std::vector<std::string> partnersListed(const HttpResult& result) {
  std::vector<std::string> out;
  const Json body = result.json();
  for (const Json& statement : body.find("statements")->items())
    out.push_back(statement.find("partner")->asString());
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_progress, AccessFixture)

BOOST_AUTO_TEST_CASE(a_partner_writes_its_statement_under_versions) {
  const HttpResult empty = as("partner").get(kPeriod + "/PP6");
  requireStatus(empty, 200);
  BOOST_TEST(empty.header("ETag") == "");
  BOOST_TEST(empty.json().find("version")->asInteger() == 0);
  BOOST_TEST(empty.json().find("summary") == nullptr);

  const HttpResult written = as("partner").put(kPeriod + "/PP6", kOwn);
  requireStatus(written, 200);
  BOOST_TEST(written.json().find("version")->asInteger() == 1);
  BOOST_TEST(written.json().find("changed_by")->asString() == members.at("partner").name);
  const HttpResult read = as("lead").get(kPeriod + "/PP6");
  requireStatus(read, 200);
  const Json statement = read.json();
  BOOST_TEST(statement.find("activities")->find("A4.7")->find("en")->asString() ==
             "Youth forum programme drafted.");
  BOOST_TEST(statement.find("problems")->find("lv")->asString() ==
             "Viens pasākums pārcelts uz 3. periodu.");

  // A written statement changes only under its version.
  const std::string changed = R"({"summary": {"lv": "Otrā versija."}})";
  requireStatus(as("partner").put(kPeriod + "/PP6", changed), 428);
  requireStatus(as("partner").put(kPeriod + "/PP6", changed, {{"If-Match", "\"1\""}}), 200);
  const HttpResult stale = as("lead").put(kPeriod + "/PP6", changed, {{"If-Match", "\"1\""}});
  requireStatus(stale, 409);
  BOOST_TEST(as("lead").get(kPeriod + "/PP6").json().find("version")->asInteger() == 2);
  // Saving replaces the whole statement: the activity texts not sent are gone.
  BOOST_TEST(as("lead").get(kPeriod + "/PP6").json().find("activities")->members().empty());
}

BOOST_AUTO_TEST_CASE(another_partners_activity_and_bad_texts_are_refused_with_nothing_changed) {
  requireStatus(as("partner").put(kPeriod + "/PP6", kOwn), 200);
  const std::string before = as("partner").get(kPeriod + "/PP6").body;
  const HttpResult refused = as("partner").put(
      kPeriod + "/PP6",
      R"({"summary": {"lv": ""}, "activities": {"A1.1": {"lv": "Vadība."}, "A99": {"lv": "?"}},
          "extra": 1, "version": 1})");
  requireStatus(refused, 400);
  BOOST_TEST(errorCodes(refused) ==
                 "/extra unknown_field;/summary/lv empty;/activities/A1.1 not_own_activity;"
                 "/activities/A99 no_such_activity;",
             errorCodes(refused));
  const std::string tooLong = "{\"summary\": {\"en\": \"" + std::string(10'001, 'x') + "\"}}";
  const HttpResult longText = as("partner").put(kPeriod + "/PP6", tooLong, {{"If-Match", "\"1\""}});
  requireStatus(longText, 400);
  BOOST_TEST(errorCodes(longText) == "/summary/en text_too_long;", errorCodes(longText));
  BOOST_TEST(as("partner").get(kPeriod + "/PP6").body == before);
  requireStatus(as("partner").get("/api/v1/projects/LLI-317/periods/9/statements"), 404);
  requireStatus(as("partner").get(kPeriod + "/PP99"), 404);
}

BOOST_AUTO_TEST_CASE(the_lead_writes_the_projects_statement_and_readers_see_what_they_may) {
  requireStatus(as("partner").put(kPeriod + "/project", R"({"summary": {"en": "Mine"}})"), 403);
  // Not written yet: a base version other than 0 is stale.
  requireStatus(
      as("lead").put(kPeriod + "/project", R"({"summary": {"en": "x"}})", {{"If-Match", "\"3\""}}),
      409);
  requireStatus(as("lead").put(kPeriod + "/project",
                               R"({"summary": {"en": "x"}, "activities": {"A1.1": {"en": "x"}}})"),
                400);
  const HttpResult project = as("lead").put(
      kPeriod + "/project", R"({"summary": {"en": "The camps and exchanges went as planned."}})");
  requireStatus(project, 200);
  BOOST_TEST(project.json().find("partner")->asString() == "");
  BOOST_TEST(
      as("programme").get(kPeriod + "/project").json().find("summary")->find("en")->asString() ==
      "The camps and exchanges went as planned.");

  // The project's first, then the partners the reader may read in full.
  const std::vector<std::string> all = partnersListed(as("auditor").get(kPeriod));
  BOOST_TEST_REQUIRE(all.size() == 9u);  // the project and its eight partners
  BOOST_TEST(all.front() == "");
  BOOST_TEST(all[1] == "LP");
  const std::vector<std::string> own = partnersListed(as("partner").get(kPeriod));
  BOOST_TEST((own == std::vector<std::string>{"", "PP6"}));
  requireStatus(as("partner").get(kPeriod + "/LP"), 403);
}

BOOST_AUTO_TEST_SUITE_END()
