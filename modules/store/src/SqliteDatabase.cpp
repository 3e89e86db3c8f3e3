#include "SqliteDatabase.h"

#include <sqlite3.h>

#include <filesystem>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "Session.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::store {
namespace {

constexpr int kBusyTimeoutMs = 10'000;
constexpr std::size_t kStatementCacheSize = 128;

bool isBlank(std::string_view text) {
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ';') return false;
  return true;
}

// Process-wide settings, made once before the first connection: SQLite's memory statistics
// (on by default) take one global mutex on every allocation, which every worker thread then
// queues on; crossgrant never reads them.
void configureLibrary() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return sqlite3_initialize() == SQLITE_OK;
  }();
  if (!configured) throw StoreError("SQLite could not be initialised");
}

class SqliteConnection final : public detail::Session {
 public:
  SqliteConnection(const std::string& path, bool create) {
    configureLibrary();
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw StoreError("cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    try {
      // An empty file is a database without a schema, which only migrate may change: anyone
      // else finds it has none (and refuses, store/SchemaStatus.h) without writing the
      // header that switching it to WAL would.
      const bool untouchable = !create && asInt(query("PRAGMA page_count", {}).at(0).at(0)) == 0;
      if (!untouchable) {
        const std::vector<Row> mode = query("PRAGMA journal_mode=WAL", {});
        if (mode.empty() || asText(mode.front().front()) != "wal")
          throw StoreError("cannot switch SQLite database " + path + " to WAL mode");
      }
      execute("PRAGMA synchronous=FULL", {});
      execute("PRAGMA foreign_keys=ON", {});
    } catch (...) {
      close();
      throw;
    }
  }

  ~SqliteConnection() override { close(); }

  std::int64_t execute(std::string_view sql, const std::vector<Value>& params) override {
    run(sql, params, {});
    return sqlite3_changes(db_);
  }

  std::vector<Row> query(std::string_view sql, const std::vector<Value>& params) override {
    std::vector<Row> rows;
    run(sql, params, [&](Row& row) { rows.push_back(std::move(row)); });
    return rows;
  }

  void each(std::string_view sql, const std::vector<Value>& params,
            const std::function<void(const Row&)>& visit) override {
    run(sql, params, [&](Row& row) { visit(row); });
  }

  std::int64_t lastInsertId() override { return sqlite3_last_insert_rowid(db_); }

  // BEGIN DEFERRED takes no lock until the first read. In a read unit every statement must be
  // one that does not write (sqlite3_stmt_readonly), so that a write through a cast fails as
  // it does on MariaDB. (Not PRAGMA query_only: switching a flag pragma expires every prepared
  // statement of the connection, and the statement cache would be parsed anew every unit.)
  void begin(detail::UnitKind kind) override {
    if (kind == detail::UnitKind::kRead) {
      run("BEGIN DEFERRED", {}, {});
      readOnly_ = true;
    } else {
      run("BEGIN IMMEDIATE", {}, {});
    }
  }
  void commit() override {
    readOnly_ = false;
    run("COMMIT", {}, {});
  }
  void rollback() override {
    readOnly_ = false;
    if (sqlite3_get_autocommit(db_) == 0) run("ROLLBACK", {}, {});
  }
  bool reusable() const override { return db_ != nullptr; }
  std::string_view backend() const override { return "sqlite"; }

 private:
  // Resets a cached statement when a run ends, however it ends.
  class Reset {
   public:
    explicit Reset(sqlite3_stmt* statement) : statement_(statement) {}
    ~Reset() {
      sqlite3_reset(statement_);
      sqlite3_clear_bindings(statement_);
    }
    Reset(const Reset&) = delete;
    Reset& operator=(const Reset&) = delete;

   private:
    sqlite3_stmt* statement_;
  };

  void close() {
    for (auto& [sql, statement] : cache_) sqlite3_finalize(statement);
    cache_.clear();
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = nullptr;
  }

