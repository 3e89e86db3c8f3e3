#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "crossgrant/core/Locale.h"

using crossgrant::core::Amount;
using crossgrant::core::Date;
using crossgrant::core::DateForm;
using crossgrant::core::formatAmount;
using crossgrant::core::formatDate;
using crossgrant::core::formatDateTime;
using crossgrant::core::formatInteger;
using crossgrant::core::formatMoney;
using crossgrant::core::formatMoneyWithEuro;
using crossgrant::core::formatPercent;
using crossgrant::core::formatShare;
using crossgrant::core::Language;
using crossgrant::core::MoneyError;
using crossgrant::core::monthName;
using crossgrant::core::parseLanguage;
using crossgrant::core::Rate;

namespace {

constexpr Language kEn = Language::kEn;
constexpr Language kLv = Language::kLv;
constexpr Language kLt = Language::kLt;

Amount amount(const char* text) { return Amount::parse(text, true); }

// Writes U+00A0 as '_' so that failures are readable.
std::string visible(std::string text) {
  for (std::size_t at = text.find("\xC2\xA0"); at != std::string::npos;
       at = text.find("\xC2\xA0", at))
    text.replace(at, 2, "_");
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(locale)

BOOST_AUTO_TEST_CASE(languages_parse_and_print) {
  BOOST_TEST((parseLanguage("en").value() == kEn));
  BOOST_TEST((parseLanguage("lv").value() == kLv));
  BOOST_TEST((parseLanguage("lt").value() == kLt));
  BOOST_TEST(!parseLanguage("de").has_value());
  BOOST_TEST(!parseLanguage("LV").has_value());
  BOOST_TEST(toString(kLt) == "lt");
}

BOOST_AUTO_TEST_CASE(amounts_group_and_use_the_decimal_mark_of_the_language) {
  BOOST_TEST(formatAmount(amount("791256.20"), kEn) == "791,256.20");
  BOOST_TEST(visible(formatAmount(amount("791256.20"), kLv)) == "791_256,20");
  BOOST_TEST(visible(formatAmount(amount("791256.20"), kLt)) == "791_256,20");
  BOOST_TEST(formatAmount(amount("791256.20"), kLv) == "791\u00A0256,20");
  BOOST_TEST(formatAmount(amount("0"), kEn) == "0.00");
  BOOST_TEST(formatAmount(amount("0.05"), kLv) == "0,05");
  BOOST_TEST(formatAmount(amount("999.99"), kEn) == "999.99");
  BOOST_TEST(formatAmount(amount("1000"), kEn) == "1,000.00");
  BOOST_TEST(visible(formatAmount(amount("1000"), kLt)) == "1_000,00");
  BOOST_TEST(formatAmount(amount("1234567.89"), kEn) == "1,234,567.89");
  BOOST_TEST(visible(formatAmount(amount("1234567.89"), kLv)) == "1_234_567,89");
}

BOOST_AUTO_TEST_CASE(negative_amounts_have_an_ascii_minus) {
  BOOST_TEST(formatAmount(amount("-0.05"), kEn) == "-0.05");
  BOOST_TEST(formatAmount(amount("-0.05"), kLv) == "-0,05");
  BOOST_TEST(formatAmount(amount("-1234.56"), kEn) == "-1,234.56");
  BOOST_TEST(visible(formatAmount(amount("-1234.56"), kLt)) == "-1_234,56");
  BOOST_TEST(formatAmount(amount("-0.10"), kEn) == "-0.10");
}

BOOST_AUTO_TEST_CASE(the_extreme_amounts_format) {
  const Amount largest = Amount::fromMinor(std::numeric_limits<std::int64_t>::max());
  const Amount smallest = Amount::fromMinor(std::numeric_limits<std::int64_t>::min());
  BOOST_TEST(formatAmount(largest, kEn) == "92,233,720,368,547,758.07");
  BOOST_TEST(formatAmount(smallest, kEn) == "-92,233,720,368,547,758.08");
  BOOST_TEST(visible(formatAmount(largest, kLv)) == "92_233_720_368_547_758,07");
}

BOOST_AUTO_TEST_CASE(integers_group_too) {
  BOOST_TEST(formatInteger(0, kEn) == "0");
  BOOST_TEST(formatInteger(999, kEn) == "999");
  BOOST_TEST(formatInteger(40000, kEn) == "40,000");
  BOOST_TEST(visible(formatInteger(40000, kLv)) == "40_000");
  BOOST_TEST(formatInteger(-1234567, kEn) == "-1,234,567");
}

BOOST_AUTO_TEST_CASE(money_carries_its_currency_code) {
  BOOST_TEST(formatMoney(amount("791256.20"), "EUR", kEn) == "791,256.20 EUR");
  BOOST_TEST(visible(formatMoney(amount("791256.20"), "EUR", kLv)) == "791_256,20 EUR");
}

BOOST_AUTO_TEST_CASE(legacy_currencies_show_their_euro_equivalent) {
  BOOST_TEST(formatMoneyWithEuro(amount("70.28"), "LVL", kEn) == "70.28 LVL (100.00 EUR)");
  BOOST_TEST(formatMoneyWithEuro(amount("70.28"), "LVL", kLv) == "70,28 LVL (100,00 EUR)");
  BOOST_TEST(formatMoneyWithEuro(amount("345.28"), "LTL", kLt) == "345,28 LTL (100,00 EUR)");
  BOOST_TEST(visible(formatMoneyWithEuro(amount("1000000"), "LVL", kLv)) ==
             "1_000_000,00 LVL (1_422_871,81 EUR)");
  BOOST_TEST(formatMoneyWithEuro(amount("-70.28"), "LVL", kEn) == "-70.28 LVL (-100.00 EUR)");
  BOOST_TEST(formatMoneyWithEuro(amount("100"), "EUR", kEn) == "100.00 EUR");
  BOOST_CHECK_THROW(formatMoneyWithEuro(amount("1"), "USD", kEn), MoneyError);
}

BOOST_AUTO_TEST_CASE(dates_are_written_out_in_each_language) {
  const Date date{2020, 1, 15};
  BOOST_TEST(formatDate(date, kEn) == "15 January 2020");
  BOOST_TEST(formatDate(date, kLv) == "2020. gada 15. janvāris");
  BOOST_TEST(formatDate(date, kLt) == "2020 m. sausio 15 d.");
  BOOST_TEST(formatDate(Date{2018, 3, 1}, kEn) == "1 March 2018");
  BOOST_TEST(formatDate(Date{2020, 2, 29}, kLv) == "2020. gada 29. februāris");
  BOOST_TEST(formatDate(Date{2019, 8, 31}, kLt) == "2019 m. rugpjūčio 31 d.");
}

BOOST_AUTO_TEST_CASE(every_month_has_its_name_and_lithuanian_dates_its_genitive) {
  const char* latvian[] = {"janvāris",   "februāris", "marts",     "aprīlis",
                           "maijs",      "jūnijs",    "jūlijs",    "augusts",
                           "septembris", "oktobris",  "novembris", "decembris"};
  const char* lithuanianGenitive[] = {"sausio",  "vasario",  "kovo",      "balandžio",
                                      "gegužės", "birželio", "liepos",    "rugpjūčio",
                                      "rugsėjo", "spalio",   "lapkričio", "gruodžio"};
  const char* english[] = {"January", "February", "March",     "April",   "May",      "June",
                           "July",    "August",   "September", "October", "November", "December"};
  for (int month = 1; month <= 12; ++month) {
    BOOST_TEST_CONTEXT("month " << month) {
      const auto index = static_cast<std::size_t>(month - 1);
      BOOST_TEST(monthName(month, kLv) == latvian[index]);
      BOOST_TEST(monthName(month, kEn) == english[index]);
      BOOST_TEST(formatDate(Date{2021, month, 5}, kLv) ==
                 std::string("2021. gada 5. ") + latvian[index]);
      BOOST_TEST(formatDate(Date{2021, month, 5}, kLt) ==
                 std::string("2021 m. ") + lithuanianGenitive[index] + " 5 d.");
      BOOST_TEST(formatDate(Date{2021, month, 5}, kEn) ==
                 std::string("5 ") + english[index] + " 2021");
    }
  }
  BOOST_TEST(monthName(5, kLt) == "gegužė");
  BOOST_CHECK_THROW(monthName(13, kEn), std::invalid_argument);
}

// Inside a sentence Latvian puts the month in the locative; Lithuanian keeps its genitive.
BOOST_AUTO_TEST_CASE(running_text_dates_decline_the_latvian_month_into_the_locative) {
  const char* locative[] = {"janvārī", "februārī", "martā",     "aprīlī",  "maijā",    "jūnijā",
                            "jūlijā",  "augustā",  "septembrī", "oktobrī", "novembrī", "decembrī"};
  const char* lithuanianGenitive[] = {"sausio",  "vasario",  "kovo",      "balandžio",
                                      "gegužės", "birželio", "liepos",    "rugpjūčio",
                                      "rugsėjo", "spalio",   "lapkričio", "gruodžio"};
  for (int month = 1; month <= 12; ++month) {
    BOOST_TEST_CONTEXT("month " << month) {
      const auto index = static_cast<std::size_t>(month - 1);
      const Date date{2026, month, 1};
      BOOST_TEST(formatDate(date, kLv, DateForm::kRunningText) ==
                 std::string("2026. gada 1. ") + locative[index]);
      BOOST_TEST(formatDate(date, kLt, DateForm::kRunningText) ==
                 std::string("2026 m. ") + lithuanianGenitive[index] + " 1 d.");
      BOOST_TEST(formatDate(date, kEn, DateForm::kRunningText) == formatDate(date, kEn));
      // The default stays the nominative of headings and table cells.
      BOOST_TEST(formatDate(date, kLv) == formatDate(date, kLv, DateForm::kNominative));
      BOOST_TEST(formatDate(date, kLv) != formatDate(date, kLv, DateForm::kRunningText));
    }
  }
  BOOST_TEST(formatDate(Date{2026, 12, 1}, kLv, DateForm::kRunningText) ==
             "2026. gada 1. decembrī");
  BOOST_TEST(formatDateTime(Date{2026, 12, 1}, 9, 30, kLv, DateForm::kRunningText) ==
             "2026. gada 1. decembrī, 09:30");
  BOOST_TEST(formatDateTime(Date{2026, 12, 1}, 9, 30, kLt, DateForm::kRunningText) ==
             "2026 m. gruodžio 1 d., 09:30");
}

BOOST_AUTO_TEST_CASE(date_and_time) {
  BOOST_TEST(formatDateTime(Date{2020, 1, 15}, 14, 5, kEn) == "15 January 2020, 14:05");
  BOOST_TEST(formatDateTime(Date{2020, 1, 15}, 9, 0, kLv) == "2020. gada 15. janvāris, 09:00");
  BOOST_TEST(formatDateTime(Date{2020, 1, 15}, 23, 59, kLt) == "2020 m. sausio 15 d., 23:59");
  BOOST_CHECK_THROW(formatDateTime(Date{2020, 1, 15}, 24, 0, kEn), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(percentages) {
  BOOST_TEST(formatPercent(Rate::parse("0.85"), kEn) == "85%");
  BOOST_TEST(visible(formatPercent(Rate::parse("0.85"), kLv)) == "85_%");
  BOOST_TEST(visible(formatPercent(Rate::parse("0.85"), kLt)) == "85_%");
  BOOST_TEST(formatPercent(Rate::parse("0.075"), kEn) == "7.5%");
  BOOST_TEST(visible(formatPercent(Rate::parse("0.075"), kLv)) == "7,5_%");
  BOOST_TEST(formatPercent(Rate::parse("0.123456"), kEn) == "12.3456%");
  BOOST_TEST(formatPercent(Rate::parse("0"), kEn) == "0%");
  BOOST_TEST(formatPercent(Rate::parse("1"), kEn) == "100%");
  BOOST_TEST(formatPercent(Rate::parse("12.5"), kEn) == "1,250%");
}

BOOST_AUTO_TEST_CASE(shares_round_half_up_to_the_digits_asked_for) {
  BOOST_TEST(formatShare(amount("634"), amount("1000"), 1, kEn) == "63.4%");
  BOOST_TEST(visible(formatShare(amount("634"), amount("1000"), 1, kLv)) == "63,4_%");
  BOOST_TEST(formatShare(amount("1"), amount("3"), 2, kEn) == "33.33%");
  BOOST_TEST(formatShare(amount("2"), amount("3"), 0, kEn) == "67%");
  BOOST_TEST(formatShare(amount("0.01"), amount("200"), 2, kEn) == "0.01%");  // 0.005 rounds up
  BOOST_TEST(formatShare(amount("-1"), amount("3"), 1, kEn) == "-33.3%");
  BOOST_TEST(formatShare(amount("672567.74"), amount("791256.20"), 2, kEn) == "85.00%");
  BOOST_TEST(formatShare(amount("5"), amount("0"), 1, kEn) == "\u2013");
  BOOST_CHECK_THROW(formatShare(amount("1"), amount("2"), 7, kEn), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
