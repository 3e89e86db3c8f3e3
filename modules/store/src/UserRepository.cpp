#include "crossgrant/store/UserRepository.h"

#include <stdexcept>
#include <utility>

#include "Migrations.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/Text.h"

namespace crossgrant::store {
namespace {

std::string text(std::string_view value) { return std::string(value); }

// Limits come from the schema (Migrations::current()), as in ProjectRepository.cpp.
void requireLength(const std::string& pointer, std::string_view value, std::string_view table,
                   std::string_view column) {
  if (std::optional<std::string> error = schema::overLimit(value, columnLimit(table, column)))
    throw core::InvalidInput(pointer, std::move(*error));
}

/// The longest start of value that the column holds.
std::string cut(std::string_view value, std::string_view table, std::string_view column) {
  const schema::TextLimit limit = columnLimit(table, column);
  if (limit.unit == schema::TextLimit::Unit::kCharacters)
    return std::string(core::utf8Prefix(value, limit.most));
  throw std::logic_error("cut() is for columns limited in characters, not " + text(table) + "." +
                         text(column));
}

void requireGrantLengths(const core::Grant& grant) {
  requireLength("/programme", grant.programme, "role_grants", "programme");
  requireLength("/project", grant.project, "role_grants", "project");
  requireLength("/partner", grant.partner, "role_grants", "partner");
}

const char* const kUserColumns =
    "SELECT id, name, display_name, password_hash, created_at, changed_at, disabled, version "
    "FROM users";

UserRecord userOf(const Row& row) {
  UserRecord user;
  user.id = asInt(row[0]);
  user.name = asText(row[1]);
  user.displayName = asText(row[2]);
  user.passwordHash = asText(row[3]);
  user.createdAt = asText(row[4]);
  user.changedAt = asText(row[5]);
  user.disabled = asInt(row[6]) != 0;
  user.version = asInt(row[7]);
  return user;
}

/// A grant from row[at…at+3]: role, programme, project, partner.
core::Grant grantOf(const Row& row, std::size_t at = 0) {
  core::Grant grant;
  const auto role = core::parseRole(asText(row[at]));
  if (!role) throw StoreError("role_grants.role holds the unknown role '" + asText(row[at]) + "'");
  grant.role = *role;
  grant.programme = asText(row[at + 1]);
  grant.project = asText(row[at + 2]);
  grant.partner = asText(row[at + 3]);
  return grant;
}

// A grant as the policy reads it: its columns and its project's programme's code (m.code), for
// a query over role_grants g that appends kResolvedGrantJoins.
const char* const kResolvedGrantColumns = "g.role, g.programme, g.project, g.partner, m.code";
const char* const kResolvedGrantJoins =
    " LEFT JOIN projects p ON p.code = g.project AND g.project <> ''"
    " LEFT JOIN programmes m ON m.id = p.programme_id";
const char* const kGrantOrder = " ORDER BY g.role, g.programme, g.project, g.partner";

/// A grant from row[at…at+4] as kResolvedGrantColumns selects it: a project-scoped grant names
/// its project's programme when the project exists.
core::Grant resolvedGrantOf(const Row& row, std::size_t at) {
  core::Grant grant = grantOf(row, at);
  if (grant.programme.empty() && !isNull(row[at + 4])) grant.programme = asText(row[at + 4]);
  return grant;
}

void countVersionUp(Connection& db, std::int64_t userId, const std::string& changedAt) {
  db.execute("UPDATE users SET version = version + 1, changed_at = ? WHERE id = ?",
             {changedAt, userId});
}

const char* const kSessionColumns =
    "SELECT s.id, s.user_id, u.name, s.csrf_hash, s.created_at, s.last_seen_at, s.expires_at, "
    "s.client_address, s.user_agent";
constexpr std::size_t kSessionColumnCount = 9;
const char* const kSessionFrom = " FROM sessions s JOIN users u ON u.id = s.user_id";

SessionRecord sessionOf(const Row& row) {
  SessionRecord session;
  session.id = asInt(row[0]);
  session.userId = asInt(row[1]);
  session.userName = asText(row[2]);
  session.csrfHash = asText(row[3]);
  session.createdAt = asInt(row[4]);
  session.lastSeenAt = asInt(row[5]);
  session.expiresAt = asInt(row[6]);
  session.clientAddress = asText(row[7]);
  session.userAgent = asText(row[8]);
  return session;
}

const char* const kThrottleColumns =
    "SELECT throttle_key, failures, last_failure_at, blocked_until, expires_at FROM "
    "login_throttle";

ThrottleRecord throttleOf(const Row& row) {
  return {asText(row[0]), asInt(row[1]), asInt(row[2]), asInt(row[3]), asInt(row[4])};
}

std::vector<ThrottleRecord> throttlesOf(const std::vector<Row>& rows) {
  std::vector<ThrottleRecord> records;
  for (const Row& row : rows) records.push_back(throttleOf(row));
  return records;
}

}  // namespace

std::vector<UserRecord> listUsers(Reader& db) {
  std::vector<UserRecord> users;
  for (const Row& row : db.query(std::string(kUserColumns) + " ORDER BY name"))
    users.push_back(userOf(row));
  return users;
}

std::optional<UserRecord> findUser(Reader& db, std::string_view name) {
  const auto rows = db.query(std::string(kUserColumns) + " WHERE name = ?", {text(name)});
  if (rows.empty()) return std::nullopt;
  return userOf(rows[0]);
}

std::int64_t insertUser(Connection& db, const UserRecord& user) {
  requireLength("/name", user.name, "users", "name");
  if (findUser(db, user.name)) throw core::Conflict("user " + user.name + " already exists");
  db.execute(
      "INSERT INTO users (name, display_name, password_hash, created_at, changed_at, disabled, "
      "version) VALUES (?, ?, ?, ?, ?, ?, 1)",
      {user.name, user.displayName, user.passwordHash, user.createdAt, user.changedAt,
       std::int64_t{user.disabled ? 1 : 0}});
  return db.lastInsertId();
}

void setPasswordHash(Connection& db, std::string_view name, const std::string& passwordHash,
                     const std::string& changedAt) {
  const std::int64_t changed = db.execute(
      "UPDATE users SET password_hash = ?, changed_at = ?, version = version + 1 WHERE name = ?",
      {passwordHash, changedAt, text(name)});
  if (changed == 0) throw core::NotFound("user " + text(name) + " not found");
}

void deleteUser(Connection& db, std::string_view name) {
  if (db.execute("DELETE FROM users WHERE name = ?", {text(name)}) == 0)
    throw core::NotFound("user " + text(name) + " not found");
}

std::vector<core::Grant> listGrants(Reader& db, std::int64_t userId) {
  std::vector<core::Grant> grants;
  for (const Row& row : db.query("SELECT role, programme, project, partner FROM role_grants "
                                 "WHERE user_id = ? ORDER BY role, programme, project, partner",
                                 {userId}))
    grants.push_back(grantOf(row));
  return grants;
}

std::vector<core::Grant> resolvedGrants(Reader& db, std::int64_t userId) {
  static const std::string sql = std::string("SELECT ") + kResolvedGrantColumns +
                                 " FROM role_grants g" + kResolvedGrantJoins +
                                 " WHERE g.user_id = ?" + kGrantOrder;
  std::vector<core::Grant> grants;
  for (const Row& row : db.query(sql, {userId})) grants.push_back(resolvedGrantOf(row, 0));
  return grants;
}

void insertGrant(Connection& db, std::int64_t userId, const core::Grant& grant,
                 const std::string& changedAt) {
  requireGrantLengths(grant);
  const auto held = db.query(
      "SELECT id FROM role_grants WHERE user_id = ? AND role = ? AND programme = ? AND "
      "project = ? AND partner = ?",
      {userId, text(core::toString(grant.role)), grant.programme, grant.project, grant.partner});
  if (!held.empty()) throw core::Conflict("the user already holds this role in this scope");
  db.execute(
      "INSERT INTO role_grants (user_id, role, programme, project, partner) VALUES (?, ?, ?, ?, ?)",
      {userId, text(core::toString(grant.role)), grant.programme, grant.project, grant.partner});
  countVersionUp(db, userId, changedAt);
}

bool deleteGrant(Connection& db, std::int64_t userId, const core::Grant& grant,
                 const std::string& changedAt) {
  const std::int64_t deleted = db.execute(
      "DELETE FROM role_grants WHERE user_id = ? AND role = ? AND programme = ? AND project = ? "
      "AND partner = ?",
      {userId, text(core::toString(grant.role)), grant.programme, grant.project, grant.partner});
  if (deleted == 0) return false;
  countVersionUp(db, userId, changedAt);
  return true;
}

std::vector<ScopedGrant> grantsScopedTo(Reader& db, std::string_view programme,
                                        std::string_view project, std::string_view partner) {
  std::string sql =
      "SELECT g.role, g.programme, g.project, g.partner, u.id, u.name FROM role_grants g "
      "JOIN users u ON u.id = g.user_id WHERE ";
  std::vector<Value> params;
  if (!project.empty()) {
    sql += "g.project = ?";
    params.emplace_back(text(project));
    if (!partner.empty()) {
      sql += " AND g.partner = ?";
      params.emplace_back(text(partner));
    }
  } else {
    sql += "g.programme = ? AND g.project = ''";
    params.emplace_back(text(programme));
  }
  std::vector<ScopedGrant> grants;
  for (const Row& row : db.query(sql + " ORDER BY u.name, g.id", params))
    grants.push_back({asInt(row[4]), asText(row[5]), grantOf(row)});
  return grants;
}

std::optional<std::string> programmeOfProject(Reader& db, std::string_view projectCode) {
  const auto rows = db.query(
      "SELECT m.code FROM projects p JOIN programmes m ON m.id = p.programme_id WHERE p.code = ?",
      {text(projectCode)});
  if (rows.empty()) return std::nullopt;
  return asText(rows[0][0]);
}

bool programmeExists(Reader& db, std::string_view programmeCode) {
  return !db.query("SELECT id FROM programmes WHERE code = ?", {text(programmeCode)}).empty();
}

bool partnerExists(Reader& db, std::string_view projectCode, std::string_view partnerCode) {
  return !db.query(
                "SELECT r.id FROM partners r JOIN projects p ON p.id = r.project_id "
                "WHERE p.code = ? AND r.code = ?",
                {text(projectCode), text(partnerCode)})
              .empty();
}

std::int64_t insertSession(Connection& db, const SessionRecord& session,
                           const std::string& tokenHash) {
  db.execute(
      "INSERT INTO sessions (token_hash, csrf_hash, user_id, created_at, last_seen_at, "
      "expires_at, client_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {tokenHash, session.csrfHash, session.userId, session.createdAt, session.lastSeenAt,
       session.expiresAt, cut(session.clientAddress, "sessions", "client_address"),
       cut(session.userAgent, "sessions", "user_agent")});
  return db.lastInsertId();
}

