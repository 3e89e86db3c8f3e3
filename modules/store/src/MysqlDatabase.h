// The MySQL/MariaDB backend (MySQL Connector/C++ 1.1). Every connection talks utf8mb4 with
// the utf8mb4_bin collation (the tables' is utf8mb4_nopad_bin), runs in strict SQL mode at
// REPEATABLE READ with autocommit off, reports matched rather than changed rows, and sends every
// statement as a prepared statement. Units start explicitly: START TRANSACTION for write units,
// START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT for read units. Private to the store:
// reached only through Database::open("mysql://...").
#pragma once

#include <memory>

#include "DatabaseUrl.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

class MysqlDatabase final : public Database {
 public:
  MysqlDatabase(DatabaseUrl url, const PoolSettings& settings);

 protected:
  std::unique_ptr<detail::Session> connect() override;

 private:
  DatabaseUrl url_;
};

}  // namespace crossgrant::store
