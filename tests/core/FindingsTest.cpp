#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "CoreTestData.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Findings.h"

using crossgrant::core::Amount;
using crossgrant::core::Bundle;
using crossgrant::core::Contribution;
using crossgrant::core::ContributionType;
using crossgrant::core::Finding;
using crossgrant::core::Partner;
using crossgrant::core::PartnerRole;
using crossgrant::core::ProgrammeRules;
using crossgrant::core::Rounding;

namespace {

Amount amount(const char* text) { return Amount::parse(text); }

struct Fixture {
  ProgrammeRules rules = crossgrant::test::interregRules();

  Bundle demo() {
    return crossgrant::core::readBundle(crossgrant::test::demoBundleText(),
                                        crossgrant::test::lookupOf(rules));
  }

  std::vector<Finding> findings(const Bundle& bundle) {
    return crossgrant::core::computeFindings(bundle, rules);
  }
};

// A project with one lead partner whose figures reconcile: total 100.00, all staff, 85 % fund.
Bundle small() {
  Bundle bundle;
  bundle.programme = {"P", "Programme", "interreg-2014-2020", "ERDF"};
  bundle.project.code = "X-1";
  bundle.project.acronym = "X";
  bundle.project.titles = {{"en", "X"}};
  Partner lead;
  lead.code = "LP";
  lead.role = PartnerRole::kLead;
  lead.name = "Lead";
  lead.country = "LV";
  lead.total = amount("100.00");
  lead.budget = {{"staff", amount("100.00")}};
  lead.cofinancing = {{"ERDF", ContributionType::kFund, amount("85.00")},
                      {"Pašvaldība", ContributionType::kPublic, amount("15.00")}};
  bundle.partners.push_back(lead);
  return bundle;
}

std::string codes(const std::vector<Finding>& findings) {
  std::string text;
  for (const Finding& finding : findings)
    text += (text.empty() ? "" : " ") + finding.partner.value_or("-") + ":" + finding.code;
  return text;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(findings, Fixture)

BOOST_AUTO_TEST_CASE(demo_bundle_yields_exactly_the_two_published_inconsistencies) {
  const auto found = findings(demo());
  BOOST_REQUIRE(found.size() == 2u);

  const Finding& contributions = found[0];
  BOOST_TEST(contributions.code == "contributions_mismatch");
  BOOST_TEST(contributions.partner.value_or("") == "PP6");
  BOOST_TEST(contributions.expected.toString() == "94535.16");
  BOOST_TEST(contributions.actual.toString() == "94535.11");
  BOOST_TEST(contributions.difference().toString() == "-0.05");
  BOOST_TEST(contributions.message.find("94535.11") != std::string::npos);

  const Finding& fund = found[1];
  BOOST_TEST(fund.code == "project_fund_mismatch");
  BOOST_TEST(!fund.partner.has_value());
  BOOST_TEST(fund.expected.toString() == "672567.74");
  BOOST_TEST(fund.actual.toString() == "672567.64");
  BOOST_TEST(fund.difference().toString() == "-0.10");
}

BOOST_AUTO_TEST_CASE(reconciling_figures_yield_no_findings) {
  BOOST_TEST(findings(small()).empty(), codes(findings(small())));
}

BOOST_AUTO_TEST_CASE(budget_mismatch) {
  Bundle bundle = demo();
  bundle.partners[0].budget[3].amount = amount("39000.01");  // LP external
  const auto found = findings(bundle);
  BOOST_TEST_REQUIRE(found.size() == 3u, codes(found));
  BOOST_TEST(found[0].code == "budget_mismatch");
  BOOST_TEST(found[0].partner.value_or("") == "LP");
  BOOST_TEST(found[0].expected.toString() == "120000.00");
  BOOST_TEST(found[0].actual.toString() == "120000.01");
  BOOST_TEST(found[0].difference().toString() == "0.01");
  BOOST_TEST(found[1].code == "contributions_mismatch");
  BOOST_TEST(found[2].code == "project_fund_mismatch");
}

BOOST_AUTO_TEST_CASE(fund_rate_exactly_at_the_cap_is_no_finding) {
  BOOST_TEST(findings(small()).empty());
  Bundle bundle = small();
  // 85 % of 94535.16 is 80354.886: 80354.88 is the most the fund may pay.
  bundle.partners[0].total = amount("94535.16");
  bundle.partners[0].budget = {{"staff", amount("94535.16")}};
  bundle.partners[0].cofinancing = {{"ERDF", ContributionType::kFund, amount("80354.88")},
                                    {"Other", ContributionType::kPublic, amount("14180.28")}};
  BOOST_TEST(findings(bundle).empty(), codes(findings(bundle)));
}

BOOST_AUTO_TEST_CASE(fund_rate_one_cent_above_the_cap) {
  Bundle bundle = small();
  bundle.partners[0].cofinancing = {{"ERDF", ContributionType::kFund, amount("85.01")},
                                    {"Pašvaldība", ContributionType::kPublic, amount("14.99")}};
  const auto found = findings(bundle);
  BOOST_TEST_REQUIRE(found.size() == 1u, codes(found));
  BOOST_TEST(found[0].code == "fund_rate_exceeded");
  BOOST_TEST(found[0].partner.value_or("") == "LP");
  BOOST_TEST(found[0].expected.toString() == "85.00");
  BOOST_TEST(found[0].actual.toString() == "85.01");
  BOOST_TEST(found[0].message.find("85 %") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(fund_rate_counts_every_fund_entry) {
  Bundle bundle = small();
  bundle.partners[0].cofinancing = {{"ERDF", ContributionType::kFund, amount("80.00")},
                                    {"Other fund", ContributionType::kFund, amount("5.01")},
                                    {"Pašvaldība", ContributionType::kPublic, amount("14.99")}};
  const auto found = findings(bundle);
  BOOST_TEST_REQUIRE(found.size() == 1u, codes(found));
  BOOST_TEST(found[0].code == "fund_rate_exceeded");
  BOOST_TEST(found[0].actual.toString() == "85.01");
}

BOOST_AUTO_TEST_CASE(flat_rate_on_a_half_cent_staff_value) {
  // 15 % of 100.30 is 15.045: half up gives 15.05, half even 15.04.
  Bundle bundle = small();
  Partner& lead = bundle.partners[0];
  lead.total = amount("115.34");
  lead.budget = {{"staff", amount("100.30")}, {"office_admin", amount("15.04")}};
  lead.cofinancing = {{"ERDF", ContributionType::kFund, amount("98.03")},
                      {"Pašvaldība", ContributionType::kPublic, amount("17.31")}};
  const auto found = findings(bundle);
  BOOST_TEST_REQUIRE(found.size() == 1u, codes(found));
  BOOST_TEST(found[0].code == "flat_rate_mismatch");
  BOOST_TEST(found[0].partner.value_or("") == "LP");
  BOOST_TEST(found[0].expected.toString() == "15.05");
  BOOST_TEST(found[0].actual.toString() == "15.04");
  BOOST_TEST(found[0].difference().toString() == "-0.01");

  rules.rounding = Rounding::kHalfEven;
  BOOST_TEST(findings(bundle).empty(), codes(findings(bundle)));
}

BOOST_AUTO_TEST_CASE(project_total_mismatch) {
  Bundle bundle = demo();
  bundle.project.approvedTotal = amount("791256.21");
  const auto found = findings(bundle);
  BOOST_TEST_REQUIRE(found.size() == 3u, codes(found));
  BOOST_TEST(found[1].code == "project_total_mismatch");
  BOOST_TEST(!found[1].partner.has_value());
  BOOST_TEST(found[1].expected.toString() == "791256.21");
  BOOST_TEST(found[1].actual.toString() == "791256.20");
  BOOST_TEST(found[1].difference().toString() == "-0.01");
  BOOST_TEST(found[2].code == "project_fund_mismatch");
}

BOOST_AUTO_TEST_CASE(without_approved_figures_no_project_findings) {
  Bundle bundle = demo();
  bundle.project.approvedTotal.reset();
  bundle.project.approvedFund.reset();
  const auto found = findings(bundle);
  BOOST_TEST_REQUIRE(found.size() == 1u, codes(found));
  BOOST_TEST(found[0].code == "contributions_mismatch");
}

BOOST_AUTO_TEST_CASE(findings_come_partner_by_partner_then_project) {
  Bundle bundle = demo();
  bundle.partners[1].budget[0].amount = amount("9500.01");        // PP1 staff: budget off by 0.01
  bundle.partners[7].cofinancing[0].amount = amount("90000.00");  // PP7 fund over the cap
  bundle.project.approvedTotal = amount("1.00");
  const auto found = findings(bundle);
  BOOST_TEST(codes(found) ==
             "PP1:budget_mismatch PP6:contributions_mismatch PP7:contributions_mismatch "
             "PP7:fund_rate_exceeded -:project_total_mismatch -:project_fund_mismatch");
}

BOOST_AUTO_TEST_CASE(zero_amounts) {
  Bundle bundle = small();
  Partner& lead = bundle.partners[0];
  lead.total = Amount();
  lead.budget = {{"staff", Amount()}, {"office_admin", Amount()}};
  lead.cofinancing = {{"ERDF", ContributionType::kFund, Amount()}};
  bundle.project.approvedTotal = Amount();
  bundle.project.approvedFund = Amount();
  BOOST_TEST(findings(bundle).empty(), codes(findings(bundle)));

  lead.cofinancing = {};
  lead.budget = {};
  BOOST_TEST(findings(bundle).empty(), codes(findings(bundle)));

  // A fund that pays anything towards a zero total is above every cap.
  lead.cofinancing = {{"ERDF", ContributionType::kFund, amount("0.01")}};
  bundle.project.approvedFund = amount("0.01");
  BOOST_TEST(codes(findings(bundle)) == "LP:contributions_mismatch LP:fund_rate_exceeded");
}

BOOST_AUTO_TEST_CASE(lvl_projects_reconcile_in_their_own_currency) {
  const std::string text = crossgrant::test::replaced(
      crossgrant::core::writeBundle(small()), R"("currency": "EUR")", R"("currency": "LVL")");
  Bundle bundle = crossgrant::core::readBundle(text, crossgrant::test::lookupOf(rules));
  BOOST_TEST(bundle.project.currency == "LVL");
  BOOST_TEST(bundle.partners[0].total.toString() == "100.00");
  BOOST_TEST(findings(bundle).empty(), codes(findings(bundle)));

  bundle.project.approvedTotal = amount("70.28");
  const auto found = findings(bundle);
  BOOST_TEST_REQUIRE(found.size() == 1u, codes(found));
  BOOST_TEST(found[0].code == "project_total_mismatch");
  BOOST_TEST(found[0].expected.toString() == "70.28");
  BOOST_TEST(found[0].actual.toString() == "100.00");
  BOOST_TEST(crossgrant::core::toEuro(found[0].actual, bundle.project.currency).toString() ==
             "142.29");
}

BOOST_AUTO_TEST_SUITE_END()
