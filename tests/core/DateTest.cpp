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

BOOST_AUTO_TEST_SUITE_END()
