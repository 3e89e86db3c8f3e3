#include "TestSupport.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "crossgrant/store/Database.h"

namespace crossgrant::test {

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "crossgrant-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string backend() {
  const char* value = std::getenv("CROSSGRANT_TEST_BACKEND");
  return value == nullptr || *value == '\0' ? "sqlite" : value;
}

std::string freshDatabaseUrl(const TempDir& dir) {
  static std::atomic<int> counter{0};
  const int number = ++counter;
  if (backend() == "sqlite") return "sqlite:" + dir.file("test" + std::to_string(number) + ".db");
  if (backend() != "mysql")
    throw std::runtime_error("CROSSGRANT_TEST_BACKEND must be sqlite or mysql");
  const char* admin = std::getenv("CROSSGRANT_TEST_MYSQL_URL");
  if (admin == nullptr || *admin == '\0') {
    throw std::runtime_error(
        "CROSSGRANT_TEST_BACKEND=mysql needs CROSSGRANT_TEST_MYSQL_URL "
        "(mysql://USER:PASSWORD@HOST:PORT/DB); scripts/test starts a throwaway MariaDB");
  }
  // Replace the database part of the admin URL with a new database of our own.
  const std::string url = admin;
  const std::string name = "cgt_" + std::to_string(::getpid()) + "_" + std::to_string(number);
  const std::string fresh = mysqlUrlWithDatabase(url, name);
  auto database = store::Database::open(url);
  database->write([&](store::Connection& c) {
    c.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
  });
  return fresh;
}

std::string mysqlUrlWithDatabase(const std::string& url, const std::string& name) {
  const auto query = url.find('?');
  const std::string base = url.substr(0, query);
  const std::string suffix = query == std::string::npos ? "" : url.substr(query);
  const auto slash = base.rfind('/');
  if (slash == std::string::npos || slash < 8)
    throw std::runtime_error("not a mysql://USER:PASSWORD@HOST:PORT/DB URL: " + url);
  return base.substr(0, slash + 1) + name + suffix;
}

std::string binaryDir() { return CROSSGRANT_BINARY_DIR; }
std::string sourceDir() { return CROSSGRANT_SOURCE_DIR; }
std::string demoBundlePath() { return sourceDir() + "/data/socquality.bundle.json"; }
std::string demoBundleV2Path() { return sourceDir() + "/data/socquality.v2.bundle.json"; }

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void writeFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace crossgrant::test
