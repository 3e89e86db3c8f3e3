// The SQLite backend (C API). Every connection runs in WAL mode with synchronous=FULL,
// foreign keys enforced and a 10 s busy timeout; write units begin IMMEDIATE, read units
// DEFERRED with query_only on. Private to the store: reached only through
// Database::open("sqlite:PATH").
#pragma once

#include <memory>
#include <string>

#include "crossgrant/store/Database.h"

namespace crossgrant::store {

class SqliteDatabase final : public Database {
 public:
  /// With settings.create, creates the file's directory if missing; without it, throws
  /// DatabaseNotFound unless the file exists, and later connections never create it.
  /// Connects lazily (Database::open connects once).
  SqliteDatabase(std::string path, std::string displayUrl, const PoolSettings& settings);

 protected:
  std::unique_ptr<detail::Session> connect() override;

 private:
  std::string path_;
  bool create_;
};

}  // namespace crossgrant::store
