#include "MysqlDatabase.h"

#include "crossgrant/core/Text.h"

#include <cppconn/connection.h>
#include <cppconn/datatype.h>
#include <cppconn/exception.h>
#include <cppconn/parameter_metadata.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <charconv>
#include <istream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "Session.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::store {
namespace {

constexpr std::size_t kStatementCacheSize = 128;
constexpr int kConnectTimeoutSeconds = 10;

// The server error numbers that mean a duplicate key or a broken foreign key.
constexpr int kDuplicateKey = 1062;
constexpr int kRowIsReferenced = 1451;
constexpr int kNoReferencedRow = 1452;
constexpr int kRowIsReferencedOld = 1217;
constexpr int kNoReferencedRowOld = 1216;

// ER_BAD_DB_ERROR: the URL names a database the server does not have.
constexpr int kUnknownDatabase = 1049;

// The errors that mean the connection is gone: the client's "server has gone away" and "lost
// connection" (2006, 2013, 2055) and the server's "connection was killed" (1927).
bool isConnectionLost(int code) {
  return code == 2006 || code == 2013 || code == 2055 || code == 1927;
}

constexpr std::string_view kStartWrite = "START TRANSACTION";
constexpr std::string_view kStartRead = "START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT";

constexpr std::string_view kSqlMode =
    "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ZERO_DATE,"
    "NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION,ONLY_FULL_GROUP_BY'";
// The connection's collation is also the one result columns are described with, and
// Connector/C++ 1.1 does not know utf8mb4_nopad_bin (collation 1070): the connection keeps
// utf8mb4_bin while the tables compare with utf8mb4_nopad_bin (Schema.cpp), the collation that
// decides a comparison of a column with a parameter.
constexpr std::string_view kNames = "SET NAMES utf8mb4 COLLATE utf8mb4_bin";

// get_mysql_driver_instance() is not thread-safe: every caller goes through here.
sql::mysql::MySQL_Driver* driver() {
  static std::once_flag once;
  static sql::mysql::MySQL_Driver* instance = nullptr;
  std::call_once(once, [] { instance = sql::mysql::get_mysql_driver_instance(); });
  return instance;
}

[[noreturn]] void fail(const sql::SQLException& error, std::string_view sql) {
  const int code = error.getErrorCode();
  const std::string message = error.what();
  switch (code) {
    case kDuplicateKey:
      throw core::Conflict("duplicate key: " + message);
    case kRowIsReferenced:
    case kRowIsReferencedOld:
      throw core::Conflict("records still refer to it: " + message);
    case kNoReferencedRow:
    case kNoReferencedRowOld:
      throw core::Conflict("a record it refers to is missing: " + message);
    default:
      throw StoreError("MySQL error " + std::to_string(code) + " (SQLSTATE " +
                       std::string(error.getSQLState()) + "): " + message +
                       (sql.empty() ? std::string() : "; statement: " + std::string(sql)));
  }
}

enum class CellKind { kInteger, kExactNumber, kFloat, kBinary, kText };

CellKind cellKind(int type) {
  switch (type) {
    case sql::DataType::BIT:
    case sql::DataType::TINYINT:
    case sql::DataType::SMALLINT:
    case sql::DataType::MEDIUMINT:
    case sql::DataType::INTEGER:
    case sql::DataType::BIGINT:
    case sql::DataType::YEAR:
      return CellKind::kInteger;
    case sql::DataType::DECIMAL:
    case sql::DataType::NUMERIC:
      return CellKind::kExactNumber;
    case sql::DataType::REAL:
    case sql::DataType::DOUBLE:
      return CellKind::kFloat;
    case sql::DataType::BINARY:
    case sql::DataType::VARBINARY:
    case sql::DataType::LONGVARBINARY:
      return CellKind::kBinary;
    default:
      return CellKind::kText;
  }
}

class MysqlConnection final : public detail::Session {
 public:
  explicit MysqlConnection(const DatabaseUrl& url) : url_(url) { open(); }

  std::int64_t execute(std::string_view sql, const std::vector<Value>& params) override {
    try {
      sql::PreparedStatement& statement = prepare(sql, params);
      return statement.executeUpdate();
    } catch (const sql::SQLException& error) {
      failed(error, sql);
    }
  }

