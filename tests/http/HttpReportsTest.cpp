// PDF reports over real HTTP: drafts rendered on demand, submission that freezes a report,
// downloads of the exact stored bytes with the hash as ETag, verification of uploaded files,
// who may do what, the audit trail of submissions and downloads, and several reports rendered
// at once while the server keeps answering.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "HttpApiFixture.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/RulesFingerprint.h"
#include "crossgrant/store/AuditLog.h"

using crossgrant::core::Grant;
using crossgrant::core::Json;
using crossgrant::core::Role;
using crossgrant::test::HttpApiFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::HttpTestClient;
using crossgrant::test::requireStatus;

namespace {

constexpr const char* kReports = "/api/v1/projects/LLI-317/reports";

/// The demo project, room for PDF uploads, threads for concurrent rendering, and one signed-in
/// user per role that matters to reports.
struct ReportsFixture : HttpApiFixture {
  ReportsFixture()
      : HttpApiFixture([](crossgrant::server::Configuration& settings) {
          settings.http.maxBodyBytes = 4 * 1024 * 1024;
          settings.http.threads = 8;
          settings.http.longThreads = 8;  // renders run on these
        }) {
    importDemo();
    const std::vector<std::pair<std::string, Grant>> users = {
        {"lead", {Role::kLead, "", "LLI-317", ""}},
        {"auditor", {Role::kAuditor, "LV-LT-2014-2020", "", ""}},
        {"programme", {Role::kProgramme, "LV-LT-2014-2020", "", ""}},
        {"partner", {Role::kPartner, "", "LLI-317", "PP6"}},
        {"stranger", {Role::kAuditor, "EE-LV-2014-2020", "", ""}},
    };
    for (const auto& [label, grant] : users) {
      createUser("reports-" + label, {grant});
      tokens[label] = openSession("reports-" + label);
    }
  }

  HttpTestClient as(const std::string& label) {
    return HttpTestClient(server.port(), tokens[label]);
  }

