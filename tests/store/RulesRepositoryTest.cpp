// The recorded programme rules (migration 5) on every backend: none after migrate, a set
// replaced as a whole and read back byte for byte in key order, and each submitted report's
// rules fingerprint stored with it ('' for a report inserted without one, as before
// migration 5).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "StoreFixture.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/RulesFingerprint.h"
#include "crossgrant/store/ReportRepository.h"
#include "crossgrant/store/RulesRepository.h"

namespace core = crossgrant::core;
namespace store = crossgrant::store;
using crossgrant::test::StoreFixture;
using store::Connection;
using store::Reader;
using store::RecordedRules;

namespace {

RecordedRules sample(const std::string& key, const std::string& cap) {
  core::ProgrammeRules rules;
  rules.key = key;
  rules.title = "Interreg 2014–2020 — Latvija–Lietuva 𝄞";
  rules.categories = {{"staff", "Staff costs"}, {"office_admin", "Office and administration"}};
  rules.fundRateCap = core::Rate::parse(cap);
  rules.flatRates = {{"office_admin", core::Rate::parse("0.15"), {"staff"}}};
  return {core::describeRules(rules), "2026-11-25T11:40:00.000Z", "os:rūta"};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(rules_repository, StoreFixture)

BOOST_AUTO_TEST_CASE(nothing_is_recorded_after_migrate) {
  BOOST_TEST(db->read([](Reader& r) { return store::listRecordedRules(r); }).empty());
}

BOOST_AUTO_TEST_CASE(recorded_rules_are_replaced_as_a_whole_and_read_back_in_key_order) {
  const std::vector<RecordedRules> first{sample("zz-rules", "0.85"), sample("aa-rules", "0.8")};
  db->write([&](Connection& c) { store::replaceRecordedRules(c, first); });
  const auto read = db->read([](Reader& r) { return store::listRecordedRules(r); });
  BOOST_TEST_REQUIRE(read.size() == 2u);
  BOOST_TEST((read[0] == first[1]));
  BOOST_TEST((read[1] == first[0]));
  BOOST_TEST(read[1].rules.json.find("\"fund_rate_cap\":\"0.85\"") != std::string::npos);
  BOOST_TEST(core::sha256Hex(read[0].rules.json) == read[0].rules.fingerprint);

  const std::vector<RecordedRules> second{sample("aa-rules", "0.75")};
  db->write([&](Connection& c) { store::replaceRecordedRules(c, second); });
  const auto replaced = db->read([](Reader& r) { return store::listRecordedRules(r); });
  BOOST_TEST_REQUIRE(replaced.size() == 1u);
  BOOST_TEST((replaced[0] == second[0]));
}

BOOST_AUTO_TEST_CASE(a_failed_replacement_keeps_what_was_recorded) {
  const std::vector<RecordedRules> first{sample("aa-rules", "0.85")};
  db->write([&](Connection& c) { store::replaceRecordedRules(c, first); });
  const std::vector<RecordedRules> twice{sample("bb-rules", "0.8"), sample("bb-rules", "0.7")};
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::replaceRecordedRules(c, twice); }),
                    std::exception);
  const auto read = db->read([](Reader& r) { return store::listRecordedRules(r); });
  BOOST_TEST_REQUIRE(read.size() == 1u);
  BOOST_TEST((read[0] == first[0]));
}

BOOST_AUTO_TEST_CASE(a_submitted_report_keeps_its_rules_fingerprint) {
  store::SubmittedReport report;
  report.project = "LLI-317";
  report.kind = "financial";
  report.language = "lv";
  report.fileName = "f.pdf";
  report.sha256 = core::sha256Hex("%PDF-1.4");
  report.size = 8;
  report.submittedAt = "2026-11-25T11:40:00Z";
  report.submittedBy = "os:rūta";
  report.rulesFingerprint = sample("aa-rules", "0.85").rules.fingerprint;
  report.projectIdentity = "identity-of-LLI-317";
  report.id =
      db->write([&](Connection& c) { return store::insertSubmittedReport(c, report, "%PDF-1.4"); });
  const auto found = db->read([&](Reader& r) { return store::findSubmittedReport(r, report.id); });
  BOOST_TEST_REQUIRE(found.has_value());
  BOOST_TEST((*found == report));

  // A report stored without one, as every report before migration 5, has ''.
  const std::int64_t older = db->write([](Connection& c) {
    c.execute(
        "INSERT INTO submitted_reports (project, kind, period, partner, language, file_name, "
        "sha256, pdf, size, submitted_at, submitted_by) "
        "VALUES ('LLI-317', 'audit', NULL, '', 'en', 'old.pdf', 'x', ?, 0, 't', 'u')",
        {store::Blob{"old"}});
    return c.lastInsertId();
  });
  const auto old = db->read([&](Reader& r) { return store::findSubmittedReport(r, older); });
  BOOST_TEST_REQUIRE(old.has_value());
  BOOST_TEST(old->rulesFingerprint.empty());
}

BOOST_AUTO_TEST_SUITE_END()