std::optional<SignedIn> findSignedIn(Reader& db, std::string_view tokenHash) {
  // One statement: the session's columns on every row, beside one of its user's grants each
  // (NULLs in one row when the user holds none).
  static const std::string sql =
      std::string(kSessionColumns) + ", " + kResolvedGrantColumns + kSessionFrom +
      " LEFT JOIN role_grants g ON g.user_id = s.user_id" + kResolvedGrantJoins +
      " WHERE s.token_hash = ? AND u.disabled = 0" + kGrantOrder;
  const std::vector<Row> rows = db.query(sql, {text(tokenHash)});
  if (rows.empty()) return std::nullopt;
  SignedIn found{sessionOf(rows.front()), {}};
  for (const Row& row : rows)
    if (!isNull(row[kSessionColumnCount]))
      found.grants.push_back(resolvedGrantOf(row, kSessionColumnCount));
  return found;
}

std::vector<SessionRecord> listSessions(Reader& db, std::int64_t userId) {
  std::vector<SessionRecord> sessions;
  for (const Row& row : db.query(std::string(kSessionColumns) + kSessionFrom +
                                     " WHERE s.user_id = ? ORDER BY s.created_at DESC, s.id DESC",
                                 {userId}))
    sessions.push_back(sessionOf(row));
  return sessions;
}