  std::map<std::string, std::string> tokens;
};

std::string submitBody(const std::string& kind, const std::string& language) {
  Json body = Json::object().set("kind", kind).set("language", language);
  if (kind == "partner" || kind == "project") body.set("period", 2);
  if (kind == "partner") body.set("partner", "PP6");
  return body.dump(false);
}

std::int64_t auditCount(HttpApiFixture& f, const std::string& action, const std::string& key) {
  std::int64_t count = 0;
  for (const auto& entry : f.auditTrail())
    if (entry.action == action && entry.objectType == "report" && entry.objectKey == key) ++count;
  return count;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_reports, ReportsFixture)

BOOST_AUTO_TEST_CASE(a_submitted_report_downloads_as_the_same_bytes_and_verifies) {
  HttpTestClient lead = as("lead");
  const HttpResult submitted = lead.post(kReports, submitBody("project", "lv"));
  requireStatus(submitted, 201);
  const Json report = submitted.json();
  const std::int64_t id = report.find("id")->asInteger();
  const std::string sha = report.find("sha256")->asString();
  const std::string pdfPath = "/api/v1/reports/" + std::to_string(id) + "/pdf";
  BOOST_TEST(submitted.header("Location") == pdfPath);
  BOOST_TEST(report.find("links")->find("pdf")->asString() == pdfPath);
  BOOST_TEST(report.find("kind")->asString() == "project");
  BOOST_TEST(report.find("period")->asInteger() == 2);
  BOOST_TEST(report.find("partner")->isNull());
  BOOST_TEST(report.find("submitted_by")->asString() == "reports-lead");
  BOOST_TEST(sha.size() == 64u);
  // Computed with the rules configured here: their fingerprint is stored and shown.
  BOOST_TEST(report.find("rules")->asString() ==
             crossgrant::core::describeRules(context.rules("interreg-2014-2020")).fingerprint);

  // An auditor of the programme lists and downloads it, twice: the same stored bytes.
  HttpTestClient auditor = as("auditor");
  const HttpResult listed = auditor.get(kReports);
  requireStatus(listed, 200);
  BOOST_TEST_REQUIRE(listed.json().find("reports")->items().size() == 1u);
  BOOST_TEST(listed.json().find("reports")->items()[0].find("sha256")->asString() == sha);

  const HttpResult first = auditor.get(pdfPath);
  requireStatus(first, 200);
  BOOST_TEST(first.contentType == "application/pdf");
  BOOST_TEST(first.header("ETag") == "\"" + sha + "\"");
  BOOST_TEST(crossgrant::core::sha256Hex(first.body) == sha);
  const std::string disposition = first.header("Content-Disposition");
  BOOST_TEST(disposition ==
             "attachment; filename=\"" + report.find("file_name")->asString() + "\"");
  BOOST_TEST(first.body.rfind("%PDF-", 0) == 0u);
  const HttpResult second = auditor.get(pdfPath);
  requireStatus(second, 200);
  BOOST_TEST((second.body == first.body));
  BOOST_TEST(second.header("ETag") == first.header("ETag"));
  BOOST_TEST(second.header("Content-Disposition") == disposition);

  // Submission and each download are in the audit trail.
  BOOST_TEST(auditCount(*this, "submit", std::to_string(id)) == 1);
  BOOST_TEST(auditCount(*this, "download", std::to_string(id)) == 2);

  // The downloaded file verifies; a draft of the same report and a one-byte change do not.
  const HttpResult verified = auditor.post("/api/v1/reports/verify", first.body, "application/pdf");
  requireStatus(verified, 200);
  BOOST_TEST(verified.json().find("submitted")->asBool());
  BOOST_TEST(verified.json().find("report")->find("id")->asInteger() == id);
  // And its revision 1 hashes to what its metadata says: the content check.
  const std::size_t revision1 = first.body.find("%%EOF\n") + 6;
  const std::string contentSha = crossgrant::core::sha256Hex(first.body.substr(0, revision1));
  const Json answer = verified.json();
  const Json* content = answer.find("content");
  BOOST_TEST_REQUIRE(content != nullptr);
  BOOST_TEST(content->find("result")->asString() == "matches");
  BOOST_TEST(content->find("length")->asInteger() == static_cast<std::int64_t>(revision1));
  BOOST_TEST(content->find("recorded_sha256")->asString() == contentSha);
  BOOST_TEST(content->find("sha256")->asString() == contentSha);
  const std::string intact = "revision 1 (" + std::to_string(revision1) + " bytes) has SHA-256 " +
                             contentSha + ", as its metadata says";
  BOOST_TEST(content->find("message")->asString() == intact);
  BOOST_TEST(verified.json().find("message")->asString().rfind("identical to submitted report " +
                                                                   std::to_string(id) +
                                                                   " (LLI-317, project, "
                                                                   "period 2, lv, submitted at ",
                                                               0) == 0u,
             verified.body);
  BOOST_TEST(verified.json().find("message")->asString().find(" by reports-lead, rules ") !=
             std::string::npos);
  BOOST_TEST(verified.json().find("message")->asString().find("\n" + intact) != std::string::npos);
  // Who may not read the report learns only that it is one, and the content check.
  const HttpResult stranger =
      as("stranger").post("/api/v1/reports/verify", first.body, "application/pdf");
  requireStatus(stranger, 200);
  BOOST_TEST(stranger.json().find("submitted")->asBool());
  BOOST_TEST(stranger.json().find("report") == nullptr);
  BOOST_TEST(stranger.json().find("message")->asString() ==
             "identical to a submitted report\n" + intact);

  const HttpResult draft =
      auditor.get(std::string(kReports) + "/draft?kind=project&period=2&language=lv");
  requireStatus(draft, 200);
  BOOST_TEST(draft.contentType == "application/pdf");
  BOOST_TEST((draft.body != first.body));
  const HttpResult draftVerified =
      auditor.post("/api/v1/reports/verify", draft.body, "application/pdf");
  requireStatus(draftVerified, 200);
  BOOST_TEST(!draftVerified.json().find("submitted")->asBool());
  BOOST_TEST(draftVerified.json().find("report") == nullptr);
  BOOST_TEST(draftVerified.json().find("content")->find("result")->asString() == "none");
  BOOST_TEST(draftVerified.json().find("content")->find("length") == nullptr);

  std::string changed = first.body;
  changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 0x01);
  const HttpResult changedVerified =
      auditor.post("/api/v1/reports/verify", changed, "application/pdf");
  requireStatus(changedVerified, 200);
  BOOST_TEST(!changedVerified.json().find("submitted")->asBool());
  BOOST_TEST(changedVerified.json().find("content")->find("result")->asString() == "differs");
  BOOST_TEST(changedVerified.json().find("content")->find("recorded_sha256")->asString() ==
             contentSha);
  BOOST_TEST(changedVerified.json().find("message")->asString().rfind(
                 "not a submitted report: no report submitted here has exactly these bytes", 0) ==
             0u);

