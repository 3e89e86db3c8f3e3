// A calendar date (proleptic Gregorian), parsed from and printed as ISO 8601 "YYYY-MM-DD".
#pragma once

#include <compare>
#include <cstdint>
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
  /// Days since 1970-01-01 (negative before it): b.dayNumber() - a.dayNumber() days apart.
  std::int64_t dayNumber() const;
  /// The date dayNumber() days after 1970-01-01.
  static Date fromDayNumber(std::int64_t days);

  auto operator<=>(const Date&) const = default;
};

/// A moment broken down in UTC, from milliseconds since the Unix epoch.
struct UtcTime {
  Date date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millisecond = 0;

  static UtcTime fromMillis(std::int64_t millis);
};

/// "2026-11-25T11:40:00.123Z": how times are stored and shown (sessions, audit entries).
std::string utcTimestamp(std::int64_t millis);
/// "2026-11-25T11:40:00Z": the same to the second.
std::string utcSeconds(std::int64_t millis);
/// "20261125T114000Z": the same, compact, for names.
std::string utcCompact(std::int64_t millis);
/// A bound that every utcTimestamp of the day sorts before ("YYYY-MM-DDT24"): times run T00 to
/// T23, so this works for the last day there is too, where the next day would not.
std::string endOfDay(const Date& day);
/// Milliseconds since the Unix epoch, now, by the system clock.
std::int64_t nowMillis();

}  // namespace crossgrant::core
