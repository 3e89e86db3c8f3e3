// Reports and audit entries belong to the project they were made for, not to its code: after a
// project is deleted and its code imported again under another programme, the new programme's
// people see none of the old project's reports or entries, and the old programme's keep them.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "AccessFixture.h"
#include "crossgrant/store/AuditLog.h"

using crossgrant::core::Grant;
using crossgrant::core::Json;
using crossgrant::core::Role;
using crossgrant::test::AccessFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::HttpTestClient;
using crossgrant::test::requireStatus;
using crossgrant::test::withMember;

namespace {

std::string text(const Json& object, const char* key) {
  const Json* member = object.find(key);
  return member != nullptr && member->isString() ? member->asString() : "<missing>";
}

std::vector<Json> items(const HttpResult& result, const char* key) {
  requireStatus(result, 200);
  return result.json().find(key)->items();
}

bool hasReport(const std::vector<Json>& reports, std::int64_t id) {
  for (const Json& report : reports)
    if (report.find("id")->asInteger() == id) return true;
  return false;
}

/// LLI-317 submitted a report, was deleted, and its code was imported again under the other
/// programme, with a lead, a programme officer and an auditor of its own.
struct IdentityFixture : AccessFixture {
  std::int64_t oldReport = 0;
  std::string oldChain;  ///< "project:IDENTITY" of the deleted project
  std::string newLead, newProgramme, newAuditor;

  IdentityFixture() {
    HttpTestClient lead = as("lead");
    const HttpResult submitted = lead.post(std::string("/api/v1/projects/") + kProject + "/reports",
                                           R"({"kind": "financial", "language": "lv"})");
    requireStatus(submitted, 201);
    oldReport = submitted.json().find("id")->asInteger();
    oldChain = text(items(client->get("/api/v1/audit?project=LLI-317"), "entries").back(), "chain");

    const HttpResult project = client->get(std::string("/api/v1/projects/") + kProject);
    requireStatus(client->del(std::string("/api/v1/projects/") + kProject,
                              {{"If-Match", project.header("etag")}}),
                  200);
    const Json demo = Json::parse(crossgrant::test::readFile(crossgrant::test::demoBundlePath()));
    const Json moved =
        withMember(demo, "programme", withMember(*demo.find("programme"), "code", kOtherProgramme));
    const Json other = client->get(std::string("/api/v1/programmes/") + kOtherProgramme).json();
    requireStatus(
        client->post("/api/v1/bundles",
                     withMember(moved, "programme",
                                withMember(*moved.find("programme"), "name", text(other, "name")))
                         .dump()),
        201);
    createUser("new-lead", {{Role::kLead, "", kProject, ""}});
    createUser("new-programme", {{Role::kProgramme, kOtherProgramme, "", ""}});
    createUser("new-auditor", {{Role::kAuditor, kOtherProgramme, "", ""}});
    newLead = openSession("new-lead");
    newProgramme = openSession("new-programme");
    newAuditor = openSession("new-auditor");
  }

  HttpTestClient with(const std::string& token) { return HttpTestClient(server.port(), token); }
  std::string pdf(std::int64_t id) { return "/api/v1/reports/" + std::to_string(id) + "/pdf"; }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_project_identity, IdentityFixture)

BOOST_AUTO_TEST_CASE(the_new_project_under_the_old_code_sees_none_of_the_old_reports) {
  const std::string reports = std::string("/api/v1/projects/") + kProject + "/reports";
  BOOST_TEST(items(with(newLead).get(reports), "reports").empty());
  BOOST_TEST(items(with(newProgramme).get(reports), "reports").empty());
  BOOST_TEST(with(newLead).get(pdf(oldReport)).status == 404);
  BOOST_TEST(with(newProgramme).get(pdf(oldReport)).status == 404);
  BOOST_TEST(with(newAuditor).get(pdf(oldReport)).status == 404);
  BOOST_TEST(!hasReport(
      items(
          with(newProgramme).get(std::string("/api/v1/programmes/") + kOtherProgramme + "/reports"),
          "reports"),
      oldReport));

  // Its own reports are its own.
  const HttpResult mine = with(newLead).post(reports, R"({"kind": "financial", "language": "en"})");
  requireStatus(mine, 201);
  const std::int64_t id = mine.json().find("id")->asInteger();
  const std::vector<Json> listed = items(with(newLead).get(reports), "reports");
  BOOST_TEST_REQUIRE(listed.size() == 1u);
  BOOST_TEST(listed[0].find("id")->asInteger() == id);
  requireStatus(with(newProgramme).get(pdf(id)), 200);
  BOOST_TEST(as("programme").get(pdf(id)).status == 404);
}

BOOST_AUTO_TEST_CASE(the_old_programme_keeps_the_deleted_projects_reports) {
  const HttpResult download = as("programme").get(pdf(oldReport));
  requireStatus(download, 200);
  BOOST_TEST(download.body.rfind("%PDF-", 0) == 0);
  BOOST_TEST(hasReport(
      items(as("programme").get(std::string("/api/v1/programmes/") + kProgramme + "/reports"),
            "reports"),
      oldReport));
  requireStatus(as("auditor").get(pdf(oldReport)), 200);
  // Tied to a project, no grant reaches a project that is gone; nor does a report appear to
  // be someone else's (404, not 403).
  BOOST_TEST(as("lead").get(pdf(oldReport)).status == 404);
  BOOST_TEST(as("none").get(pdf(oldReport)).status == 404);
}

BOOST_AUTO_TEST_CASE(audit_entries_stay_with_the_project_they_were_made_for) {
  // The new programme's auditor reads the new project's entries only.
  const std::vector<Json> now =
      items(with(newAuditor).get("/api/v1/audit?project=LLI-317"), "entries");
  BOOST_TEST_REQUIRE(!now.empty());
  for (const Json& entry : now) {
    BOOST_TEST(text(entry, "chain") != oldChain);
    BOOST_TEST(text(entry, "action") != "submit");
  }
  BOOST_TEST(text(now.front(), "action") == "import");
  BOOST_TEST(!items(with(newAuditor).get(std::string("/api/v1/audit?programme=") + kOtherProgramme),
                    "entries")
                  .empty());

  // The old programme's auditor still reads the old project's, through its programme; the code
  // now names a project of another programme, which it does not see.
  const std::vector<Json> kept =
      items(as("auditor").get(std::string("/api/v1/audit?programme=") + kProgramme), "entries");
  std::vector<std::string> actions;
  for (const Json& entry : kept) {
    BOOST_TEST(text(entry, "chain") == oldChain);
    actions.push_back(text(entry, "action"));
  }
  BOOST_TEST_REQUIRE(actions.size() >= 3u);
  BOOST_TEST(actions.front() == "import");
  BOOST_TEST(actions.back() == "delete");
  BOOST_TEST(std::count(actions.begin(), actions.end(), "submit") == 1);
  BOOST_TEST(as("auditor").get("/api/v1/audit?project=LLI-317").status == 404);

  // Downloading the old report is recorded in the old project's chain.
  requireStatus(as("programme").get(pdf(oldReport)), 200);
  const std::vector<Json> after =
      items(as("auditor").get(std::string("/api/v1/audit?programme=") + kProgramme), "entries");
  BOOST_TEST(text(after.back(), "action") == "download");
  BOOST_TEST(text(after.back(), "chain") == oldChain);

  const Json verified = client->get("/api/v1/audit/verify").json();
  BOOST_TEST(verified.find("intact")->asBool());
  BOOST_TEST(verified.find("chains")->asInteger() >= 4);  // installation, EE-LV-042, old, new
}

BOOST_AUTO_TEST_SUITE_END()
