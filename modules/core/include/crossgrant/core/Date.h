// A calendar date (proleptic Gregorian), parsed from and printed as ISO 8601 "YYYY-MM-DD".
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace crossgrant::core {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  /// Exactly "YYYY-MM-DD" naming a real day (2020-02-29 yes, 2019-02-29 no); else nullopt.
  static std::optional<Date> parse(std::string_view text);
  std::string toString() const;
  Date nextDay() const;

  auto operator<=>(const Date&) const = default;
};

}  // namespace crossgrant::core
