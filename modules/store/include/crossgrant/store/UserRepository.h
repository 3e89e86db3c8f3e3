// Users, their role grants, sessions and login throttling in the store. Like
// ProjectRepository.h, every function works on the connection it is given, inside the caller's
// unit of work; the readers take a Reader. Nothing here hashes or checks a password or a token:
// callers pass the encoded Argon2id hash and the SHA-256 of tokens, so that no secret reaches the
// database in clear.
//
// User names hold at most 100 characters; grant scope codes 100 (longer text is
// core::InvalidInput at "/name", "/programme", "/project" or "/partner"). A grant's unused
// scope fields are stored as '' (see core::Grant).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Access.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

struct UserRecord {
  std::int64_t id = 0;  ///< assigned by insertUser
  std::string name;
  std::string displayName;
  std::string passwordHash;  ///< Argon2id, encoded ("$argon2id$v=19$m=...")
  std::string createdAt;     ///< UTC, "2026-11-25T11:40:00.123Z"
  std::string changedAt;
  bool disabled = false;
  std::int64_t version = 1;  ///< grows by one with every change of the user or its grants
};

/// Users ordered by name.
std::vector<UserRecord> listUsers(Reader& db);
std::optional<UserRecord> findUser(Reader& db, std::string_view name);
/// Stores a new user (version 1) and returns its id. Conflict if the name exists.
std::int64_t insertUser(Connection& db, const UserRecord& user);
/// Replaces the password hash, sets changedAt, counts the version up. NotFound if missing.
void setPasswordHash(Connection& db, std::string_view name, const std::string& passwordHash,
                     const std::string& changedAt);
/// Deletes the user with its grants and sessions. NotFound if missing.
void deleteUser(Connection& db, std::string_view name);

/// The user's grants as stored, ordered by role and scope.
std::vector<core::Grant> listGrants(Reader& db, std::int64_t userId);
/// The user's grants for the policy (core/Policy.h): as stored, and a project-scoped grant
/// (lead, partner, controller) names its project's programme when the project exists.
std::vector<core::Grant> resolvedGrants(Reader& db, std::int64_t userId);
/// Adds a grant and counts the user's version up. Conflict if the user holds it already.
void insertGrant(Connection& db, std::int64_t userId, const core::Grant& grant,
                 const std::string& changedAt);
/// Removes a grant and counts the user's version up; false (and no change) if the user does
/// not hold it.
bool deleteGrant(Connection& db, std::int64_t userId, const core::Grant& grant,
                 const std::string& changedAt);

/// The grants scoped to one object, with their users' ids and names: a partner's (project and
/// partner given), a project's with its partners' (project given, partner empty), or a
/// programme's own (only programme given: programme and auditor grants). Deleting an object
/// revokes these, so that a later object with the same code does not inherit them.
struct ScopedGrant {
  std::int64_t userId = 0;
  std::string userName;
  core::Grant grant;
};
std::vector<ScopedGrant> grantsScopedTo(Reader& db, std::string_view programme,
                                        std::string_view project, std::string_view partner);

/// The code of the project's programme, or nullopt when the project does not exist.
std::optional<std::string> programmeOfProject(Reader& db, std::string_view projectCode);
bool programmeExists(Reader& db, std::string_view programmeCode);
bool partnerExists(Reader& db, std::string_view projectCode, std::string_view partnerCode);

/// One session. Times are milliseconds since the Unix epoch (UTC).
struct SessionRecord {
  std::int64_t id = 0;  ///< assigned by insertSession
  std::int64_t userId = 0;
  std::string userName;  ///< filled by the readers
  std::string csrfHash;  ///< hex SHA-256 of the CSRF token
  std::int64_t createdAt = 0;
  std::int64_t lastSeenAt = 0;
  std::int64_t expiresAt = 0;  ///< the absolute end, whatever the activity
  std::string clientAddress;
  std::string userAgent;
};

/// Stores a session under the hex SHA-256 of its token and returns its id. The user agent is
/// cut to 500 characters and the client address to 100.
std::int64_t insertSession(Connection& db, const SessionRecord& session,
                           const std::string& tokenHash);
