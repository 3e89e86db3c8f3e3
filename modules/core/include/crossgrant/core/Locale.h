// Numbers, money, dates and percentages formatted for people in a report's language (en, lv,
// lt). Pure functions of their arguments: thread-safe, no global locale, no floating point.
//
// Conventions (CLDR for lv and lt, the EU style guides for the percent sign):
//   en  791,256.20   -1,234.56   15 January 2020           85%    7.5%
//   lv  791 256,20   -1 234,56   2020. gada 15. janvāris   85 %   7,5 %
//   lt  791 256,20   -1 234,56   2020 m. sausio 15 d.      85 %   7,5 %
// In lv and lt the group separator, and the space before '%', is U+00A0 NO-BREAK SPACE
// (kNoBreakSpace): a number never breaks across lines. pdftotext and most readers turn it
// into an ordinary space when text is extracted, so extracted text reads "791 256,20".
// The minus sign is always ASCII '-', so that amounts stay searchable.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crossgrant/core/Date.h"
#include "crossgrant/core/Money.h"

namespace crossgrant::core {

enum class Language { kEn, kLv, kLt };

inline constexpr std::array<Language, 3> kLanguages{Language::kEn, Language::kLv, Language::kLt};

/// U+00A0 in UTF-8: the group separator of lv and lt.
inline constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

/// "en", "lv", "lt".
std::string_view toString(Language language);
/// "en", "lv" or "lt"; nullopt for anything else.
std::optional<Language> parseLanguage(std::string_view code);

/// Grouped digits: "1,234,567" / "1 234 567".
std::string formatInteger(std::int64_t value, Language language);

/// Two fraction digits, grouped: "791,256.20" / "791 256,20"; negative "-0.05" / "-0,05".
std::string formatAmount(Amount amount, Language language);

/// The amount followed by the currency code: "791,256.20 EUR" / "791 256,20 EUR".
std::string formatMoney(Amount amount, std::string_view currency, Language language);

/// For a legacy currency, the amount with its euro equivalent at the fixed rate (core::toEuro):
/// "70.28 LVL (100.00 EUR)" / "70,28 LVL (100,00 EUR)". For EUR just formatMoney.
/// Throws MoneyError for an unknown currency.
std::string formatMoneyWithEuro(Amount amount, std::string_view currency, Language language,
                                Rounding rounding = Rounding::kHalfUp);

/// The month's name as it stands alone (en "January", lv "janvāris", lt "sausis"), month 1..12;
/// another month throws std::invalid_argument, as do the date functions below.
std::string_view monthName(int month, Language language);

/// The grammatical form of a written-out date. Latvian declines the month: a date that stands
/// alone (a heading, a table cell, a key-value entry, a range "START – END") is in the
/// nominative, "2020. gada 15. janvāris"; a date inside a sentence ("Sagatavots ...") is in
/// the locative, "2020. gada 15. janvārī". Lithuanian writes the month in the genitive in
/// both ("2020 m. sausio 15 d."), English has one form.
enum class DateForm {
  kNominative,   ///< headings, table cells, key-value entries
  kRunningText,  ///< a date inside a sentence
};

/// A calendar date written out: "15 January 2020" / "2020. gada 15. janvāris" /
/// "2020 m. sausio 15 d." (lv with the month in the nominative, lt in the genitive); with
/// DateForm::kRunningText lv "2020. gada 15. janvārī".
std::string formatDate(const Date& date, Language language, DateForm form = DateForm::kNominative);

/// formatDate, a comma and the 24-hour time: "15 January 2020, 14:05".
std::string formatDateTime(const Date& date, int hour, int minute, Language language,
                           DateForm form = DateForm::kNominative);

/// A rate as a percentage with as many fraction digits as it needs: 0.85 -> "85%" / "85 %",
/// 0.075 -> "7.5%" / "7,5 %".
std::string formatPercent(Rate rate, Language language);

/// part / whole as a percentage rounded half up to `decimals` fraction digits (0..6):
/// (634, 1000, 1) -> "63.4%" / "63,4 %". Negative parts give negative percentages. A zero or
/// negative whole has no share: "–" (U+2013 EN DASH).
std::string formatShare(Amount part, Amount whole, int decimals, Language language);

}  // namespace crossgrant::core