void touchSession(Connection& db, std::int64_t sessionId, std::int64_t lastSeenAt) {
  db.execute("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?",
             {lastSeenAt, sessionId, lastSeenAt});
}

bool deleteSession(Connection& db, std::int64_t sessionId, std::int64_t userId) {
  return db.execute("DELETE FROM sessions WHERE id = ? AND user_id = ?", {sessionId, userId}) > 0;
}

std::int64_t deleteSessionsOfUser(Connection& db, std::int64_t userId) {
  return db.execute("DELETE FROM sessions WHERE user_id = ?", {userId});
}

std::int64_t deleteEndedSessions(Connection& db, std::int64_t now, std::int64_t idleSince) {
  return db.execute("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?",
                    {now, idleSince});
}

std::optional<ThrottleRecord> findThrottle(Reader& db, std::string_view key) {
  const auto rows =
      db.query(std::string(kThrottleColumns) + " WHERE throttle_key = ?", {text(key)});
  if (rows.empty()) return std::nullopt;
  return throttleOf(rows[0]);
}

ThrottleRecord recordFailure(Connection& db, std::string_view key, std::int64_t now,
                             std::int64_t forgetBefore) {
  // One statement that inserts or counts up, reading the stored row under its lock: an UPDATE
  // followed by an INSERT could deadlock on MariaDB (two gap locks, two inserts into the gap).
  // Both dialects evaluate each expression on the row as it was before the statement (MySQL
  // assigns from left to right: no expression reads a column assigned before it).
  const std::int64_t expires = now + (now - forgetBefore);
  const std::string count =
      "failures = CASE WHEN last_failure_at <= ? THEN 1 ELSE failures + 1 END, "
      "last_failure_at = ?, expires_at = CASE WHEN expires_at < ? THEN ? ELSE expires_at END";
  const std::string insert =
      "INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until, "
      "expires_at) VALUES (?, 1, ?, 0, ?) ";
  db.execute(insert +
                 (db.backend() == "mysql" ? "ON DUPLICATE KEY UPDATE "
                                          : "ON CONFLICT (throttle_key) DO UPDATE SET ") +
                 count,
             {text(key), now, expires, forgetBefore, now, expires, expires});
  const auto record = findThrottle(db, key);
  if (!record) throw StoreError("the login_throttle row of " + text(key) + " vanished");
  return *record;
}

