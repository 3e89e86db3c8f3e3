// Submitted reports and binary data in the store, on every backend: every byte value survives
// a round trip, a PDF comes back exactly as stored, and reports are found by id, project and
// SHA-256, and a report stays with its project's identity when the code names another project.
#include <boost/test/unit_test.hpp>

#include <string>

#include "StoreFixture.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/ReportRepository.h"

using crossgrant::store::asBlob;
using crossgrant::store::Blob;
using crossgrant::store::Connection;
using crossgrant::store::StoreError;
using crossgrant::store::SubmittedReport;
using crossgrant::test::sampleBundle;
using crossgrant::test::StoreFixture;

namespace {

/// Every byte value 0..255, twice, then invalid UTF-8 and a NUL at the end.
std::string allBytes() {
  std::string bytes;
  for (int round = 0; round < 2; ++round)
    for (int value = 0; value < 256; ++value) bytes.push_back(static_cast<char>(value));
  bytes += "\xC3\x28\xFF\xFE";
  bytes.push_back('\0');
  return bytes;
}

SubmittedReport sampleReport(const std::string& pdf) {
  SubmittedReport report;
  report.project = "LLI-317";
  report.kind = "partner";
  report.period = 2;
  report.partner = "PP6";
  report.language = "lt";
  report.fileName = "LLI-317-partner-p2-PP6-lt.pdf";
  report.sha256 = crossgrant::core::sha256Hex(pdf);
  report.size = static_cast<std::int64_t>(pdf.size());
  report.submittedAt = "2026-11-25T11:40:00Z";
  report.submittedBy = "rūta";
  return report;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(report_repository, StoreFixture)

BOOST_AUTO_TEST_CASE(blobs_round_trip_every_byte_value) {
  const std::string bytes = allBytes();
  const std::string got = db->write([&](Connection& c) {
    c.execute(
        "INSERT INTO submitted_reports (project, kind, period, partner, language, "
        "file_name, sha256, pdf, size, submitted_at, submitted_by) "
        "VALUES ('P', 'audit', NULL, '', 'en', 'f.pdf', 'x', ?, 0, 't', 'u')",
        {Blob{bytes}});
    return asBlob(c.query("SELECT pdf FROM submitted_reports WHERE project = 'P'").at(0).at(0));
  });
  BOOST_TEST(got.size() == bytes.size());
  BOOST_TEST((got == bytes));
  const std::string empty = db->write([&](Connection& c) {
    c.execute(
        "INSERT INTO submitted_reports (project, kind, period, partner, language, "
        "file_name, sha256, pdf, size, submitted_at, submitted_by) "
        "VALUES ('E', 'audit', NULL, '', 'en', 'f.pdf', 'x', ?, 0, 't', 'u')",
        {Blob{}});
    return asBlob(c.query("SELECT pdf FROM submitted_reports WHERE project = 'E'").at(0).at(0));
  });
  BOOST_TEST(empty.empty());
}

BOOST_AUTO_TEST_CASE(text_cells_are_not_blobs) {
  db->write([&](Connection& c) {
    const auto rows = c.query("SELECT 'ā', 1");
    BOOST_CHECK_THROW(asBlob(rows.at(0).at(0)), StoreError);
    BOOST_CHECK_THROW(asBlob(rows.at(0).at(1)), StoreError);
  });
}

BOOST_AUTO_TEST_CASE(submitted_reports_are_found_by_id_project_and_hash) {
  db->write([](Connection& c) { crossgrant::store::saveBundle(c, sampleBundle(), false); });
  const std::string pdf = "%PDF-1.4\n" + allBytes() + "\n%%EOF\n";
  SubmittedReport report = sampleReport(pdf);
  const std::int64_t first = db->write(
      [&](Connection& c) { return crossgrant::store::insertSubmittedReport(c, report, pdf); });
  SubmittedReport other = sampleReport("%PDF other");
  other.kind = "financial";
  other.period.reset();
  other.partner.clear();
  const std::int64_t second = db->write([&](Connection& c) {
    return crossgrant::store::insertSubmittedReport(c, other, "%PDF other");
  });
  BOOST_TEST(second > first);

  db->write([&](Connection& c) {
    SubmittedReport expected = report;
    expected.id = first;
    // Stored with the identity of the project that had the code.
    expected.projectIdentity = crossgrant::store::projectIdentity(c, "LLI-317").value();
    BOOST_TEST((crossgrant::store::findSubmittedReport(c, first) == expected));
    BOOST_TEST((crossgrant::store::submittedReportPdf(c, first) == pdf));
    BOOST_TEST(!crossgrant::store::findSubmittedReport(c, first + 100));
    BOOST_TEST(!crossgrant::store::submittedReportPdf(c, first + 100));

    const auto listed = crossgrant::store::listSubmittedReports(c, "LLI-317");
    BOOST_TEST_REQUIRE(listed.size() == 2u);
    BOOST_TEST(listed[0].id == first);
    BOOST_TEST(!listed[1].period);
    BOOST_TEST(listed[1].partner.empty());
    BOOST_TEST(crossgrant::store::listSubmittedReports(c, "LLI-318").empty());

    const auto byHash = crossgrant::store::findSubmittedReportsBySha256(c, report.sha256);
    BOOST_TEST_REQUIRE(byHash.size() == 1u);
    BOOST_TEST(byHash[0].id == first);
    BOOST_TEST(crossgrant::store::findSubmittedReportsBySha256(c, std::string(64, '0')).empty());
  });
}

BOOST_AUTO_TEST_CASE(reports_stay_with_their_project_when_its_code_is_taken_again) {
  namespace store = crossgrant::store;
  db->write([](Connection& c) { store::saveBundle(c, sampleBundle(), false); });
  const std::string pdf = "%PDF-1.4 first life";
  const std::int64_t id = db->write(
      [&](Connection& c) { return store::insertSubmittedReport(c, sampleReport(pdf), pdf); });
  const std::string oldIdentity =
      db->read([](store::Reader& r) { return store::projectIdentity(r, "LLI-317").value(); });

  // The project is deleted and its code imported again under another programme.
  crossgrant::core::Bundle again = sampleBundle();
  again.programme.code = "EEA-NO";
  again.programme.rules = "eea-norway-grants";
  again.project.programmeCode = "EEA-NO";
  db->write([&](Connection& c) {
    store::deleteProject(c, "LLI-317");
    store::saveBundle(c, again, false);
  });

  db->read([&](store::Reader& r) {
    const std::string newIdentity = store::projectIdentity(r, "LLI-317").value();
    BOOST_TEST(newIdentity != oldIdentity);
    BOOST_TEST(store::findSubmittedReport(r, id)->projectIdentity == oldIdentity);
    // The new project has no reports; the old programme keeps the old project's.
    BOOST_TEST(store::listSubmittedReports(r, "LLI-317").empty());
    BOOST_TEST(store::listProgrammeReports(r, "EEA-NO").empty());
    const auto kept = store::listProgrammeReports(r, "LV-LT-2014-2020");
    BOOST_TEST_REQUIRE(kept.size() == 1u);
    BOOST_TEST(kept[0].id == id);
    const auto scope = store::identityScope(r, oldIdentity);
    BOOST_TEST_REQUIRE(scope.has_value());
    BOOST_TEST(scope->code == "LLI-317");
    BOOST_TEST(scope->programme == "LV-LT-2014-2020");
    BOOST_TEST(!scope->current);
    const auto current = store::identityScope(r, newIdentity);
    BOOST_TEST(current->programme == "EEA-NO");
    BOOST_TEST(current->current);
  });
}

BOOST_AUTO_TEST_CASE(a_replace_keeps_the_identity_and_a_move_takes_the_reports_along) {
  namespace store = crossgrant::store;
  db->write([](Connection& c) { store::saveBundle(c, sampleBundle(), false); });
  const std::string pdf = "%PDF-1.4 replaced";
  db->write([&](Connection& c) { store::insertSubmittedReport(c, sampleReport(pdf), pdf); });
  const auto identity = [&] {
    return db->read([](store::Reader& r) { return store::projectIdentity(r, "LLI-317").value(); });
  };
  const std::string before = identity();
  crossgrant::core::Bundle moved = sampleBundle();
  moved.programme.code = "EEA-NO";
  moved.programme.rules = "eea-norway-grants";
  moved.project.programmeCode = "EEA-NO";
  db->write([&](Connection& c) { store::saveBundle(c, moved, true); });
  BOOST_TEST(identity() == before);
  db->read([&](store::Reader& r) {
    BOOST_TEST(store::listSubmittedReports(r, "LLI-317").size() == 1u);
    BOOST_TEST(store::listProgrammeReports(r, "EEA-NO").size() == 1u);
    BOOST_TEST(store::listProgrammeReports(r, "LV-LT-2014-2020").empty());
  });
}

BOOST_AUTO_TEST_SUITE_END()
