// The database URLs Database::open accepts, parsed into their parts:
//   sqlite:PATH
//   mysql://USER:PASSWORD@HOST:PORT/DB[?socket=/path/to/socket]
// USER and PASSWORD are percent-decoded ("p%40ss" is "p@ss"); PORT defaults to 3306; DB is
// letters, digits, '_' and '$'. Anything else is rejected with std::invalid_argument naming
// the accepted forms.
#pragma once

#include <string>

namespace crossgrant::store {

struct DatabaseUrl {
  enum class Kind { kSqlite, kMysql };

  Kind kind = Kind::kSqlite;
  std::string path;  ///< sqlite: the database file
  std::string user;  ///< mysql: the rest, decoded
  std::string password;
  std::string host;
  int port = 3306;
  std::string database;
  std::string socket;  ///< empty for TCP

  static DatabaseUrl parse(const std::string& url);
  /// The URL without the password, for messages and logs.
  std::string display() const;
};

}  // namespace crossgrant::store