  [[noreturn]] void fail(int code, std::string_view sql) {
    const std::string message = sqlite3_errmsg(db_);
    switch (code) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        throw core::Conflict("duplicate key: " + message);
      case SQLITE_CONSTRAINT_FOREIGNKEY:
        throw core::Conflict("a record it refers to is missing, or records still refer to it: " +
                             message);
      default:
        throw StoreError("SQLite error " + std::to_string(code) + " (" + sqlite3_errstr(code) +
                         "): " + message + "; statement: " + std::string(sql));
    }
  }

  sqlite3_stmt* prepare(std::string_view sql) {
    if (auto found = cache_.find(sql); found != cache_.end()) return found->second;
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, &tail);
    if (rc != SQLITE_OK) fail(sqlite3_extended_errcode(db_), sql);
    if (statement == nullptr) throw StoreError("empty SQL statement");
    if (tail != nullptr && !isBlank(std::string_view(tail))) {
      sqlite3_finalize(statement);
      throw StoreError("one statement at a time, not: " + std::string(sql));
    }
    if (cache_.size() >= kStatementCacheSize) {
      for (auto& [text, cached] : cache_) sqlite3_finalize(cached);
      cache_.clear();
    }
    cache_.emplace(std::string(sql), statement);
    return statement;
  }

  void bind(sqlite3_stmt* statement, const std::vector<Value>& params, std::string_view sql) {
    const int expected = sqlite3_bind_parameter_count(statement);
    if (expected != static_cast<int>(params.size()))
      throw StoreError("statement takes " + std::to_string(expected) + " parameters, given " +
                       std::to_string(params.size()) + ": " + std::string(sql));
    for (int i = 0; i < expected; ++i) {
      const Value& value = params[i];
      int rc = SQLITE_OK;
      if (const auto* number = std::get_if<std::int64_t>(&value)) {
        rc = sqlite3_bind_int64(statement, i + 1, *number);
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        // SQLITE_STATIC: params outlive the run, and Reset unbinds them before it returns.
        rc = sqlite3_bind_text64(statement, i + 1, text->data(), text->size(), SQLITE_STATIC,
                                 SQLITE_UTF8);
      } else if (const auto* blob = std::get_if<Blob>(&value)) {
        // data() is never null, so an empty Blob binds as an empty blob, not as NULL.
        rc = sqlite3_bind_blob64(statement, i + 1, blob->bytes.data(), blob->bytes.size(),
                                 SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(statement, i + 1);
      }
      if (rc != SQLITE_OK) fail(rc, sql);
    }
  }

  Value column(sqlite3_stmt* statement, int index, std::string_view sql) {
    switch (sqlite3_column_type(statement, index)) {
      case SQLITE_NULL:
        return nullptr;
      case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(statement, index));
      case SQLITE_FLOAT:
        throw StoreError("column " + std::string(sqlite3_column_name(statement, index)) +
                         " holds a floating-point value, which the store never reads; "
                         "statement: " +
                         std::string(sql));
      case SQLITE_BLOB: {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, index));
        const int size = sqlite3_column_bytes(statement, index);
        return Blob{bytes == nullptr ? std::string()
                                     : std::string(bytes, static_cast<size_t>(size))};
      }
      default: {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, index));
        const int size = sqlite3_column_bytes(statement, index);
        return bytes == nullptr ? std::string() : std::string(bytes, static_cast<size_t>(size));
      }
    }
  }

  /// Runs a statement; each row it yields goes to take (none: rows are not read).
  void run(std::string_view sql, const std::vector<Value>& params,
           const std::function<void(Row&)>& take) {
    if (db_ == nullptr) throw StoreError("the SQLite connection is closed");
    sqlite3_stmt* statement = prepare(sql);
    if (readOnly_ && sqlite3_stmt_readonly(statement) == 0)
      throw StoreError("a read unit cannot write; statement: " + std::string(sql));
    Reset reset(statement);
    bind(statement, params, sql);
    const int columns = sqlite3_column_count(statement);
    for (;;) {
      const int rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) return;
      if (rc != SQLITE_ROW) fail(rc, sql);
      if (!take) continue;
      Row row;
      row.reserve(static_cast<size_t>(columns));
      for (int i = 0; i < columns; ++i) row.push_back(column(statement, i, sql));
      take(row);
    }
  }

  sqlite3* db_ = nullptr;
  bool readOnly_ = false;  ///< a read unit is open: statements that write are refused
  // Looked up by the statement's text as given, without copying it.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, std::string displayUrl,
                               const PoolSettings& settings)
    : Database("sqlite", std::move(displayUrl), settings),
      path_(std::move(path)),
      create_(settings.create) {
  if (!create_) {
    std::error_code error;
    if (!std::filesystem::exists(path_, error))
      throw DatabaseNotFound("database " + Database::displayUrl() + " does not exist (no file " +
                             path_ + "); create it with `crossgrant migrate`");
    return;
  }
  const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) {
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error)
      throw StoreError("cannot create directory " + parent.string() + ": " + error.message());
  }
}

std::unique_ptr<detail::Session> SqliteDatabase::connect() {
  return std::make_unique<SqliteConnection>(path_, create_);
}

}  // namespace crossgrant::store
