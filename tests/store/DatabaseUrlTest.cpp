#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "DatabaseUrl.h"

using crossgrant::store::DatabaseUrl;

BOOST_AUTO_TEST_SUITE(database_url)

BOOST_AUTO_TEST_CASE(sqlite_path_is_taken_as_is) {
  const DatabaseUrl url = DatabaseUrl::parse("sqlite:/var/lib/crossgrant/dati ž.db");
  BOOST_TEST((url.kind == DatabaseUrl::Kind::kSqlite));
  BOOST_TEST(url.path == "/var/lib/crossgrant/dati ž.db");
  BOOST_TEST(DatabaseUrl::parse("sqlite:relative/x.db").path == "relative/x.db");
}

BOOST_AUTO_TEST_CASE(mysql_parts_are_split_and_decoded) {
  const DatabaseUrl url =
      DatabaseUrl::parse("mysql://cg%40ops:p%3Aa%2Fs%25s%40w@db.example.lv:3307/crossgrant");
  BOOST_TEST((url.kind == DatabaseUrl::Kind::kMysql));
  BOOST_TEST(url.user == "cg@ops");
  BOOST_TEST(url.password == "p:a/s%s@w");
  BOOST_TEST(url.host == "db.example.lv");
  BOOST_TEST(url.port == 3307);
  BOOST_TEST(url.database == "crossgrant");
  BOOST_TEST(url.socket == "");
  BOOST_TEST(url.display().find("p:a/s") == std::string::npos);
  BOOST_TEST(url.display() == "mysql://cg@ops@db.example.lv:3307/crossgrant");
}

BOOST_AUTO_TEST_CASE(mysql_port_defaults_and_socket_is_read) {
  const DatabaseUrl url = DatabaseUrl::parse("mysql://cg:pw@localhost/cg_db?socket=/tmp/m.sock");
  BOOST_TEST(url.port == 3306);
  BOOST_TEST(url.socket == "/tmp/m.sock");
  BOOST_TEST(url.password == "pw");
  BOOST_TEST(url.display() == "mysql://cg@localhost/cg_db?socket=/tmp/m.sock");
}

BOOST_AUTO_TEST_CASE(mysql_without_password_is_allowed) {
  const DatabaseUrl url = DatabaseUrl::parse("mysql://reader@127.0.0.1:3306/cg");
  BOOST_TEST(url.user == "reader");
  BOOST_TEST(url.password == "");
}

BOOST_AUTO_TEST_CASE(errors_say_what_is_wrong) {
  try {
    DatabaseUrl::parse("mysql://u:p@localhost:70000/db");
    BOOST_FAIL("port 70000 accepted");
  } catch (const std::invalid_argument& error) {
    BOOST_TEST(std::string(error.what()).find("70000") != std::string::npos);
  }
  try {
    DatabaseUrl::parse("postgresql://u:p@localhost/db");
    BOOST_FAIL("postgresql accepted");
  } catch (const std::invalid_argument& error) {
    BOOST_TEST(std::string(error.what()).find("postgresql") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
