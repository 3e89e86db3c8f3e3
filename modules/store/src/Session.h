// The backends' side of a pooled connection: a Connection plus the transaction control that
// only Database (and the migrations) may call. Private to the store, so the work inside a
// unit can neither begin nor end its own transaction.
#pragma once

#include "crossgrant/store/Database.h"

namespace crossgrant::store::detail {

enum class UnitKind {
  kRead,   ///< one snapshot, writes refused by the database
  kWrite,  ///< today's transactions: reads and writes, the write lock up front on SQLite
};

/// Not thread-safe, like Connection.
class Session : public Connection {
 public:
  /// Starts a unit. On MySQL/MariaDB this is the unit's first round trip, so it is also the
  /// check that the connection still works: a connection the server dropped while it sat in
  /// the pool is reopened once here, before any work depends on it.
  virtual void begin(UnitKind kind) = 0;
  virtual void commit() = 0;
  /// Discards the open transaction's work; does nothing when no transaction is open.
  virtual void rollback() = 0;
  /// False once the connection is known to be lost: the pool then closes it instead of
  /// keeping it.
  virtual bool reusable() const = 0;
};

}  // namespace crossgrant::store::detail
