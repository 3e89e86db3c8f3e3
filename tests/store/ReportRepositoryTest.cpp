// Submitted reports and binary data in the store, on every backend: every byte value survives
// a round trip, a PDF comes back exactly as stored, and reports are found by id, project and
// SHA-256.
#include <boost/test/unit_test.hpp>

#include <string>

#include "StoreFixture.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/store/ReportRepository.h"

using crossgrant::store::asBlob;
using crossgrant::store::Blob;
using crossgrant::store::Connection;
using crossgrant::store::StoreError;
using crossgrant::store::SubmittedReport;
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
  const std::string pdf = "%PDF-1.4\n" + allBytes() + "\n%%EOF\n";
  const SubmittedReport report = sampleReport(pdf);
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

BOOST_AUTO_TEST_SUITE_END()