  // Verify takes a PDF, not JSON.
  requireStatus(auditor.post("/api/v1/reports/verify", "{}", "application/json"), 415);
}

BOOST_AUTO_TEST_CASE(auditors_and_partners_cannot_submit_and_nothing_changes) {
  const std::string before = snapshot();
  for (const std::string label : {"auditor", "programme", "partner"}) {
    const HttpResult refused = as(label).post(kReports, submitBody("financial", "en"));
    BOOST_TEST(refused.status == 403, label << ": " << refused.body);
  }
  BOOST_TEST(as("stranger").post(kReports, submitBody("financial", "en")).status == 404);
  BOOST_TEST(HttpTestClient(server.port()).post(kReports, submitBody("financial", "en")).status ==
             401);
  BOOST_TEST(snapshot() == before);
  const HttpResult listed = client->get(kReports);
  requireStatus(listed, 200);
  BOOST_TEST(listed.json().find("reports")->items().empty());
}

BOOST_AUTO_TEST_CASE(audit_extracts_are_only_for_those_who_may_read_the_audit_trail) {
  const std::string body = submitBody("audit", "en");
  requireStatus(as("lead").post(kReports, body), 403);
  BOOST_TEST(auditCount(*this, "submit", "1") == 0);
  const HttpResult submitted = client->post(kReports, body);  // the admin
  requireStatus(submitted, 201);
  const std::string id = std::to_string(submitted.json().find("id")->asInteger());
  const std::string pdfPath = "/api/v1/reports/" + id + "/pdf";
  requireStatus(as("auditor").get(pdfPath), 200);
  requireStatus(as("lead").get(pdfPath), 403);
  requireStatus(as("programme").get(pdfPath), 403);
  requireStatus(as("stranger").get(pdfPath), 404);
  BOOST_TEST(auditCount(*this, "download", id) == 1);
}

BOOST_AUTO_TEST_CASE(who_may_see_which_report) {
  const HttpResult submitted = as("lead").post(kReports, submitBody("financial", "en"));
  requireStatus(submitted, 201);
  const std::string pdfPath =
      "/api/v1/reports/" + std::to_string(submitted.json().find("id")->asInteger()) + "/pdf";
  requireStatus(as("programme").get(pdfPath), 200);
  requireStatus(as("lead").get(pdfPath), 200);
  requireStatus(client->get(pdfPath), 200);
  requireStatus(as("partner").get(pdfPath), 403);
  requireStatus(as("partner").get(kReports), 403);
  requireStatus(as("stranger").get(pdfPath), 404);
  requireStatus(as("stranger").get(kReports), 404);
  requireStatus(client->get("/api/v1/reports/999/pdf"), 404);
  requireStatus(client->get("/api/v1/reports/abc/pdf"), 404);

  // A partner drafts its own partner report, not another partner's nor the project's.
  HttpTestClient partner = as("partner");
  requireStatus(
      partner.get(std::string(kReports) + "/draft?kind=partner&period=1&partner=PP6&language=lt"),
      200);
  requireStatus(
      partner.get(std::string(kReports) + "/draft?kind=partner&period=1&partner=PP1&language=lt"),
      403);
  requireStatus(partner.get(std::string(kReports) + "/draft?kind=financial&language=lt"), 403);
  requireStatus(as("stranger").get(std::string(kReports) + "/draft?kind=financial&language=en"),
                404);
  requireStatus(as("auditor").get(std::string(kReports) + "/draft?kind=audit&language=en"), 200);
}

