#define BOOST_TEST_MODULE core
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "crossgrant/core/Money.h"

using crossgrant::core::Amount;
using crossgrant::core::applyRate;
using crossgrant::core::capAt;
using crossgrant::core::divideRounded;
using crossgrant::core::exceedsRate;
using crossgrant::core::findCurrency;
using crossgrant::core::MoneyError;
using crossgrant::core::Rate;
using crossgrant::core::Rounding;
using crossgrant::core::toEuro;

namespace {

Amount amount(const char* text) { return Amount::parse(text, true); }
Rate rate(const char* text) { return Rate::parse(text); }

std::string parseError(const std::string& text, bool allowNegative = false) {
  try {
    Amount::parse(text, allowNegative);
  } catch (const MoneyError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(money)

BOOST_AUTO_TEST_CASE(amount_parses_plain_decimals_into_cents) {
  BOOST_TEST(Amount::parse("791256.20").minor() == 79125620);
  BOOST_TEST(Amount::parse("12").minor() == 1200);
  BOOST_TEST(Amount::parse("0.5").minor() == 50);
  BOOST_TEST(Amount::parse("0.05").minor() == 5);
  BOOST_TEST(Amount::parse("0").minor() == 0);
}

BOOST_AUTO_TEST_CASE(amount_prints_two_fraction_digits) {
  BOOST_TEST(Amount::parse("0.5").toString() == "0.50");
  BOOST_TEST(Amount::parse("12").toString() == "12.00");
  BOOST_TEST(Amount::parse("791256.20").toString() == "791256.20");
  BOOST_TEST(Amount().toString() == "0.00");
  BOOST_TEST(Amount::fromMinor(-5).toString() == "-0.05");
  BOOST_TEST(Amount::fromMinor(-123456).toString() == "-1234.56");
}

BOOST_AUTO_TEST_CASE(negative_amounts_only_where_allowed) {
  BOOST_TEST(Amount::parse("-0.05", true).minor() == -5);
  BOOST_TEST(Amount::parse("-0.05", true).toString() == "-0.05");
  BOOST_CHECK_THROW(Amount::parse("-0.05"), MoneyError);
  BOOST_TEST(parseError("-0.05").find("must not be negative") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_amounts_are_rejected_with_a_reason) {
  for (const char* text : {"1,000.00", "1e3", " 1", "1 ", "1.234", "", ".5", "5.", "-", "+1",
                           "1.2.3", "0x10", "12a", "1 000"}) {
    BOOST_TEST_CONTEXT("text \"" << text << "\"") {
      BOOST_CHECK_THROW(Amount::parse(text, true), MoneyError);
    }
  }
  BOOST_TEST(parseError("1,000.00").find("not a plain decimal") != std::string::npos);
  BOOST_TEST(parseError("1,000.00").find("\"1,000.00\"") != std::string::npos);
  BOOST_TEST(parseError("1.234").find("more than 2 fraction digits") != std::string::npos);
  BOOST_TEST(parseError("").find("empty") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_largest_amount_parses_and_one_cent_more_does_not) {
  const Amount largest = Amount::parse("92233720368547758.07");
  BOOST_TEST(largest.minor() == std::numeric_limits<std::int64_t>::max());
  BOOST_TEST(largest.toString() == "92233720368547758.07");
  BOOST_TEST(Amount::parse("-92233720368547758.07", true).toString() == "-92233720368547758.07");
  BOOST_CHECK_THROW(Amount::parse("92233720368547758.08"), MoneyError);
  BOOST_TEST(parseError("92233720368547758.08").find("too large") != std::string::npos);
  BOOST_CHECK_THROW(Amount::parse("100000000000000000000000"), MoneyError);
}

BOOST_AUTO_TEST_CASE(arithmetic_is_exact_and_overflow_throws) {
  BOOST_TEST((amount("0.10") + amount("0.20")).toString() == "0.30");
  BOOST_TEST((amount("94535.11") - amount("94535.16")).toString() == "-0.05");
  const Amount largest = Amount::fromMinor(std::numeric_limits<std::int64_t>::max());
  BOOST_CHECK_THROW(largest + Amount::fromMinor(1), MoneyError);
  BOOST_CHECK_THROW(Amount::fromMinor(-largest.minor()) - Amount::fromMinor(1), MoneyError);
  Amount sum = largest;
  BOOST_CHECK_THROW(sum += Amount::fromMinor(1), MoneyError);
  BOOST_TEST(sum.minor() == largest.minor());
}

BOOST_AUTO_TEST_CASE(rounding_of_halves) {
  BOOST_TEST(divideRounded(5, 10, Rounding::kHalfUp) == 1);
  BOOST_TEST(divideRounded(4, 10, Rounding::kHalfUp) == 0);
  BOOST_TEST(divideRounded(-5, 10, Rounding::kHalfUp) == -1);
  BOOST_TEST(divideRounded(-4, 10, Rounding::kHalfUp) == 0);
  BOOST_TEST(divideRounded(5, 10, Rounding::kHalfEven) == 0);
  BOOST_TEST(divideRounded(15, 10, Rounding::kHalfEven) == 2);
  BOOST_TEST(divideRounded(25, 10, Rounding::kHalfEven) == 2);
  BOOST_TEST(divideRounded(26, 10, Rounding::kHalfEven) == 3);
  BOOST_TEST(divideRounded(-15, 10, Rounding::kHalfEven) == -2);
  BOOST_TEST(divideRounded(-25, 10, Rounding::kHalfEven) == -2);
  BOOST_TEST(divideRounded(19, 10, Rounding::kDown) == 1);
  BOOST_TEST(divideRounded(-19, 10, Rounding::kDown) == -1);
  BOOST_CHECK_THROW(divideRounded(1, 0, Rounding::kHalfUp), MoneyError);
}

BOOST_AUTO_TEST_CASE(rounding_names) {
  BOOST_TEST(crossgrant::core::toString(Rounding::kHalfEven) == "half_even");
  BOOST_TEST((crossgrant::core::parseRounding("half_up") == Rounding::kHalfUp));
  BOOST_TEST((crossgrant::core::parseRounding("down") == Rounding::kDown));
  BOOST_TEST(!crossgrant::core::parseRounding("HALF_UP").has_value());
}

BOOST_AUTO_TEST_CASE(apply_rate_rounds_once_to_the_cent) {
  // 15 % of 100.10 is 15.015; of 100.30 is 15.045.
  BOOST_TEST(applyRate(amount("100.10"), rate("0.15"), Rounding::kHalfUp).toString() == "15.02");
  BOOST_TEST(applyRate(amount("100.10"), rate("0.15"), Rounding::kDown).toString() == "15.01");
  BOOST_TEST(applyRate(amount("100.30"), rate("0.15"), Rounding::kHalfUp).toString() == "15.05");
  BOOST_TEST(applyRate(amount("100.30"), rate("0.15"), Rounding::kHalfEven).toString() == "15.04");
  BOOST_TEST(applyRate(amount("-100.30"), rate("0.15"), Rounding::kHalfUp).toString() == "-15.05");
  BOOST_TEST(applyRate(amount("-100.30"), rate("0.15"), Rounding::kHalfEven).toString() ==
             "-15.04");
  BOOST_TEST(applyRate(amount("60000.00"), rate("0.15"), Rounding::kHalfUp).toString() ==
             "9000.00");
  BOOST_TEST(applyRate(amount("11344.22"), rate("0.15"), Rounding::kHalfUp).toString() ==
             "1701.63");
}

BOOST_AUTO_TEST_CASE(cap_is_the_largest_whole_cent_not_above_the_rate) {
  BOOST_TEST(capAt(amount("100.00"), rate("0.85")).toString() == "85.00");
  // 85 % of 94535.16 is 80354.886.
  BOOST_TEST(capAt(amount("94535.16"), rate("0.85")).toString() == "80354.88");
  BOOST_TEST(capAt(amount("0.00"), rate("0.85")).toString() == "0.00");
}

BOOST_AUTO_TEST_CASE(exceeds_rate_compares_exactly_at_the_cap) {
  BOOST_TEST(!exceedsRate(amount("85.00"), amount("100.00"), rate("0.85")));
  BOOST_TEST(exceedsRate(amount("85.01"), amount("100.00"), rate("0.85")));
  BOOST_TEST(!exceedsRate(amount("80354.88"), amount("94535.16"), rate("0.85")));
  BOOST_TEST(exceedsRate(amount("80354.89"), amount("94535.16"), rate("0.85")));
}

BOOST_AUTO_TEST_CASE(legacy_currencies_convert_at_the_fixed_rate) {
  // 702.80 / 0.702804 = 999.9943...; 702.81 / 0.702804 = 1000.0085...
  BOOST_TEST(toEuro(amount("702.80"), "LVL").toString() == "999.99");
  BOOST_TEST(toEuro(amount("702.81"), "LVL").toString() == "1000.01");
  BOOST_TEST(toEuro(amount("702.81"), "LVL", Rounding::kDown).toString() == "1000.00");
  BOOST_TEST(toEuro(amount("1.00"), "LVL").toString() == "1.42");
  BOOST_TEST(toEuro(amount("3.45"), "LTL").toString() == "1.00");
  BOOST_TEST(toEuro(amount("3.45"), "LTL", Rounding::kDown).toString() == "0.99");
  BOOST_TEST(toEuro(amount("100.00"), "LTL").toString() == "28.96");
  BOOST_TEST(toEuro(amount("-100.00"), "LTL").toString() == "-28.96");
  BOOST_TEST(toEuro(amount("791256.20"), "EUR").toString() == "791256.20");
  BOOST_CHECK_THROW(toEuro(amount("1.00"), "USD"), MoneyError);
}

BOOST_AUTO_TEST_CASE(known_currencies) {
  BOOST_REQUIRE(findCurrency("EUR") != nullptr);
  BOOST_TEST(!findCurrency("EUR")->unitsPerEuro.has_value());
  BOOST_REQUIRE(findCurrency("LVL") != nullptr);
  BOOST_TEST(findCurrency("LVL")->unitsPerEuro->toString() == "0.702804");
  BOOST_REQUIRE(findCurrency("LTL") != nullptr);
  BOOST_TEST(findCurrency("LTL")->unitsPerEuro->toString() == "3.4528");
  BOOST_TEST(findCurrency("USD") == nullptr);
  BOOST_TEST(findCurrency("eur") == nullptr);
}

BOOST_AUTO_TEST_CASE(rates_parse_and_print_exactly) {
  BOOST_TEST(rate("0.85").millionths() == 850000);
  BOOST_TEST(rate("0.85").toString() == "0.85");
  BOOST_TEST(rate("1").toString() == "1");
  BOOST_TEST(rate("0.702804").toString() == "0.702804");
  BOOST_TEST(rate("3.45280").toString() == "3.4528");
  BOOST_TEST(rate("0").toString() == "0");
  BOOST_TEST(rate("0.85").toPercent() == "85 %");
  BOOST_TEST(rate("0.15").toPercent() == "15 %");
  BOOST_TEST(rate("0.075").toPercent() == "7.5 %");
  BOOST_TEST(rate("1").toPercent() == "100 %");
  for (const char* text : {"0.1234567", "-0.5", "85%", "", ".85", "0,85", "1e-1"}) {
    BOOST_TEST_CONTEXT("text \"" << text << "\"") {
      BOOST_CHECK_THROW(Rate::parse(text), MoneyError);
    }
  }
}

BOOST_AUTO_TEST_CASE(checked_addition_says_when_a_sum_does_not_fit) {
  BOOST_TEST(Amount::max().toString() == "92233720368547758.07");
  BOOST_TEST((Amount::fromMinor(1).checkedAdd(Amount::fromMinor(2)) == Amount::fromMinor(3)));
  BOOST_TEST((Amount::max().checkedAdd(Amount()) == Amount::max()));
  BOOST_TEST(!Amount::max().checkedAdd(Amount::fromMinor(1)).has_value());
  BOOST_TEST(!Amount::max().checkedAdd(Amount::max()).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
