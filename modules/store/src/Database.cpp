#include "crossgrant/store/Database.h"

#include "DatabaseUrl.h"
#include "Migrations.h"
#include "MysqlDatabase.h"
#include "Session.h"
#include "SqliteDatabase.h"

namespace crossgrant::store {

using detail::Session;
using detail::UnitKind;

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

// A checked-out session: back to the pool by release(), closed otherwise.
class Database::Lease {
 public:
  explicit Lease(Database& database) : database_(database), session_(database.acquire()) {}
  ~Lease() {
    if (session_) database_.discard(std::move(session_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  Session& operator*() const { return *session_; }
  Session* operator->() const { return session_.get(); }
  /// Pools the session if it still works, closes it otherwise.
  void release() {
    if (session_->reusable())
      database_.release(std::move(session_));
    else
      database_.discard(std::move(session_));
  }

 private:
  Database& database_;
  std::unique_ptr<Session> session_;
};

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
  Lease(*database).release();
  return database;
}

Database::Database(std::string backend, std::string displayUrl)
    : backend_(std::move(backend)), displayUrl_(std::move(displayUrl)) {}

Database::~Database() = default;

std::unique_ptr<Session> Database::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Session> session = std::move(idle_.back());
      idle_.pop_back();
      return session;
    }
  }
  return connect();
}

void Database::release(std::unique_ptr<Session> session) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(session));
}

void Database::discard(std::unique_ptr<Session> session) { session.reset(); }

void Database::runRead(const std::function<void(Reader&)>& work) {
  Lease lease(*this);
  lease->begin(UnitKind::kRead);
  try {
    work(*lease);
    lease->commit();
  } catch (...) {
    try {
      lease->rollback();
      lease.release();
    } catch (...) {
      // A connection that cannot roll back is broken: the lease closes it.
    }
    throw;
  }
  lease.release();
}

void Database::runWrite(const std::function<void(Connection&)>& work) {
  Lease lease(*this);
  lease->begin(UnitKind::kWrite);
  try {
    work(*lease);
    lease->commit();
  } catch (...) {
    try {
      lease->rollback();
      lease.release();
    } catch (...) {
      // A connection that cannot roll back is broken: the lease closes it.
    }
    throw;
  }
  lease.release();
}

bool Database::ping() {
  // A connection the server dropped is reopened when the unit begins; only a fresh one
  // failing means no answer.
  try {
    read([](Reader& reader) { reader.query("SELECT 1"); });
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

int Database::migrate() {
  Lease lease(*this);
  const int applied = Migrations::apply(*lease);
  lease.release();
  return applied;
}

int Database::schemaVersion() {
  return read([](Reader& reader) { return Migrations::currentVersion(reader); });
}

int Database::latestSchemaVersion() { return Migrations::latestVersion(); }

}  // namespace crossgrant::store