  std::vector<Row> query(std::string_view sql, const std::vector<Value>& params) override {
    std::vector<Row> rows;
    read(sql, params, [&](Row& row) { rows.push_back(std::move(row)); });
    return rows;
  }

  void each(std::string_view sql, const std::vector<Value>& params,
            const std::function<void(const Row&)>& visit) override {
    read(sql, params, [&](Row& row) { visit(row); });
  }

  std::int64_t lastInsertId() override {
    return asInt(query("SELECT LAST_INSERT_ID()", {}).at(0).at(0));
  }

  /// Runs a query and hands each row to take as it comes from the result set.
  void read(std::string_view sql, const std::vector<Value>& params,
            const std::function<void(Row&)>& take) {
    try {
      sql::PreparedStatement& statement = prepare(sql, params);
      std::unique_ptr<sql::ResultSet> result(statement.executeQuery());
      sql::ResultSetMetaData* meta = result->getMetaData();
      const unsigned columns = meta->getColumnCount();
      std::vector<CellKind> kinds;
      for (unsigned i = 1; i <= columns; ++i) kinds.push_back(cellKind(meta->getColumnType(i)));
      while (result->next()) {
        Row row;
        row.reserve(columns);
        for (unsigned i = 1; i <= columns; ++i)
          row.push_back(cell(*result, *meta, i, kinds[i - 1], sql));
        take(row);
      }
    } catch (const sql::SQLException& error) {
      failed(error, sql);
    }
  }

  // Autocommit stays off, so statements outside a unit (open, the migrations' DDL) still run
  // in a transaction; a unit starts its own explicitly. A connection the server dropped while
  // it sat in the pool (idle timeout, KILL, server restart) fails this first round trip,
  // before any work depends on it, and is reopened once.
  void begin(detail::UnitKind kind) override {
    const std::string_view sql = kind == detail::UnitKind::kRead ? kStartRead : kStartWrite;
    try {
      if (lost_) open();
      run(sql);
    } catch (const sql::SQLException& error) {
      if (!isConnectionLost(error.getErrorCode())) failed(error, sql);
      open();
      try {
        run(sql);
      } catch (const sql::SQLException& again) {
        failed(again, sql);
      }
    }
  }

  void commit() override {
    try {
      connection_->commit();
    } catch (const sql::SQLException& error) {
      failed(error, "COMMIT");
    }
  }

  void rollback() override {
    try {
      connection_->rollback();
    } catch (const sql::SQLException& error) {
      failed(error, "ROLLBACK");
    }
  }

  bool reusable() const override { return connection_ != nullptr && !lost_; }

  std::string_view backend() const override { return "mysql"; }

 private:
  [[noreturn]] void failed(const sql::SQLException& error, std::string_view sql) {
    if (isConnectionLost(error.getErrorCode())) lost_ = true;
    fail(error, sql);
  }

  // A statement without parameters or results, sent as text (transaction control cannot be
  // prepared everywhere).
  void run(std::string_view sql) {
    if (!connection_) throw StoreError("the MySQL connection is closed");
    std::unique_ptr<sql::Statement> statement(connection_->createStatement());
    statement->execute(sql::SQLString(std::string(sql)));
  }

  void open() {
    lost_ = false;
    blobs_.clear();
    cache_.clear();
    connection_.reset();
    sql::ConnectOptionsMap options;
    if (url_.socket.empty()) {
      options["hostName"] = sql::SQLString("tcp://" + url_.host + ":" + std::to_string(url_.port));
    } else {
      options["hostName"] = sql::SQLString("unix://" + url_.socket);
    }
    options["userName"] = sql::SQLString(url_.user);
    options["password"] = sql::SQLString(url_.password);
    options["schema"] = sql::SQLString(url_.database);
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    options["CLIENT_FOUND_ROWS"] = true;
    options["OPT_CONNECT_TIMEOUT"] = kConnectTimeoutSeconds;
    try {
      connection_.reset(driver()->connect(options));
      connection_->setAutoCommit(false);
      connection_->setTransactionIsolation(sql::TRANSACTION_REPEATABLE_READ);
    } catch (const sql::SQLException& error) {
      connection_.reset();
      if (error.getErrorCode() == kUnknownDatabase)
        throw DatabaseNotFound("database " + url_.display() +
                               " does not exist on the server; create it (CREATE "
                               "DATABASE " +
                               url_.database +
                               " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin), then "
                               "give it its schema with `crossgrant migrate`");
      throw StoreError("cannot connect to " + url_.display() + ": " + error.what() +
                       " (MySQL error " + std::to_string(error.getErrorCode()) + ")");
    }
    execute(kNames, {});
    execute(kSqlMode, {});
    connection_->commit();
  }