BOOST_AUTO_TEST_CASE(bad_report_requests_are_clear_errors_and_store_nothing) {
  HttpTestClient lead = as("lead");
  const auto pointerOf = [](const HttpResult& result) {
    const Json body = result.json();
    const Json* pointer = body.find("error")->find("pointer");
    return pointer == nullptr ? std::string() : pointer->asString();
  };
  HttpResult result = lead.post(kReports, R"({"kind": "weekly", "language": "en"})");
  requireStatus(result, 400);
  BOOST_TEST(pointerOf(result) == "/kind");
  result = lead.post(kReports, R"({"kind": "partner", "period": 2, "language": "en"})");
  requireStatus(result, 400);
  BOOST_TEST(pointerOf(result) == "/partner");
  result = lead.post(kReports, R"({"kind": "project", "period": 5, "language": "en"})");
  requireStatus(result, 400);
  BOOST_TEST(pointerOf(result) == "/period");
  result = lead.post(kReports, R"({"kind": "financial", "language": "de"})");
  requireStatus(result, 400);
  BOOST_TEST(pointerOf(result) == "/language");
  result = lead.post(kReports, R"({"kind": "financial", "language": "en", "colour": "red"})");
  requireStatus(result, 400);
  requireStatus(lead.get(std::string(kReports) + "/draft?kind=project&language=en"), 400);
  requireStatus(lead.get(std::string(kReports) + "/draft?kind=financial&language=en&x=1"), 400);
  requireStatus(client->post("/api/v1/projects/NOPE/reports", submitBody("financial", "en")), 404);
  BOOST_TEST(client->get(kReports).json().find("reports")->items().empty());
  BOOST_TEST(auditCount(*this, "submit", "1") == 0);
}

BOOST_AUTO_TEST_CASE(several_reports_render_at_once_while_health_answers) {
  const std::vector<std::string> targets = {
      std::string(kReports) + "/draft?kind=financial&language=lv",
      std::string(kReports) + "/draft?kind=project&period=1&language=lt",
      std::string(kReports) + "/draft?kind=partner&period=3&partner=PP1&language=en",
      std::string(kReports) + "/draft?kind=audit&language=lv"};
  std::atomic<bool> done{false};
  std::vector<std::future<HttpResult>> drafts;
  for (const std::string& target : targets) {
    drafts.push_back(std::async(std::launch::async, [this, target] {
      return HttpTestClient(server.port(), adminToken).get(target);
    }));
  }
  int healthChecks = 0;
  std::chrono::milliseconds slowest{0};
  HttpTestClient health(server.port());
  const auto allReady = [&] {
    for (auto& draft : drafts)
      if (draft.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) return false;
    return true;
  };
  do {
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST(health.get("/health").status == 200);
    slowest = std::max(slowest, std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::steady_clock::now() - start));
    ++healthChecks;
  } while (!allReady() || healthChecks < 3);
  done = true;
  for (auto& draft : drafts) {
    const HttpResult result = draft.get();
    BOOST_TEST(result.status == 200, result.body.substr(0, 200));
    BOOST_TEST(result.body.rfind("%PDF-", 0) == 0u);
  }
  BOOST_TEST(slowest < std::chrono::milliseconds(1000),
             "/health took " << slowest.count() << " ms");
}

