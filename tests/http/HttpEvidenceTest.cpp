// Evidence files over HTTP (app/workplan/EvidenceService.h), on the demo of version 2: checked
// against their bytes and their size, stored outside the served tree under a generated name
// with their SHA-256, downloaded only as attachments, personal data only by who may see it,
// kept when their event is deleted and gone with the project.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include "AccessFixture.h"

using crossgrant::core::Json;
using crossgrant::test::AccessFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::requireStatus;

namespace {

const std::string kBase = "/api/v1/projects/LLI-317";
const std::string kPdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

std::size_t filesIn(const std::string& directory) {
  std::size_t n = 0;
  if (!std::filesystem::exists(directory)) return 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    n += entry.is_regular_file();
  return n;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_evidence, AccessFixture)

BOOST_AUTO_TEST_CASE(a_file_is_checked_stored_and_downloaded_as_an_attachment) {
  const std::string upload =
      kBase + "/events/E3/evidence?name=" + "dalyviai%20s%C4%85ra%C5%A1as.pdf";
  const HttpResult made = as("partner").send("POST", upload, kPdf, "application/pdf");
  requireStatus(made, 201);
  const Json file = made.json();
  BOOST_TEST(file.find("file_name")->asString() == "dalyviai sąrašas.pdf");
  BOOST_TEST(file.find("content_type")->asString() == "application/pdf");
  BOOST_TEST(file.find("size")->asInteger() == static_cast<std::int64_t>(kPdf.size()));
  BOOST_TEST(file.find("partner")->asString() == "PP6");
  // Stored under a generated name outside the web directory, the bytes as they came.
  BOOST_TEST(filesIn(settings.app.evidenceDirectory) == 1u);
  for (const auto& entry : std::filesystem::directory_iterator(settings.app.evidenceDirectory))
    BOOST_TEST(entry.path().filename().string().size() == 32u);

  const HttpResult got = as("programme").get(made.header("Location"));
  requireStatus(got, 200);
  BOOST_TEST(got.body == kPdf);
  BOOST_TEST(got.contentType == "application/pdf");
  BOOST_TEST(got.header("Content-Disposition").rfind("attachment; filename=\"evidence-", 0) == 0,
             got.header("Content-Disposition"));
  BOOST_TEST(got.header("X-Content-Type-Options") == "nosniff");
  BOOST_TEST(got.header("ETag") == "\"" + file.find("sha256")->asString() + "\"");
}

BOOST_AUTO_TEST_CASE(what_is_not_a_document_or_is_too_large_is_refused_and_nothing_kept) {
  const std::string before = dump();
  const std::string upload = kBase + "/events/E3/evidence?name=x.pdf";
  // HTML sent as a PDF is still HTML.
  const HttpResult html = as("partner").send(
      "POST", upload, "<html><script>alert(1)</script></html>", "application/pdf");
  requireStatus(html, 415);
  // An executable, and a ZIP that is no document.
  requireStatus(as("partner").send("POST", upload,
                                   "\x7f"
                                   "ELF\x02\x01\x01",
                                   "application/octet-stream"),
                415);
  requireStatus(as("partner").send("POST", upload, std::string("PK\x03\x04", 4) + "junk",
                                   "application/octet-stream"),
                415);
  // Over the limit (1 MiB here), though above the server's limit for other bodies.
  requireStatus(
      as("partner").send("POST", upload, kPdf + std::string(1024 * 1024, ' '), "application/pdf"),
      413);
  // Another partner's event.
  requireStatus(
      as("partner").send("POST", kBase + "/events/E1/evidence?name=x.pdf", kPdf, "application/pdf"),
      403);
  BOOST_TEST(dump() == before);
  BOOST_TEST(filesIn(settings.app.evidenceDirectory) == 0u);
}

BOOST_AUTO_TEST_CASE(personal_data_is_read_by_whom_the_lead_allows) {
  const HttpResult made = as("partner").send(
      "POST", kBase + "/events/E3/evidence?name=attendance.pdf&personal_data=true", kPdf,
      "application/pdf");
  requireStatus(made, 201);
  const std::string path = made.header("Location");
  for (const char* label : {"partner", "controller", "lead", "admin"})
    requireStatus(as(label).get(path), 200);
  for (const char* label : {"programme", "auditor"}) requireStatus(as(label).get(path), 403);
  // The list says so.
  const Json list = as("auditor").get(kBase + "/events/E3/evidence").json();
  BOOST_TEST(!list.find("files")->items().at(0).find("downloadable")->asBool());

  // The partner cannot share it; the lead can.
  const Json shared = Json::object().set("personal_data", true).set("shared", true);
  requireStatus(as("partner").put(path, shared.dump(), {{"If-Match", "\"1\""}}), 403);
  requireStatus(as("lead").put(path, shared.dump(), {{"If-Match", "\"1\""}}), 200);
  requireStatus(as("programme").get(path), 200);
  // Each download of personal data is in the trail.
  std::size_t downloads = 0;
  for (const auto& entry : auditTrail()) downloads += entry.action == "download";
  BOOST_TEST(downloads == 5u);
}

BOOST_AUTO_TEST_CASE(a_deleted_event_keeps_its_files_until_the_project_goes) {
  // A fresh event with a file.
  const Json event = Json::parse(R"({"code": "E40", "activity": "A4.7", "kind": "meeting",
    "title": {"lt": "Susitikimas"}, "start": "2019-04-01", "partner": "PP6",
    "participants": {"total": 8}})");
  requireStatus(as("partner").post(kBase + "/events", event.dump()), 201);
  requireStatus(as("partner").send("POST", kBase + "/events/E40/evidence?name=minutes.pdf", kPdf,
                                   "application/pdf"),
                201);
  requireStatus(as("partner").del(kBase + "/events/E40", {{"If-Match", "\"1\""}}), 204);
  // The trail records the event deleted and the file kept.
  bool recorded = false;
  for (const auto& entry : auditTrail())
    if (entry.action == "delete" && entry.objectKey == "LLI-317/E40")
      recorded =
          entry.before && Json::parse(*entry.before).find("evidence_kept")->items().size() == 1u;
  BOOST_TEST(recorded);
  const Json all = as("lead").get(kBase + "/evidence").json();
  BOOST_TEST_REQUIRE(all.find("files")->items().size() == 1u);
  BOOST_TEST(!all.find("files")->items().at(0).find("object_exists")->asBool());
  requireStatus(as("lead").get(all.find("files")->items().at(0).find("href")->asString()), 200);
  BOOST_TEST(filesIn(settings.app.evidenceDirectory) == 1u);

  // A bundle replace keeps it; deleting the project takes it.
  const std::string bundle = client->get(kBase + "/bundle").body;
  requireStatus(replaceBundle(*client, bundle), 200);
  BOOST_TEST(as("lead").get(kBase + "/evidence").json().find("files")->items().size() == 1u);
  const HttpResult project = client->get(kBase);
  requireStatus(client->del(kBase, {{"If-Match", project.header("ETag")}}), 200);
  BOOST_TEST(filesIn(settings.app.evidenceDirectory) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
