#include "crossgrant/store/Database.h"

#include "DatabaseUrl.h"
#include "Migrations.h"
#include "MysqlDatabase.h"
#include "Session.h"
#include "SqliteDatabase.h"

#include <algorithm>
#include <stdexcept>

namespace crossgrant::store {

using detail::Session;
using detail::UnitKind;

namespace {

using Clock = std::chrono::steady_clock;

// What PoolExhausted suggests to clients: the acquire timeout rounded up, at least 1 s.
std::chrono::seconds retryAfterFor(std::chrono::milliseconds acquireTimeout) {
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(acquireTimeout);
  return std::max(seconds, std::chrono::seconds{1});
}

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

struct Database::Idle {
  std::unique_ptr<Session> session;
  Clock::time_point since;
};

// A checked-out session: back to the pool by release(), closed otherwise.
namespace {

/// How many connections of each database this thread holds now.
thread_local std::vector<const Database*> heldByThread;

bool holdsOne(const Database* database) {
  return std::find(heldByThread.begin(), heldByThread.end(), database) != heldByThread.end();
}

}  // namespace

// A checked-out session, counted as held by this thread while it lives. A second lease taken
// by a thread that holds one already (a unit inside a unit) never waits for the pool's limit:
// if every pooled connection were held by a thread wanting a second one, they would all wait
// for each other until the acquire timeout.
class Database::Lease {
 public:
  explicit Lease(Database& database)
      : database_(database), session_(database.acquire(holdsOne(&database))) {
    heldByThread.push_back(&database_);
  }
  ~Lease() {
    heldByThread.erase(std::find(heldByThread.rbegin(), heldByThread.rend(), &database_).base() -
                       1);
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

std::unique_ptr<Database> Database::open(const std::string& url, const PoolSettings& settings) {
  if (settings.maxConnections == 0)
    throw std::invalid_argument("a database pool needs at least one connection (maxConnections)");
  DatabaseUrl parsed = DatabaseUrl::parse(url);
  std::unique_ptr<Database> database;
  if (parsed.kind == DatabaseUrl::Kind::kSqlite) {
    std::string display = parsed.display();
    database =
        std::make_unique<SqliteDatabase>(std::move(parsed.path), std::move(display), settings);
  } else {
    database = std::make_unique<MysqlDatabase>(std::move(parsed), settings);
  }
  // Connect once now, so that a wrong URL, password or path fails here and not later.
  Lease(*database).release();
  return database;
}

Database::Database(std::string backend, std::string displayUrl, PoolSettings settings)
    : backend_(std::move(backend)), displayUrl_(std::move(displayUrl)), settings_(settings) {}

Database::~Database() = default;

std::vector<std::unique_ptr<Session>> Database::takeExpiredLocked() {
  std::vector<std::unique_ptr<Session>> expired;
  const Clock::time_point now = Clock::now();
  auto end = idle_.begin();
  while (end != idle_.end() && now - end->since > settings_.maxIdle) {
    expired.push_back(std::move(end->session));
    ++end;
  }
  idle_.erase(idle_.begin(), end);
  open_ -= expired.size();
  return expired;
}

std::unique_ptr<Session> Database::acquire(bool nested) {
  // Declared first so that expired connections close after the lock is given up.
  std::vector<std::unique_ptr<Session>> expired;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    expired = takeExpiredLocked();
    const bool free = available_.wait_for(lock, settings_.acquireTimeout, [&] {
      return nested || !idle_.empty() || open_ < settings_.maxConnections;
    });
    if (!free)
      throw PoolExhausted("all " + std::to_string(settings_.maxConnections) + " connections to " +
                              displayUrl_ + " stayed busy for " +
                              std::to_string(settings_.acquireTimeout.count()) + " ms",
                          retryAfterFor(settings_.acquireTimeout));
    if (!idle_.empty()) {
      // The most recently used: the others age out and close.
      std::unique_ptr<Session> session = std::move(idle_.back().session);
      idle_.pop_back();
      return session;
    }
    ++open_;
    ++opened_;
  }
  try {
    return connect();
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    --open_;
    available_.notify_one();
    throw;
  }
}

void Database::release(std::unique_ptr<Session> session) {
  // Declared first so that expired connections close after the lock is given up.
  std::vector<std::unique_ptr<Session>> expired;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // A connection opened beyond the limit (by a unit inside a unit) is not kept.
    if (open_ <= settings_.maxConnections) {
      idle_.push_back(Idle{std::move(session), Clock::now()});
      expired = takeExpiredLocked();
      available_.notify_all();
      return;
    }
  }
  discard(std::move(session));
}

void Database::discard(std::unique_ptr<Session> session) {
  session.reset();
  std::lock_guard<std::mutex> lock(mutex_);
  --open_;
  available_.notify_one();
}

namespace {

/// The read unit this thread runs, per database, innermost last: a read started inside one
/// joins it.
struct OpenRead {
  const Database* database;
  Reader* reader;
};
thread_local std::vector<OpenRead> openReads;

/// Marks a read unit as open on this thread while it lives.
class OpenReadScope {
 public:
  OpenReadScope(const Database* database, Reader* reader) {
    openReads.push_back({database, reader});
  }
  ~OpenReadScope() { openReads.pop_back(); }
  OpenReadScope(const OpenReadScope&) = delete;
  OpenReadScope& operator=(const OpenReadScope&) = delete;
};

/// A write unit's connection that reports every statement it executes to an observer
/// (Database::setWriteObserver).
class ObservedConnection : public Connection {
 public:
  ObservedConnection(Connection& inner, const Database::WriteObserver& observer)
      : inner_(inner), observer_(observer) {}

  std::vector<Row> query(std::string_view sql, const std::vector<Value>& params) override {
    return inner_.query(sql, params);
  }
  void each(std::string_view sql, const std::vector<Value>& params,
            const std::function<void(const Row&)>& visit) override {
    inner_.each(sql, params, visit);
  }
  std::string_view backend() const override { return inner_.backend(); }
  std::int64_t execute(std::string_view sql, const std::vector<Value>& params) override {
    const std::int64_t matched = inner_.execute(sql, params);
    observer_(sql);
    return matched;
  }
  std::int64_t lastInsertId() override { return inner_.lastInsertId(); }

 private:
  Connection& inner_;
  const Database::WriteObserver& observer_;
};

}  // namespace

void Database::runUnit(UnitKind kind, const std::function<void(Session&)>& work) {
  Lease lease(*this);
  lease->begin(kind);
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

void Database::runRead(const std::function<void(Reader&)>& work) {
  for (auto open = openReads.rbegin(); open != openReads.rend(); ++open) {
    if (open->database == this) {
      work(*open->reader);  // the outer unit ends it, and rolls back if this throws on
      return;
    }
  }
  runUnit(UnitKind::kRead, [&](Session& session) {
    OpenReadScope scope(this, &session);
    work(session);
  });
}

void Database::runWrite(const std::function<void(Connection&)>& work) {
  if (!writeObserver_) {
    runUnit(UnitKind::kWrite, work);
    return;
  }
  runUnit(UnitKind::kWrite, [&](Session& session) {
    ObservedConnection observed(session, writeObserver_);
    work(observed);
  });
}

bool Database::ping() {
  // A connection the server dropped is reopened when the unit begins; only a fresh one
  // failing, or no connection freeing up, means no answer.
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

PoolStatus Database::poolStatus() {
  std::lock_guard<std::mutex> lock(mutex_);
  return PoolStatus{open_, idle_.size(), opened_};
}

}  // namespace crossgrant::store
