#include "crossgrant/core/Locale.h"

#include <cstdio>
#include <stdexcept>
#include <string>

namespace crossgrant::core {
namespace {

struct NumberSymbols {
  std::string_view group;
  std::string_view decimal;
  std::string_view percentSuffix;
};

NumberSymbols symbols(Language language) {
  if (language == Language::kEn) return {",", ".", "%"};
  return {kNoBreakSpace, ",", "\xC2\xA0%"};
}

// Appends the decimal digits of `magnitude` with `group` between groups of three.
void appendGrouped(std::string& out, unsigned __int128 magnitude, std::string_view group) {
  char digits[48];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  for (int i = count - 1; i >= 0; --i) {
    out += digits[i];
    if (i > 0 && i % 3 == 0) out += group;
  }
}

// sign, grouped whole part, and `fractionDigits` digits of the fraction, of value / 10^scale.
std::string formatScaled(__int128 value, int scaleDigits, int fractionDigits,
                         const NumberSymbols& sym) {
  const bool negative = value < 0;
  unsigned __int128 magnitude =
      negative ? static_cast<unsigned __int128>(-value) : static_cast<unsigned __int128>(value);
  unsigned __int128 scale = 1;
  for (int i = 0; i < scaleDigits; ++i) scale *= 10;
  std::string out;
  if (negative) out += '-';
  appendGrouped(out, magnitude / scale, sym.group);
  if (fractionDigits > 0) {
    out += sym.decimal;
    unsigned __int128 fraction = magnitude % scale;
    char digits[16];
    for (int i = scaleDigits - 1; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + static_cast<int>(fraction % 10));
      fraction /= 10;
    }
    out.append(digits, static_cast<std::size_t>(fractionDigits));
  }
  return out;
}

constexpr std::array<std::string_view, 12> kEnMonths{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Nominative: the form of "2020. gada 15. janvāris".
constexpr std::array<std::string_view, 12> kLvMonths{
    "janvāris", "februāris", "marts",      "aprīlis",  "maijs",     "jūnijs",
    "jūlijs",   "augusts",   "septembris", "oktobris", "novembris", "decembris"};

// Locative: the form of "2020. gada 15. janvārī", a date inside a sentence.
constexpr std::array<std::string_view, 12> kLvMonthsLocative{
    "janvārī", "februārī", "martā",     "aprīlī",  "maijā",    "jūnijā",
    "jūlijā",  "augustā",  "septembrī", "oktobrī", "novembrī", "decembrī"};

constexpr std::array<std::string_view, 12> kLtMonths{
    "sausis", "vasaris",   "kovas",    "balandis", "gegužė",    "birželis",
    "liepa",  "rugpjūtis", "rugsėjis", "spalis",   "lapkritis", "gruodis"};

// Genitive: the form of "2020 m. sausio 15 d.".
constexpr std::array<std::string_view, 12> kLtMonthsGenitive{
    "sausio", "vasario",   "kovo",    "balandžio", "gegužės",   "birželio",
    "liepos", "rugpjūčio", "rugsėjo", "spalio",    "lapkričio", "gruodžio"};

std::size_t monthIndex(int month) {
  if (month < 1 || month > 12)
    throw std::invalid_argument("month " + std::to_string(month) + " is not 1..12");
  return static_cast<std::size_t>(month - 1);
}

}  // namespace

std::string_view toString(Language language) {
  switch (language) {
    case Language::kEn:
      return "en";
    case Language::kLv:
      return "lv";
    case Language::kLt:
      return "lt";
  }
  return "en";
}

std::optional<Language> parseLanguage(std::string_view code) {
  if (code == "en") return Language::kEn;
  if (code == "lv") return Language::kLv;
  if (code == "lt") return Language::kLt;
  return std::nullopt;
}

std::string formatInteger(std::int64_t value, Language language) {
  return formatScaled(value, 0, 0, symbols(language));
}

std::string formatAmount(Amount amount, Language language) {
  return formatScaled(amount.minor(), 2, 2, symbols(language));
}

std::string formatMoney(Amount amount, std::string_view currency, Language language) {
  std::string out = formatAmount(amount, language);
  out += ' ';
  out += currency;
  return out;
}

std::string formatMoneyWithEuro(Amount amount, std::string_view currency, Language language,
                                Rounding rounding) {
  const Amount euro = toEuro(amount, currency, rounding);
  std::string out = formatMoney(amount, currency, language);
  if (currency == "EUR") return out;
  out += " (";
  out += formatMoney(euro, "EUR", language);
  out += ')';
  return out;
}

std::string_view monthName(int month, Language language) {
  const std::size_t index = monthIndex(month);
  switch (language) {
    case Language::kLv:
      return kLvMonths[index];
    case Language::kLt:
      return kLtMonths[index];
    case Language::kEn:
      break;
  }
  return kEnMonths[index];
}

std::string formatDate(const Date& date, Language language, DateForm form) {
  const std::size_t index = monthIndex(date.month);
  const std::string year = std::to_string(date.year);
  const std::string day = std::to_string(date.day);
  switch (language) {
    case Language::kLv:
      return year + ". gada " + day + ". " +
             std::string(form == DateForm::kRunningText ? kLvMonthsLocative[index]
                                                        : kLvMonths[index]);
    case Language::kLt:
      return year + " m. " + std::string(kLtMonthsGenitive[index]) + " " + day + " d.";
    case Language::kEn:
      break;
  }
  return day + " " + std::string(kEnMonths[index]) + " " + year;
}

std::string formatDateTime(const Date& date, int hour, int minute, Language language,
                           DateForm form) {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
    throw std::invalid_argument("time " + std::to_string(hour) + ":" + std::to_string(minute) +
                                " is not a time of day");
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", hour, minute);
  return formatDate(date, language, form) + ", " + time;
}

std::string formatPercent(Rate rate, Language language) {
  // millionths of one are ten-thousandths of a percent.
  const NumberSymbols sym = symbols(language);
  std::int64_t value = rate.millionths();
  int digits = 4;
  while (digits > 0 && value % 10 == 0) {
    value /= 10;
    --digits;
  }
  return formatScaled(value, digits, digits, sym) + std::string(sym.percentSuffix);
}

std::string formatShare(Amount part, Amount whole, int decimals, Language language) {
  if (decimals < 0 || decimals > 6)
    throw std::invalid_argument("decimals " + std::to_string(decimals) + " is not 0..6");
  if (whole.minor() <= 0) return "\xE2\x80\x93";
  __int128 scale = 100;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const std::int64_t scaled =
      divideRounded(static_cast<__int128>(part.minor()) * scale, whole.minor(), Rounding::kHalfUp);
  const NumberSymbols sym = symbols(language);
  return formatScaled(scaled, decimals, decimals, sym) + std::string(sym.percentSuffix);
}

}  // namespace crossgrant::core
