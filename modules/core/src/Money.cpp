#include "crossgrant/core/Money.h"

#include <array>
#include <limits>

namespace crossgrant::core {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Parses "digits[.fraction]" into an integer scaled by 10^scaleDigits. `what` names the kind
// of value in error messages.
std::int64_t parseScaled(std::string_view text, int scaleDigits, bool allowNegative,
                         const char* what) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  if (text.empty()) throw MoneyError(std::string("empty ") + what, "amount_empty");
  bool negative = false;
  if (text.front() == '-') {
    if (!allowNegative)
      throw MoneyError(std::string(what) + " " + quoted + " must not be negative",
                       "amount_negative");
    negative = true;
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  const auto malformed = [&] {
    return MoneyError(std::string(what) + " " + quoted +
                          " is not a plain decimal (digits, '.', at most " +
                          std::to_string(scaleDigits) + " fraction digits)",
                      "amount_malformed");
  };
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty())) throw malformed();
  for (char c : whole)
    if (!isDigit(c)) throw malformed();
  for (char c : fraction)
    if (!isDigit(c)) throw malformed();
  if (fraction.size() > static_cast<std::size_t>(scaleDigits)) {
    throw MoneyError(std::string(what) + " " + quoted + " has more than " +
                         std::to_string(scaleDigits) + " fraction digits",
                     "amount_fraction_digits");
  }
  __int128 value = 0;
  for (char c : whole) {
    value = value * 10 + (c - '0');
    if (value > kMax)
      throw MoneyError(std::string(what) + " " + quoted + " is too large", "amount_too_large");
  }
  for (int i = 0; i < scaleDigits; ++i) {
    value = value * 10 + (i < static_cast<int>(fraction.size()) ? fraction[i] - '0' : 0);
    if (value > kMax)
      throw MoneyError(std::string(what) + " " + quoted + " is too large", "amount_too_large");
  }
  return negative ? -static_cast<std::int64_t>(value) : static_cast<std::int64_t>(value);
}

std::int64_t checked(__int128 value) {
  if (value > kMax || value < -kMax) throw MoneyError("amount out of range");
  return static_cast<std::int64_t>(value);
}

constexpr std::array<Currency, 3> kCurrencies{{
    {"EUR", std::nullopt},
    {"LVL", Rate::fromMillionths(702'804)},
    {"LTL", Rate::fromMillionths(3'452'800)},
}};

}  // namespace

std::string_view toString(Rounding rounding) {
  switch (rounding) {
    case Rounding::kHalfUp:
      return "half_up";
    case Rounding::kHalfEven:
      return "half_even";
    case Rounding::kDown:
      return "down";
  }
  return "half_up";
}

std::optional<Rounding> parseRounding(std::string_view text) {
  if (text == "half_up") return Rounding::kHalfUp;
  if (text == "half_even") return Rounding::kHalfEven;
  if (text == "down") return Rounding::kDown;
  return std::nullopt;
}

Amount Amount::parse(std::string_view text, bool allowNegative) {
  return Amount(parseScaled(text, 2, allowNegative, "amount"));
}

std::string Amount::toString() const {
  // Work in unsigned magnitude so that the most negative representable value prints too.
  const bool negative = minor_ < 0;
  const unsigned __int128 magnitude =
      negative ? static_cast<unsigned __int128>(-static_cast<__int128>(minor_)) : minor_;
  const auto units = static_cast<std::uint64_t>(magnitude / 100);
  const auto cents = static_cast<unsigned>(magnitude % 100);
  std::string out = negative ? "-" : "";
  out += std::to_string(units);
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

std::optional<Amount> Amount::checkedAdd(Amount other) const {
  const __int128 sum = static_cast<__int128>(minor_) + other.minor_;
  if (sum > kMax || sum < -kMax) return std::nullopt;
  return Amount(static_cast<std::int64_t>(sum));
}

Amount Amount::operator+(Amount other) const {
  return Amount(checked(static_cast<__int128>(minor_) + other.minor_));
}

Amount Amount::operator-(Amount other) const {
  return Amount(checked(static_cast<__int128>(minor_) - other.minor_));
}

Rate Rate::parse(std::string_view text) { return Rate(parseScaled(text, 6, false, "rate")); }

std::string Rate::toString() const {
  std::string out = std::to_string(millionths_ / kScale);
  std::int64_t fraction = millionths_ % kScale;
  if (fraction == 0) return out;
  std::string digits = std::to_string(fraction);
  digits.insert(0, 6 - digits.size(), '0');
  while (digits.back() == '0') digits.pop_back();
  return out + "." + digits;
}

std::string Rate::toPercent() const {
  return Rate::fromMillionths(millionths_ * 100).toString() + " %";
}

std::int64_t divideRounded(__int128 numerator, __int128 denominator, Rounding rounding) {
  if (denominator <= 0) throw MoneyError("division by a non-positive number");
  const bool negative = numerator < 0;
  const __int128 magnitude = negative ? -numerator : numerator;
  __int128 quotient = magnitude / denominator;
  const __int128 remainder = magnitude % denominator;
  switch (rounding) {
    case Rounding::kHalfUp:
      if (remainder * 2 >= denominator) ++quotient;
      break;
    case Rounding::kHalfEven:
      if (remainder * 2 > denominator || (remainder * 2 == denominator && quotient % 2 == 1))
        ++quotient;
      break;
    case Rounding::kDown:
      break;
  }
  return checked(negative ? -quotient : quotient);
}

Amount applyRate(Amount amount, Rate rate, Rounding rounding) {
  return Amount::fromMinor(divideRounded(static_cast<__int128>(amount.minor()) * rate.millionths(),
                                         Rate::kScale, rounding));
}

Amount capAt(Amount amount, Rate rate) { return applyRate(amount, rate, Rounding::kDown); }

bool exceedsRate(Amount part, Amount whole, Rate rate) {
  return static_cast<__int128>(part.minor()) * Rate::kScale >
         static_cast<__int128>(whole.minor()) * rate.millionths();
}

const Currency* findCurrency(std::string_view code) {
  for (const Currency& currency : kCurrencies)
    if (currency.code == code) return &currency;
  return nullptr;
}

Amount toEuro(Amount amount, std::string_view currencyCode, Rounding rounding) {
  const Currency* currency = findCurrency(currencyCode);
  if (currency == nullptr)
    throw MoneyError("unknown currency \"" + std::string(currencyCode) + "\"");
  if (!currency->unitsPerEuro) return amount;
  return Amount::fromMinor(divideRounded(static_cast<__int128>(amount.minor()) * Rate::kScale,
                                         currency->unitsPerEuro->millionths(), rounding));
}

}  // namespace crossgrant::core