BOOST_AUTO_TEST_CASE(verify_wants_a_pdf_and_answers_400_for_anything_else) {
  const HttpResult submitted = as("lead").post(kReports, submitBody("partner", "lt"));
  requireStatus(submitted, 201);
  const std::int64_t id = submitted.json().find("id")->asInteger();
  const HttpResult downloaded = as("lead").get("/api/v1/reports/" + std::to_string(id) + "/pdf");
  requireStatus(downloaded, 200);
  const std::string before = snapshot();
  const std::size_t entries = auditTrail().size();

  // Nothing to compare is a bad request, not {"submitted": false}: with the PDF type, with no
  // type at all, and a body that is not a PDF though sent as one.
  HttpTestClient auditor = as("auditor");
  const auto expectInvalid = [](const HttpResult& result, const std::string& what) {
    BOOST_TEST(result.status == 400, what << ": " << result.status << " " << result.body);
    if (result.status != 400) return;
    BOOST_TEST(result.json().find("error")->find("code")->asString() == "invalid", what);
    BOOST_TEST(result.json().find("submitted") == nullptr, what);
  };
  expectInvalid(auditor.post("/api/v1/reports/verify", "", "application/pdf"),
                "an empty body as application/pdf");
  expectInvalid(auditor.send("POST", "/api/v1/reports/verify", "", ""),
                "an empty body without a type");
  expectInvalid(auditor.send("POST", "/api/v1/reports/verify", "", "application/pdf", true),
                "an empty chunked body as application/pdf");
  expectInvalid(auditor.post("/api/v1/reports/verify", "this is not a PDF", "application/pdf"),
                "text as application/pdf");
  expectInvalid(auditor.post("/api/v1/reports/verify", "{}", "application/pdf"),
                "JSON as application/pdf");
  expectInvalid(
      auditor.post("/api/v1/reports/verify", downloaded.body.substr(1), "application/pdf"),
      "a PDF without its first byte");

  // A real submitted PDF still verifies, and a PDF that is not one is not submitted.
  const HttpResult verified =
      auditor.post("/api/v1/reports/verify", downloaded.body, "application/pdf");
  requireStatus(verified, 200);
  BOOST_TEST(verified.json().find("submitted")->asBool());
  BOOST_TEST(verified.json().find("report")->find("id")->asInteger() == id);
  const HttpResult chunked =
      auditor.send("POST", "/api/v1/reports/verify", downloaded.body, "application/pdf", true);
  requireStatus(chunked, 200);
  BOOST_TEST(chunked.json().find("submitted")->asBool());
  const HttpResult other =
      auditor.post("/api/v1/reports/verify", "%PDF-1.4\n%%EOF\n", "application/pdf");
  requireStatus(other, 200);
  BOOST_TEST(!other.json().find("submitted")->asBool());

  // Verifying reads only.
  BOOST_TEST(snapshot() == before);
  BOOST_TEST(auditTrail().size() == entries);
}

BOOST_AUTO_TEST_CASE(a_download_is_recorded_with_the_role_its_user_acted_in) {
  const HttpResult submitted = as("lead").post(kReports, submitBody("financial", "lv"));
  requireStatus(submitted, 201);
  const std::string id = std::to_string(submitted.json().find("id")->asInteger());
  const std::string pdfPath = "/api/v1/reports/" + id + "/pdf";
  requireStatus(as("lead").get(pdfPath), 200);
  requireStatus(as("programme").get(pdfPath), 200);
  requireStatus(as("auditor").get(pdfPath), 200);
  requireStatus(client->get(pdfPath), 200);  // the admin
  requireStatus(as("partner").get(pdfPath), 403);

  std::vector<std::string> downloads;
  std::string submitRole = "<none>";
  for (const auto& entry : auditTrail()) {
    if (entry.objectType != "report" || entry.objectKey != id) continue;
    if (entry.action == "submit") submitRole = entry.role;
    if (entry.action == "download") downloads.push_back(entry.user + " as " + entry.role);
  }
  BOOST_TEST(submitRole == "lead");
  const std::vector<std::string> expected = {
      "reports-lead as lead", "reports-programme as programme", "reports-auditor as auditor",
      std::string(kAdminName) + " as admin"};
  BOOST_TEST(downloads == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
