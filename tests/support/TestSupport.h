// Shared by the test executables: temporary directories, fresh databases on the backend a
// test run targets, and paths of the build. The backend comes from CROSSGRANT_TEST_BACKEND
// ("sqlite", the default, or "mysql"); for "mysql", CROSSGRANT_TEST_MYSQL_URL names a
// MariaDB/MySQL database whose user may create databases (scripts/test starts one).
// A test that asks for MariaDB without that URL fails: it is never skipped silently.
#pragma once

#include <string>

namespace crossgrant::test {

/// A new empty directory under the system temp directory, removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// "sqlite" or "mysql".
std::string backend();

/// The URL of a new, empty database on the targeted backend: a file in dir for SQLite, a new
/// database on the test server for MariaDB.
std::string freshDatabaseUrl(const TempDir& dir);
/// A mysql:// URL with its database replaced by name (its query, if any, kept).
std::string mysqlUrlWithDatabase(const std::string& url, const std::string& name);

/// The build tree (bin/, plugins/, config/) and the source tree.
std::string binaryDir();
std::string sourceDir();
/// The demo bundle shipped in data/: version 1 (the approved figures).
std::string demoBundlePath();
/// The demo bundle of version 2: version 1 with the work plan, events and indicators.
std::string demoBundleV2Path();
std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& content);

}  // namespace crossgrant::test