void setBlockedUntil(Connection& db, std::string_view key, std::int64_t blockedUntil) {
  db.execute(
      "UPDATE login_throttle SET blocked_until = ?, "
      "expires_at = CASE WHEN expires_at < ? THEN ? ELSE expires_at END WHERE throttle_key = ?",
      {blockedUntil, blockedUntil, blockedUntil, text(key)});
}

void clearThrottle(Connection& db, std::string_view key) {
  db.execute("DELETE FROM login_throttle WHERE throttle_key = ?", {text(key)});
}

ThrottleRecord lockThrottle(Connection& db, std::string_view key, std::int64_t now,
                            std::int64_t expiresAt) {
  // The upsert makes the row or takes its exclusive lock (on MariaDB, ON DUPLICATE KEY UPDATE
  // locks the existing row exclusively where INSERT IGNORE would share it, and two shared
  // locks that both want to write deadlock); the locking read then sees the row as committed
  // last, not this unit's snapshot. SQLite's write units run one at a time anyway.
  const bool mysql = db.backend() == "mysql";
  db.execute(std::string("INSERT INTO login_throttle (throttle_key, failures, last_failure_at, "
                         "blocked_until, expires_at) VALUES (?, 0, ?, 0, ?) ") +
                 (mysql ? "ON DUPLICATE KEY UPDATE throttle_key = throttle_key"
                        : "ON CONFLICT (throttle_key) DO NOTHING"),
             {text(key), now, expiresAt});
  const auto rows = db.query(
      std::string(kThrottleColumns) + " WHERE throttle_key = ?" + (mysql ? " FOR UPDATE" : ""),
      {text(key)});
  if (rows.empty()) throw StoreError("the login_throttle row of " + text(key) + " vanished");
  return throttleOf(rows[0]);
}

void saveThrottle(Connection& db, const ThrottleRecord& record) {
  db.execute(
      "UPDATE login_throttle SET failures = ?, last_failure_at = ?, blocked_until = ?, "
      "expires_at = ? WHERE throttle_key = ?",
      {record.failures, record.lastFailureAt, record.blockedUntil, record.expiresAt, record.key});
}

std::vector<ThrottleRecord> expiredThrottles(Reader& db, std::int64_t now, std::size_t limit) {
  return throttlesOf(db.query(std::string(kThrottleColumns) +
                                  " WHERE expires_at <= ? ORDER BY expires_at, throttle_key "
                                  "LIMIT " +
                                  std::to_string(limit),
                              {now}));
}

std::vector<ThrottleRecord> throttlesBeyond(Reader& db, std::int64_t most) {
  const std::int64_t beyond = countThrottles(db) - most;
  if (beyond <= 0) return {};
  return throttlesOf(db.query(std::string(kThrottleColumns) +
                              " ORDER BY last_failure_at, throttle_key LIMIT " +
                              std::to_string(beyond)));
}

void deleteThrottles(Connection& db, const std::vector<ThrottleRecord>& records) {
  for (const ThrottleRecord& record : records) clearThrottle(db, record.key);
}

std::int64_t countThrottles(Reader& db) {
  return asInt(db.query("SELECT COUNT(*) FROM login_throttle").at(0).at(0));
}

std::optional<DeviceToken> findDeviceToken(Reader& db, std::string_view tokenHash) {
  const auto rows =
      db.query("SELECT user_id, created_at, expires_at FROM device_tokens WHERE token_hash = ?",
               {text(tokenHash)});
  if (rows.empty()) return std::nullopt;
  return DeviceToken{asInt(rows[0][0]), asInt(rows[0][1]), asInt(rows[0][2])};
}

void insertDeviceToken(Connection& db, std::string_view tokenHash, const DeviceToken& token,
                       std::size_t keep) {
  db.execute("DELETE FROM device_tokens WHERE user_id = ? AND expires_at <= ?",
             {token.userId, token.createdAt});
  db.execute(
      "INSERT INTO device_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
      {text(tokenHash), token.userId, token.createdAt, token.expiresAt});
  const auto rows =
      db.query("SELECT id FROM device_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC",
               {token.userId});
  for (std::size_t i = keep; i < rows.size(); ++i)
    db.execute("DELETE FROM device_tokens WHERE id = ?", {asInt(rows[i][0])});
}

void deleteDeviceTokensOfUser(Connection& db, std::int64_t userId) {
  db.execute("DELETE FROM device_tokens WHERE user_id = ?", {userId});
}

}  // namespace crossgrant::store
