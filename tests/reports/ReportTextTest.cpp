// The rules of the reports' text that need no PDF: the fund rate printed against the
// programme's rate (reports/README.md, "The fund rate").
#include <boost/test/unit_test.hpp>

#include <string>

#include "ReportText.h"
#include "crossgrant/core/Locale.h"

using crossgrant::core::Amount;
using crossgrant::core::Language;
using crossgrant::core::Rate;
using crossgrant::core::Rounding;
using crossgrant::reports::formatFundRate;
using crossgrant::reports::fundIsRateRounded;

namespace {

const Rate k85 = Rate::fromMillionths(850000);

std::string en(const char* fund, const char* total, Rate rate = k85,
               Rounding rounding = Rounding::kHalfUp) {
  return formatFundRate(Amount::parse(fund), Amount::parse(total), rate, rounding, Language::kEn);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fund_rate)

BOOST_AUTO_TEST_CASE(an_exact_rate_prints_the_programme_rate) {
  BOOST_TEST(en("85000.00", "100000.00") == "85%");
  BOOST_TEST(formatFundRate(Amount::parse("85000.00"), Amount::parse("100000.00"), k85,
                            Rounding::kHalfUp, Language::kLv) == "85\u00A0%");
}

BOOST_AUTO_TEST_CASE(a_fund_rounded_to_the_cent_prints_the_programme_rate) {
  // 94 535.16 × 85 % = 80 354.886: half up 80 354.89 is above the rate, so the fund the cap
  // allows is 80 354.88 (84.99999 %), which prints as the programme's rate.
  BOOST_TEST(en("80354.88", "94535.16") == "85%");
  BOOST_TEST(fundIsRateRounded(Amount::parse("80354.88"), Amount::parse("94535.16"), k85,
                               Rounding::kHalfUp));
  // 1 000.01 × 85 % = 850.0085: half up 850.01 is above the rate, down 850.00 is within it.
  BOOST_TEST(en("850.00", "1000.01") == "85%");
  // 1 000.03 × 85 % = 850.0255: half up 850.03 is above the rate and a finding
  // (fund_rate_exceeded): it never prints as 85 %.
  BOOST_TEST(!fundIsRateRounded(Amount::parse("850.03"), Amount::parse("1000.03"), k85,
                                Rounding::kHalfUp));
  BOOST_TEST(en("850.03", "1000.03") == "85.0004%");
  // 1 000.02 × 85 % = 850.017: down to 850.01 (84.99993 %), the rules' rounding or down.
  BOOST_TEST(en("850.01", "1000.02") == "85%");
  BOOST_TEST(en("850.01", "1000.02", k85, Rounding::kDown) == "85%");
}

BOOST_AUTO_TEST_CASE(a_rate_that_differs_prints_the_fewest_digits_that_show_it) {
  BOOST_TEST(en("84500.00", "100000.00") == "84.5%");
  BOOST_TEST(en("50000.00", "100000.00") == "50%");
  BOOST_TEST(en("84000.00", "100000.00") == "84%");
  // 84.96 % rounds to 85 % at none or one digit: two digits.
  BOOST_TEST(en("84960.00", "100000.00") == "84.96%");
  // 84.99993 % that is not the cent rounding of 85 % (a cent short of it).
  BOOST_TEST(en("84999.93", "100000.00") == "84.9999%");
  BOOST_TEST(en("84990.00", "100000.00") == "84.99%");
}

BOOST_AUTO_TEST_CASE(a_rate_above_the_maximum_never_prints_as_it_or_below_it) {
  BOOST_TEST(en("85004.00", "100000.00") == "85.004%");
  // At least one fraction digit: 85.6 % against 85 % prints as itself, not as "86%".
  BOOST_TEST(en("85600.00", "100000.00") == "85.6%");  // never "86%": no larger difference
  BOOST_TEST(en("86000.00", "100000.00") == "86%");
  // 85.00004 % rounds to 85 % even at four digits: up, away from the maximum.
  BOOST_TEST(en("85000.04", "100000.00") == "85.0001%");
  // A rate below the maximum never rounds up to it or across it: the maximum 85.7 %,
  // 85.6 % at no digits would be 86 %.
  BOOST_TEST(en("85600.00", "100000.00", Rate::fromMillionths(857000)) == "85.6%");
  // 84.999964 % (nine cents short of 85 % of 250 000.00) at four digits is 85.0000: down,
  // away from the maximum, to 84.9999 %.
  BOOST_TEST(en("212499.91", "250000.00") == "84.9999%");
}

BOOST_AUTO_TEST_CASE(no_total_has_no_rate) {
  BOOST_TEST(en("0.00", "0.00") == "\u2013");
  BOOST_TEST(en("0.00", "100.00") == "0%");
  // Without a programme rate the exact rate to four digits.
  BOOST_TEST(en("84999.93", "100000.00", Rate()) == "84.9999%");
}

BOOST_AUTO_TEST_SUITE_END()
