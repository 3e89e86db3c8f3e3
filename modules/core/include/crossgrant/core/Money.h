// Money without floating point: amounts in integer minor units (cents), rates as exact
// decimals with six fraction digits, explicit rounding, and the fixed euro rates of the
// legacy currencies. Every operation is exact or rounds exactly once, as its comment says;
// overflow throws instead of wrapping.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "crossgrant/core/Errors.h"

namespace crossgrant::core {

/// Thrown for a malformed amount or rate string, or an overflowing computation.
class MoneyError : public Error {
 public:
  /// reason: what is wrong with a parsed text, for translations ("amount_malformed", ...; see
  /// Amount::parse), "" for other errors.
  explicit MoneyError(const std::string& message, std::string reason = {})
      : Error(ErrorKind::kInvalid, message), reason_(std::move(reason)) {}
  const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

/// How a result with more precision than a cent is brought to a cent.
enum class Rounding {
  kHalfUp,    ///< ties away from zero: 0.005 -> 0.01, -0.005 -> -0.01 (the default)
  kHalfEven,  ///< ties to the even cent: 0.005 -> 0.00, 0.015 -> 0.02
  kDown,      ///< toward zero: 0.019 -> 0.01
};

std::string_view toString(Rounding rounding);
/// "half_up", "half_even", "down"; nullopt for anything else.
std::optional<Rounding> parseRounding(std::string_view text);

/// An amount of money in minor units (cents) of a currency known from context.
class Amount {
 public:
  constexpr Amount() = default;
  static constexpr Amount fromMinor(std::int64_t minor) { return Amount(minor); }

  /// Parses a plain decimal: digits, optional '.' and at most two fraction digits, and a
  /// leading '-' only when allowNegative. "12" "0.5" "791256.20". No spaces, separators or
  /// exponents. Throws MoneyError saying what is wrong.
  static Amount parse(std::string_view text, bool allowNegative = false);

  constexpr std::int64_t minor() const { return minor_; }
  constexpr bool isNegative() const { return minor_ < 0; }
  constexpr bool isZero() const { return minor_ == 0; }

  /// Always two fraction digits: "791256.20", "-0.05", "0.00".
  std::string toString() const;

  /// The largest amount crossgrant stores or computes: 92233720368547758.07.
  static constexpr Amount max() { return Amount(std::numeric_limits<std::int64_t>::max()); }

  /// this + other, or nullopt when the sum lies outside the range of amounts: the addition
  /// for validating totals before anything relies on them.
  std::optional<Amount> checkedAdd(Amount other) const;

  /// Checked arithmetic: throws MoneyError on overflow.
  Amount operator+(Amount other) const;
  Amount operator-(Amount other) const;
  Amount& operator+=(Amount other) { return *this = *this + other; }
  Amount& operator-=(Amount other) { return *this = *this - other; }

  constexpr auto operator<=>(const Amount&) const = default;

 private:
  constexpr explicit Amount(std::int64_t minor) : minor_(minor) {}
  std::int64_t minor_ = 0;
};

/// A non-negative exact decimal with up to six fraction digits ("0.85", "3.4528").
class Rate {
 public:
  static constexpr std::int64_t kScale = 1'000'000;

  constexpr Rate() = default;
  static constexpr Rate fromMillionths(std::int64_t millionths) { return Rate(millionths); }

  /// Parses digits with an optional '.' and at most six fraction digits. Throws MoneyError.
  static Rate parse(std::string_view text);

  constexpr std::int64_t millionths() const { return millionths_; }
  /// Shortest exact form: "0.85", "1", "0.702804".
  std::string toString() const;
  /// As a percentage for people: "85 %", "15 %", "7.5 %".
  std::string toPercent() const;

  constexpr auto operator<=>(const Rate&) const = default;

 private:
  constexpr explicit Rate(std::int64_t millionths) : millionths_(millionths) {}
  std::int64_t millionths_ = 0;
};

/// numerator / denominator rounded to an integer as `rounding` says (denominator > 0).
std::int64_t divideRounded(__int128 numerator, __int128 denominator, Rounding rounding);

/// amount × rate, rounded once to the cent.
Amount applyRate(Amount amount, Rate rate, Rounding rounding);

/// The largest whole-cent amount that does not exceed amount × rate (amount >= 0): the
/// most a fund may pay under a rate cap.
Amount capAt(Amount amount, Rate rate);

/// Whether part exceeds whole × rate, compared exactly (any positive part exceeds a zero whole).
bool exceedsRate(Amount part, Amount whole, Rate rate);

/// A currency a project may be kept in: the euro, or a legacy currency with the fixed
/// conversion rate at which it joined the euro (units per euro).
struct Currency {
  std::string_view code;
  std::optional<Rate> unitsPerEuro;  ///< nullopt for EUR itself
};

/// EUR, LVL (0.702804 per euro) and LTL (3.45280 per euro); nullptr for any other code.
const Currency* findCurrency(std::string_view code);

/// Converts an amount in `currencyCode` to euro at the fixed rate, rounding once.
/// EUR converts to itself. Throws MoneyError for an unknown currency.
Amount toEuro(Amount amount, std::string_view currencyCode, Rounding rounding = Rounding::kHalfUp);

}  // namespace crossgrant::core