/// A session of a user who is not disabled, with the user's grants as resolvedGrants reads
/// them, in one statement: what authenticating a request needs.
struct SignedIn {
  SessionRecord session;
  std::vector<core::Grant> grants;
};
std::optional<SignedIn> findSignedIn(Reader& db, std::string_view tokenHash);
/// The user's sessions, newest first.
std::vector<SessionRecord> listSessions(Reader& db, std::int64_t userId);
void touchSession(Connection& db, std::int64_t sessionId, std::int64_t lastSeenAt);
/// Deletes the session if it belongs to userId; false when there is no such session of the user.
bool deleteSession(Connection& db, std::int64_t sessionId, std::int64_t userId);
/// Deletes every session of the user; returns how many.
std::int64_t deleteSessionsOfUser(Connection& db, std::int64_t userId);
/// Deletes every session that ended: absolute end at or before now, or last seen at or before
/// idleSince. Returns how many.
std::int64_t deleteEndedSessions(Connection& db, std::int64_t now, std::int64_t idleSince);

/// Login attempts counted under one key ("account:NAME", "address:ADDR", ...). Times are
/// milliseconds since the Unix epoch. What the counters mean is the caller's (AuthService.cpp);
/// expiresAt is when the row is forgotten: pruneThrottles deletes it from then on.
struct ThrottleRecord {
  std::string key;
  std::int64_t failures = 0;
  std::int64_t lastFailureAt = 0;
  std::int64_t blockedUntil = 0;
  std::int64_t expiresAt = 0;
};

std::optional<ThrottleRecord> findThrottle(Reader& db, std::string_view key);
/// Counts one failure under key at now, starting again from 1 when the last failure was at or
/// before forgetBefore, and returns the record after it; the row expires no earlier than when
/// this failure is forgotten (now + (now - forgetBefore)). One statement (an upsert), so that
/// concurrent failures on other connections are all counted and never deadlock.
ThrottleRecord recordFailure(Connection& db, std::string_view key, std::int64_t now,
                             std::int64_t forgetBefore);
/// Sets the block; the row expires no earlier than its end.
void setBlockedUntil(Connection& db, std::string_view key, std::int64_t blockedUntil);
void clearThrottle(Connection& db, std::string_view key);

/// The row of key, made when missing as {0 failures, lastFailureAt now, not blocked, expiring
/// at expiresAt}, read under a lock that holds to the end of the unit: concurrent units that
/// lock the same key run one after the other, so that what the caller decides from the row
/// and writes back with saveThrottle is one atomic step.
ThrottleRecord lockThrottle(Connection& db, std::string_view key, std::int64_t now,
                            std::int64_t expiresAt);
/// Writes every counter of record.key back.
void saveThrottle(Connection& db, const ThrottleRecord& record);
/// At most limit rows whose expiresAt is at or before now, earliest first; and the rows beyond
/// the most to keep, those of the oldest lastFailureAt first (the ones to prune when the
/// throttle is full).
std::vector<ThrottleRecord> expiredThrottles(Reader& db, std::int64_t now, std::size_t limit);
std::vector<ThrottleRecord> throttlesBeyond(Reader& db, std::int64_t most);
/// Deletes the rows of keys (each by its key, so that no range of keys is locked).
void deleteThrottles(Connection& db, const std::vector<ThrottleRecord>& records);
/// How many rows the throttle holds.
std::int64_t countThrottles(Reader& db);

/// The device cookies of successful logins, known by the hex SHA-256 of their token.
struct DeviceToken {
  std::int64_t userId = 0;
  std::int64_t createdAt = 0;
  std::int64_t expiresAt = 0;
};
std::optional<DeviceToken> findDeviceToken(Reader& db, std::string_view tokenHash);
/// Stores a device token of the user and keeps at most keep of the user's (the newest);
/// deletes the user's expired ones.
void insertDeviceToken(Connection& db, std::string_view tokenHash, const DeviceToken& token,
                       std::size_t keep);
void deleteDeviceTokensOfUser(Connection& db, std::int64_t userId);

}  // namespace crossgrant::store
