#include "crossgrant/store/Database.h"

#include "DatabaseUrl.h"
#include "Migrations.h"
#include "MysqlDatabase.h"
#include "SqliteDatabase.h"

namespace crossgrant::store {
namespace {

// Idle connections kept for reuse; more are opened on demand and closed when released.
constexpr std::size_t kMaxIdleConnections = 16;

std::string describe(const Value& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
  if (const auto* number = std::get_if<std::int64_t>(&value))
    return "the integer " + std::to_string(*number);
  if (const auto* blob = std::get_if<Blob>(&value))
    return "binary data of " + std::to_string(blob->bytes.size()) + " bytes";
  return "the text '" + std::get<std::string>(value) + "'";
}

}  // namespace

std::int64_t asInt(const Value& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  throw StoreError("expected an integer in the result, found " + describe(value));
}

const std::string& asText(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  throw StoreError("expected text in the result, found " + describe(value));
}

const std::string& asBlob(const Value& value) {
  if (const auto* blob = std::get_if<Blob>(&value)) return blob->bytes;
  throw StoreError("expected binary data in the result, found " + describe(value));
}

bool isNull(const Value& value) { return std::holds_alternative<std::nullptr_t>(value); }

std::unique_ptr<Database> Database::open(const std::string& url) {
  DatabaseUrl parsed = DatabaseUrl::parse(url);
  std::unique_ptr<Database> database;
  if (parsed.kind == DatabaseUrl::Kind::kSqlite) {
    std::string display = parsed.display();
    database = std::make_unique<SqliteDatabase>(std::move(parsed.path), std::move(display));
  } else {
    database = std::make_unique<MysqlDatabase>(std::move(parsed));
  }
  // Connect once now, so that a wrong URL, password or path fails here and not later.
  database->release(database->connect());
  return database;
}

Database::Database(std::string backend, std::string displayUrl)
    : backend_(std::move(backend)), displayUrl_(std::move(displayUrl)) {}

Database::~Database() = default;

std::unique_ptr<Connection> Database::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
  }
  return connect();
}

void Database::release(std::unique_ptr<Connection> connection) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(connection));
}

bool Database::ping() {
  // A pooled connection may have gone stale; only a fresh one failing means no answer.
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      std::unique_ptr<Connection> connection = attempt == 0 ? acquire() : connect();
      connection->query("SELECT 1");
      connection->rollback();
      release(std::move(connection));
      return true;
    } catch (const std::exception&) {
      // The connection is dropped; try a new one once.
    }
  }
  return false;
}

int Database::migrate() {
  std::unique_ptr<Connection> connection = acquire();
  const int applied = Migrations::apply(*connection);
  release(std::move(connection));
  return applied;
}

int Database::schemaVersion() {
  return transaction([](Connection& c) { return Migrations::currentVersion(c); });
}

int Database::latestSchemaVersion() { return Migrations::latestVersion(); }

}  // namespace crossgrant::store