  sql::PreparedStatement& prepare(std::string_view sql, const std::vector<Value>& params) {
    if (!connection_) throw StoreError("the MySQL connection is closed");
    const std::string key(sql);
    auto found = cache_.find(key);
    if (found == cache_.end()) {
      if (cache_.size() >= kStatementCacheSize) cache_.clear();
      std::unique_ptr<sql::PreparedStatement> statement(connection_->prepareStatement(key));
      found = cache_.emplace(key, std::move(statement)).first;
    }
    sql::PreparedStatement& statement = *found->second;
    // The same check as the SQLite backend: a repository bug is the same error on both.
    const int expected = statement.getParameterMetaData()->getParameterCount();
    if (expected != static_cast<int>(params.size()))
      throw StoreError("statement takes " + std::to_string(expected) + " parameters, given " +
                       std::to_string(params.size()) + ": " + key);
    statement.clearParameters();
    blobs_.clear();
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto index = static_cast<unsigned>(i + 1);
      if (const auto* number = std::get_if<std::int64_t>(&params[i])) {
        statement.setInt64(index, *number);
      } else if (const auto* text = std::get_if<std::string>(&params[i])) {
        statement.setString(index, sql::SQLString(*text));
      } else if (const auto* blob = std::get_if<Blob>(&params[i])) {
        // The driver reads the stream when the statement executes: blobs_ keeps it until the
        // next statement is prepared.
        blobs_.push_back(std::make_unique<std::istringstream>(blob->bytes));
        statement.setBlob(index, blobs_.back().get());
      } else {
        statement.setNull(index, sql::DataType::VARCHAR);
      }
    }
    return statement;
  }

  Value cell(sql::ResultSet& result, sql::ResultSetMetaData& meta, unsigned index, CellKind kind,
             std::string_view sql) {
    if (result.isNull(index)) return nullptr;
    switch (kind) {
      case CellKind::kInteger:
        return static_cast<std::int64_t>(result.getInt64(index));
      case CellKind::kExactNumber: {
        // SUM() of integers comes back as DECIMAL: whole values are integers all the same.
        const std::string text = result.getString(index);
        if (const std::optional<std::int64_t> value = core::parseInteger(text)) return *value;
        return text;
      }
      case CellKind::kFloat:
        throw StoreError("column " + std::string(meta.getColumnLabel(index)) +
                         " holds a floating-point value, which the store never reads; "
                         "statement: " +
                         std::string(sql));
      case CellKind::kBinary: {
        std::unique_ptr<std::istream> stream(result.getBlob(index));
        if (!stream) return Blob{};
        return Blob{std::string(std::istreambuf_iterator<char>(*stream), {})};
      }
      case CellKind::kText:
        break;
    }
    return std::string(result.getString(index));
  }

  DatabaseUrl url_;
  std::unique_ptr<sql::Connection> connection_;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> cache_;
  std::vector<std::unique_ptr<std::istringstream>> blobs_;  ///< the bound Blob parameters
  bool lost_ = false;  ///< a statement found the connection gone
};

}  // namespace

MysqlDatabase::MysqlDatabase(DatabaseUrl url, const PoolSettings& settings)
    : Database("mysql", url.display(), settings), url_(std::move(url)) {}

std::unique_ptr<detail::Session> MysqlDatabase::connect() {
  return std::make_unique<MysqlConnection>(url_);
}

}  // namespace crossgrant::store
