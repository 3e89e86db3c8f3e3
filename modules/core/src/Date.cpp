#include "crossgrant/core/Date.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include <cstdio>

namespace crossgrant::core {
namespace {

bool isLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeap(year) ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto number = [&](std::size_t from, std::size_t count) -> int {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const Date date{number(0, 4), number(5, 2), number(8, 2)};
  if (date.year < 1 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > daysInMonth(date.year, date.month)) {
    return std::nullopt;
  }
  return date;
}

std::string Date::toString() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

Date Date::nextDay() const {
  Date next = *this;
  if (++next.day > daysInMonth(year, month)) {
    next.day = 1;
    if (++next.month > 12) {
      next.month = 1;
      ++next.year;
    }
  }
  return next;
}

std::int64_t Date::dayNumber() const {
  // Days from civil (H. Hinnant's algorithm): years counted from March, so that the leap day
  // is the last day of the year.
  const std::int64_t y = year - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yearOfEra = y - era * 400;
  const std::int64_t dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

Date Date::fromDayNumber(std::int64_t days) {
  // Civil from days (H. Hinnant's algorithm), the inverse of dayNumber().
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t dayOfEra = z - era * 146097;
  const std::int64_t yearOfEra =
      (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const std::int64_t monthIndex = (5 * dayOfYear + 2) / 153;
  const int day = static_cast<int>(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
  const int month = static_cast<int>(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
  const int year = static_cast<int>(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

UtcTime UtcTime::fromMillis(std::int64_t millis) {
  std::int64_t seconds = millis / 1000;
  std::int64_t rest = millis % 1000;
  if (rest < 0) {
    rest += 1000;
    --seconds;
  }
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  return {Date{parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday}, parts.tm_hour, parts.tm_min,
          parts.tm_sec, static_cast<int>(rest)};
}

namespace {

std::string formatted(std::int64_t millis, const char* format, bool withMillis) {
  const UtcTime t = UtcTime::fromMillis(millis);
  char text[40];
  if (withMillis)
    std::snprintf(text, sizeof text, format, t.date.year, t.date.month, t.date.day, t.hour,
                  t.minute, t.second, t.millisecond);
  else
    std::snprintf(text, sizeof text, format, t.date.year, t.date.month, t.date.day, t.hour,
                  t.minute, t.second);
  return text;
}

}  // namespace

std::string utcTimestamp(std::int64_t millis) {
  return formatted(millis, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", true);
}

std::string utcSeconds(std::int64_t millis) {
  return formatted(millis, "%04d-%02d-%02dT%02d:%02d:%02dZ", false);
}

std::string utcCompact(std::int64_t millis) {
  return formatted(millis, "%04d%02d%02dT%02d%02d%02dZ", false);
}

std::string endOfDay(const Date& day) { return day.toString() + "T24"; }

std::int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace crossgrant::core
