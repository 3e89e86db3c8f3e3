#include <boost/test/unit_test.hpp>

#include "crossgrant/core/Date.h"

using crossgrant::core::Date;

BOOST_AUTO_TEST_SUITE(date)

BOOST_AUTO_TEST_CASE(parses_real_days) {
  const auto date = Date::parse("2018-03-01");
  BOOST_REQUIRE(date.has_value());
  BOOST_TEST(date->year == 2018);
  BOOST_TEST(date->month == 3);
  BOOST_TEST(date->day == 1);
  BOOST_TEST(date->toString() == "2018-03-01");
  BOOST_TEST(Date::parse("2018-12-31").has_value());
  BOOST_TEST(Date::parse("0001-01-01")->toString() == "0001-01-01");
}

BOOST_AUTO_TEST_CASE(leap_years) {
  BOOST_TEST(Date::parse("2020-02-29").has_value());
  BOOST_TEST(Date::parse("2000-02-29").has_value());
  BOOST_TEST(!Date::parse("2019-02-29").has_value());
  BOOST_TEST(!Date::parse("1900-02-29").has_value());
  BOOST_TEST(!Date::parse("2020-02-30").has_value());
}

BOOST_AUTO_TEST_CASE(rejects_bad_forms) {
  for (const char* text :
       {"", "2018-3-01", "2018-03-1", "2018/03/01", "20180301", " 2018-03-01", "2018-03-01 ",
        "2018-03-01T00:00", "2018-13-01", "2018-00-10", "2018-04-31", "2018-03-00", "0000-01-01",
        "2018-0a-01", "+018-03-01", "18-03-01"}) {
    BOOST_TEST_CONTEXT("text \"" << text << "\"") { BOOST_TEST(!Date::parse(text).has_value()); }
  }
}

BOOST_AUTO_TEST_CASE(next_day_crosses_months_and_years) {
  BOOST_TEST(Date::parse("2020-02-28")->nextDay().toString() == "2020-02-29");
  BOOST_TEST(Date::parse("2020-02-29")->nextDay().toString() == "2020-03-01");
  BOOST_TEST(Date::parse("2019-02-28")->nextDay().toString() == "2019-03-01");
  BOOST_TEST(Date::parse("2018-08-31")->nextDay().toString() == "2018-09-01");
  BOOST_TEST(Date::parse("2019-12-31")->nextDay().toString() == "2020-01-01");
}

BOOST_AUTO_TEST_CASE(dates_order_chronologically) {
  BOOST_TEST((*Date::parse("2018-03-01") < *Date::parse("2018-03-02")));
  BOOST_TEST((*Date::parse("2018-12-31") < *Date::parse("2019-01-01")));
  BOOST_TEST((*Date::parse("2018-02-28") < *Date::parse("2018-10-01")));
  BOOST_TEST((*Date::parse("2020-02-29") == *Date::parse("2020-02-29")));
}

BOOST_AUTO_TEST_CASE(day_numbers_go_both_ways) {
  using crossgrant::core::Date;
  for (const Date& date :
       {Date{1970, 1, 1}, Date{1899, 12, 30}, Date{1900, 3, 1}, Date{2020, 2, 29},
        Date{2000, 12, 31}, Date{2100, 3, 1}, Date{1600, 2, 29}})
    BOOST_TEST(Date::fromDayNumber(date.dayNumber()).toString() == date.toString());
  BOOST_TEST(Date::fromDayNumber(-1).toString() == "1969-12-31");
  // Each day of four years, across 2000's leap day.
  Date day{1999, 1, 1};
  for (int i = 0; i < 4 * 366; ++i, day = day.nextDay())
    BOOST_TEST(Date::fromDayNumber(day.dayNumber()).toString() == day.toString());
}

BOOST_AUTO_TEST_SUITE_END()
