#include "crossgrant/app/identity/AuthService.h"

#include "crossgrant/app/audit/AuditRecorder.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <thread>
#include <utility>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/identity/PasswordHasher.h"
#include "crossgrant/app/identity/SecureRandom.h"
#include "crossgrant/app/identity/UserService.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Date.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Text.h"
#include "crossgrant/store/AuditLog.h"
#include "crossgrant/store/Limits.h"

namespace crossgrant::app {
namespace {

using core::Json;
using store::Connection;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
/// Failures under one key before attempts under it are delayed.
constexpr std::int64_t kFreeFailures = 5;
constexpr std::int64_t kForgetAfter = 60 * kMinute;
constexpr std::int64_t kAccountCap = 30 * kSecond;
constexpr std::int64_t kAddressCap = 15 * kMinute;
/// The longest an account block delays an attempt from an address that is clean for the account.
constexpr std::int64_t kAccountDelayCap = 1 * kSecond;
constexpr std::size_t kMaxTokenLength = 200;
/// Device cookies kept per user (the newest).
constexpr std::size_t kDevicesPerUser = 20;
/// Expired throttle rows pruned per login attempt at most.
constexpr std::size_t kPruneBatch = 100;

struct ThrottleKey {
  std::string key;
  std::int64_t cap;
  /// The account's own key: its block only delays attempts from an address whose
  /// account+address key is clean, so that an attacker cannot lock the real user out.
  bool account = false;
  /// The account+address key, which decides whether an address is clean for the account.
  bool pair = false;
};

std::string accountKey(std::string_view user) { return "account:" + std::string(user); }
std::string pairKey(std::string_view user, std::string_view address) {
  return "account+address:" + std::string(user) + "|" + std::string(address);
}

std::string addressKey(std::string_view address) { return "address:" + std::string(address); }
/// The account's failures in the current window, from clients without its device cookie.
std::string guessesKey(std::string_view user) { return "guesses:" + std::string(user); }
/// One device cookie's failures in the current window.
std::string deviceKey(std::string_view tokenHash) { return "device:" + std::string(tokenHash); }
/// The refusals of a window: of an account at an address, or (user "") of an address that its
/// own block refused for any account.
constexpr std::string_view kRefusedPrefix = "refused:";
std::string refusedKey(std::string_view user, std::string_view address) {
  return std::string(kRefusedPrefix) + std::string(user) + "|" + std::string(address);
}

std::vector<ThrottleKey> loginKeys(std::string_view user, const std::string& address) {
  return {{accountKey(user), kAccountCap, true, false},
          {addressKey(address), kAddressCap, false, false},
          {pairKey(user, address), kAddressCap, false, true}};
}

/// How long attempts are refused after the failures-th failure.
std::int64_t blockMillis(std::int64_t failures, std::int64_t cap) {
  if (failures < kFreeFailures) return 0;
  const std::int64_t shift = failures - kFreeFailures;
  if (shift >= 30) return cap;
  return std::min(cap, kSecond << shift);
}

/// What the blocks under an attempt's keys mean for it at now: refused until refuseUntil, or
/// (when not refused) delayed until at most delayUntil; 0 for none. byAddress: only the
/// address's own block refuses, whatever the account.
struct Blocks {
  std::int64_t refuseUntil = 0;
  std::int64_t delayUntil = 0;
  bool byAddress = false;
};

/// The blocks under keys. The account key's block refuses only attempts from an address with
/// recent failures for the account (its account+address key); from a clean address it merely
/// delays, so that failures elsewhere never lock the real user out.
Blocks blocksOf(Connection& db, const std::vector<ThrottleKey>& keys, std::int64_t now) {
  bool cleanAddress = true;
  for (const ThrottleKey& key : keys)
    if (key.pair)
      if (auto record = store::findThrottle(db, key.key))
        if (record->failures > 0 && record->lastFailureAt > now - kForgetAfter)
          cleanAddress = false;
  Blocks blocks;
  std::int64_t byAccount = 0;
  for (const ThrottleKey& key : keys)
    if (auto record = store::findThrottle(db, key.key)) {
      std::int64_t& until = key.account && cleanAddress ? blocks.delayUntil : blocks.refuseUntil;
      until = std::max(until, record->blockedUntil);
      if (key.account || key.pair) byAccount = std::max(byAccount, record->blockedUntil);
    }
  blocks.byAddress = blocks.refuseUntil > now && byAccount <= now;
  return blocks;
}

/// Sleeps for what remains of an account block (at most kAccountDelayCap), outside any
/// transaction: the slow-down that a clean address gets instead of a refusal.
void delayFor(const Blocks& blocks, std::int64_t now) {
  if (blocks.delayUntil <= now) return;
  const std::int64_t millis = std::min(kAccountDelayCap, blocks.delayUntil - now);
  std::this_thread::sleep_for(std::chrono::milliseconds(millis));
}

/// Counts one failure under every key and blocks those past their free failures; returns the
/// record of the first key (the account).
store::ThrottleRecord recordFailures(Connection& db, const std::vector<ThrottleKey>& keys,
                                     std::int64_t now) {
  std::optional<store::ThrottleRecord> first;
  for (const ThrottleKey& key : keys) {
    store::ThrottleRecord record = store::recordFailure(db, key.key, now, now - kForgetAfter);
    const std::int64_t block = blockMillis(record.failures, key.cap);
    if (block > 0) {
      record.blockedUntil = now + block;
      store::setBlockedUntil(db, key.key, record.blockedUntil);
    }
    if (!first) first = record;
  }
  return *first;
}

/// A window of at most `most` attempts under one key, which starts at its first attempt
/// (lastFailureAt) and lasts windowMillis.
struct Window {
  std::int64_t most;
  std::int64_t millis;
};

/// Counts an attempt under key before its password is checked: true when the window has room
/// (the attempt is counted as a failure until releaseAttempt takes it back), false when full.
/// The row is locked from its read to the unit's end, so that parallel attempts are counted
/// one after the other and no more than `most` pass. record is the row after the attempt.
bool reserveAttempt(Connection& db, const std::string& key, const Window& window, std::int64_t now,
                    store::ThrottleRecord& record) {
  record = store::lockThrottle(db, key, now, now + window.millis);
  if (record.failures == 0 || record.lastFailureAt + window.millis <= now) {
    record.failures = 0;
    record.lastFailureAt = now;
    record.blockedUntil = 0;
  }
  if (record.failures >= window.most) return false;
  ++record.failures;
  record.expiresAt = record.lastFailureAt + window.millis;
  if (record.failures >= window.most) record.blockedUntil = record.expiresAt;
  store::saveThrottle(db, record);
  return true;
}

/// Takes back the attempt reserveAttempt counted under key (its password was right).
void releaseAttempt(Connection& db, const std::string& key, std::int64_t now) {
  store::ThrottleRecord record = store::lockThrottle(db, key, now, now);
  if (record.failures > 0) --record.failures;
  record.blockedUntil = 0;
  store::saveThrottle(db, record);
}

std::int64_t secondsUntil(std::int64_t until, std::int64_t now) {
  return std::max<std::int64_t>(1, (until - now + kSecond - 1) / kSecond);
}

Json throttleJson(const store::ThrottleRecord& record, std::int64_t now) {
  Json json = Json::object().set("failures", record.failures);
  if (record.blockedUntil > now) json.set("blocked_until", core::utcTimestamp(record.blockedUntil));
  return json;
}

// Refused attempts are counted, not logged one by one. The first refusal of a window (of the
// account at the address, or of the address when its own block refuses) appends one entry,
// {"refused": 1, "refused_until"}; later ones of that window only count up its row. The
// window's count reaches the trail in the next entry of the account at the address: its next
// failure, login or refused window carries it as "refused_before"; and when no such entry
// comes within an hour of the window's end, the row's pruning appends "login_refused_window"
// with it. A trail thus holds at most
// two entries per account, address and window, however fast a client retries, and every
// refusal is counted in it.

/// The refusals of the last window of the account at the address when more than its first
/// (which its entry recorded), and forgets them; 0 otherwise.
std::int64_t takeRefusals(Connection& db, std::string_view user, std::string_view address,
                          std::int64_t now) {
  const std::string key = refusedKey(user, address);
  if (!store::findThrottle(db, key)) return 0;
  const std::int64_t refused = store::lockThrottle(db, key, now, now).failures;
  store::clearThrottle(db, key);
  return refused > 1 ? refused : 0;
}

/// Counts a refusal until `until`; appends the entry of a new window (action refusedAction)
/// when none is open. Returns whether it opened one.
bool countRefusal(Connection& db, const core::AuditKey& auditKey, const core::Actor& actor,
                  const char* refusedAction, const std::string& userName, const Blocks& blocks,
                  std::int64_t now) {
  const std::int64_t until = blocks.refuseUntil;
  const std::string key = refusedKey(blocks.byAddress ? "" : userName, actor.client);
  store::ThrottleRecord record = store::lockThrottle(db, key, now, until + kForgetAfter);
  if (record.failures > 0 && record.blockedUntil > now) {
    ++record.failures;
    record.blockedUntil = std::max(record.blockedUntil, until);
    record.expiresAt = std::max(record.expiresAt, record.blockedUntil + kForgetAfter);
    store::saveThrottle(db, record);
    return false;
  }
  const std::int64_t before = record.failures > 1 ? record.failures : 0;
  store::saveThrottle(db, {key, 1, now, until, until + kForgetAfter});
  Json after = Json::object()
                   .set("retry_after_seconds", secondsUntil(until, now))
                   .set("refused", std::int64_t{1})
                   .set("refused_until", core::utcTimestamp(until))
                   .set("scope", blocks.byAddress ? "address" : "account");
  if (before > 0) after.set("refused_before", before);
  recordChange(db, auditKey, actor, refusedAction, "user", userName, "", std::nullopt, after);
  return true;
}

/// Deletes the throttle's forgotten rows (at most kPruneBatch) and, with cap, the rows beyond
/// the most it keeps, the oldest first; a refusal window pruned with uncounted refusals
/// appends its count. A unit of its own, each row deleted by its key before the audit head is
/// locked (the order in which every login unit takes them). Housekeeping: a prune that fails
/// (on MariaDB, the loser of a deadlock with a login over the same rows) is rolled back whole
/// and left to the next attempt, which prunes again, instead of failing this login.
void pruneThrottle(Context& context, std::int64_t now, bool cap) {
  try {
    context.database().write([&](Connection& db) {
      std::vector<store::ThrottleRecord> gone = store::expiredThrottles(db, now, kPruneBatch);
      if (cap)
        for (store::ThrottleRecord& record :
             store::throttlesBeyond(db, context.settings().throttleMaxRows))
          if (record.expiresAt > now) gone.push_back(std::move(record));
      store::deleteThrottles(db, gone);
      for (const store::ThrottleRecord& record : gone) {
        if (record.key.rfind(kRefusedPrefix, 0) != 0 || record.failures <= 1) continue;
        const std::string scope = record.key.substr(kRefusedPrefix.size());
        const std::size_t bar = scope.rfind('|');
        const std::string user = scope.substr(0, bar);
        const std::string address = bar == std::string::npos ? "" : scope.substr(bar + 1);
        recordChange(db, context.auditKey(), core::Actor{"", "", address}, "login_refused_window",
                     "user", user, "", std::nullopt,
                     Json::object()
                         .set("refused", record.failures)
                         .set("from", core::utcTimestamp(record.lastFailureAt))
                         .set("until", core::utcTimestamp(record.blockedUntil)));
      }
    });
  } catch (const store::StoreError&) {
    return;
  }
}

/// Printable ASCII of text, anything else as '?': header values are any bytes a client sent.
std::string printable(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c < 0x20 || c > 0x7E) c = '?';
  return out;
}

/// Equal-length hex strings compared without an early exit.
bool sameHex(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

/// The roles a user holds, each once, in the order of its grants (as store::listGrants gives
/// them): "lead", "controller,partner"; "" for none. A login is allowed under no one role in
/// particular, so its audit entry records all of them.
std::string rolesOf(const std::vector<core::Grant>& grants) {
  std::vector<std::string_view> seen;
  std::string roles;
  for (const core::Grant& grant : grants) {
    const std::string_view role = core::toString(grant.role);
    if (std::find(seen.begin(), seen.end(), role) != seen.end()) continue;
    seen.push_back(role);
    if (!roles.empty()) roles += ',';
    roles += role;
  }
  return roles;
}

[[noreturn]] void throwThrottled(std::int64_t until, std::int64_t now) {
  throw core::Throttled(
      "too many failed logins; try again in " + std::to_string(secondsUntil(until, now)) + " s",
      secondsUntil(until, now));
}

}  // namespace

std::int64_t AuthService::idleMillis() const {
  return context_.settings().sessionIdleSeconds * kSecond;
}

std::int64_t AuthService::touchMillis() const { return std::min(kMinute, idleMillis() / 2); }

LoginResult AuthService::login(std::string_view user, std::string_view password,
                               const std::string& clientAddress, const std::string& userAgent,
                               std::string_view deviceToken) {
  if (user.empty()) throw core::InvalidInput("/user", "must not be empty");
  if (const std::size_t most = store::characterLimit("users", "name");
      core::utf8Length(user) > most)
    throw core::InvalidInput("/user", "at most " + std::to_string(most) + " characters");
  const std::vector<ThrottleKey> keys = loginKeys(user, clientAddress);
  const core::Actor anonymous{"", "", clientAddress};
  const std::string name(user);
  const Window window{context_.settings().loginFailuresPerAccount,
                      context_.settings().loginWindowSeconds * kSecond};
  const std::string deviceHash = deviceToken.empty() || deviceToken.size() > kMaxTokenLength
                                     ? ""
                                     : core::sha256Hex(deviceToken);

  const std::int64_t start = context_.nowMillis();
  pruneThrottle(context_, start, false);
  // One unit counts the attempt before its password is checked: a client with a valid device
  // cookie of the user against that device's window only; any other against the blocks of the
  // account, the address and both, then against the account's window.
  std::optional<store::UserRecord> found;
  bool trusted = false;
  bool opened = false;
  const Blocks blocks = context_.database().write([&](Connection& db) {
    found = store::findUser(db, name);
    if (found && !deviceHash.empty())
      if (const auto device = store::findDeviceToken(db, deviceHash))
        trusted = device->userId == found->id && device->expiresAt > start;
    Blocks state;
    store::ThrottleRecord counted;
    if (trusted) {
      if (reserveAttempt(db, deviceKey(deviceHash), window, start, counted)) return state;
    } else {
      state = blocksOf(db, keys, start);
      if (state.refuseUntil <= start) {
        if (reserveAttempt(db, guessesKey(name), window, start, counted)) return state;
        state.byAddress = false;
      } else if (const auto guesses = store::findThrottle(db, guessesKey(name));
                 guesses && guesses->failures >= window.most) {
        // Retry-After names the time the attempt would be let through.
        counted = *guesses;
      }
    }
    state.refuseUntil = std::max(state.refuseUntil, counted.lastFailureAt + window.millis);
    opened = countRefusal(db, context_.auditKey(), anonymous, "login_refused", name, state, start);
    return state;
  });
  if (blocks.refuseUntil > start) {
    if (opened) pruneThrottle(context_, start, true);
    throwThrottled(blocks.refuseUntil, start);
  }
  if (!trusted) delayFor(blocks, start);

  bool valid = false;
  if (found && !found->disabled) {
    valid = verifyPassword(found->passwordHash, password);
  } else {
    verifyDummy(password);
  }
  const std::int64_t now = context_.nowMillis();
  if (!valid) {
    context_.database().write([&](Connection& db) {
      Json after = Json::object();
      if (trusted) {
        after = throttleJson(
            store::findThrottle(db, deviceKey(deviceHash)).value_or(store::ThrottleRecord{}), now);
        after.set("device", true);
      } else {
        after = throttleJson(recordFailures(db, keys, now), now);
      }
      if (const std::int64_t refused = takeRefusals(db, name, clientAddress, now))
        after.set("refused_before", refused);
      recordChange(db, context_.auditKey(), anonymous, "login_failed", "user", name, "",
                   std::nullopt, after);
    });
    pruneThrottle(context_, now, true);
    throw core::Unauthenticated("wrong user name or password", "invalid_credentials");
  }

  LoginResult result;
  result.token = randomToken();
  result.csrfToken = randomToken();
  result.user = *found;
  result.session.userId = found->id;
  result.session.userName = found->name;
  result.session.csrfHash = core::sha256Hex(result.csrfToken);
  result.session.createdAt = now;
  result.session.lastSeenAt = now;
  result.session.expiresAt = now + context_.settings().sessionAbsoluteSeconds * kSecond;
  result.session.clientAddress = clientAddress;
  result.session.userAgent = printable(userAgent);
  if (!trusted) result.deviceToken = randomToken();
  context_.database().write([&](Connection& db) {
    if (trusted) {
      store::clearThrottle(db, deviceKey(deviceHash));
    } else {
      for (const ThrottleKey& key : keys) store::clearThrottle(db, key.key);
      releaseAttempt(db, guessesKey(name), now);
      store::insertDeviceToken(
          db, core::sha256Hex(result.deviceToken),
          {found->id, now, now + context_.settings().deviceCookieSeconds * kSecond},
          kDevicesPerUser);
    }
    const std::int64_t refused = takeRefusals(db, name, clientAddress, now);
    store::deleteEndedSessions(db, now, now - idleMillis());
    result.session.id = store::insertSession(db, result.session, core::sha256Hex(result.token));
    result.grants = store::listGrants(db, found->id);
    Json after = sessionRecord(result.session);
    if (refused > 0) after.set("refused_before", refused);
    recordChange(db, context_.auditKey(), core::Actor{name, rolesOf(result.grants), clientAddress},
                 "login", "session", std::to_string(result.session.id), "", std::nullopt, after);
  });
  return result;
}

std::optional<Authentication> AuthService::authenticate(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenLength) return std::nullopt;
  const std::string hash = core::sha256Hex(token);
  const std::int64_t now = context_.nowMillis();
  // Reading a session takes no write lock; the rare writes (an ended session removed, the
  // last-seen time moved on at most once a minute) are units of their own.
  std::optional<store::SessionRecord> ended;
  std::optional<Authentication> found =
      context_.database().read([&](store::Reader& db) -> std::optional<Authentication> {
        std::optional<store::SignedIn> signedIn = store::findSignedIn(db, hash);
        if (!signedIn) return std::nullopt;
        store::SessionRecord& session = signedIn->session;
        if (session.expiresAt <= now || session.lastSeenAt + idleMillis() <= now) {
          ended = std::move(session);
          return std::nullopt;
        }
        Authentication result;
        result.principal.user = session.userName;
        result.principal.grants = std::move(signedIn->grants);
        result.session = std::move(session);
        return result;
      });
  if (ended) {
    context_.database().write(
        [&](Connection& db) { store::deleteSession(db, ended->id, ended->userId); });
    return std::nullopt;
  }
  if (found && now - found->session.lastSeenAt >= touchMillis()) {
    context_.database().write(
        [&](Connection& db) { store::touchSession(db, found->session.id, now); });
    found->session.lastSeenAt = now;
  }
  return found;
}

bool AuthService::csrfMatches(const store::SessionRecord& session, std::string_view csrfToken) {
  if (csrfToken.empty() || csrfToken.size() > kMaxTokenLength) return false;
  return sameHex(core::sha256Hex(csrfToken), session.csrfHash);
}

void AuthService::endSession(const core::Actor& actor, std::int64_t userId,
                             std::int64_t sessionId) {
  context_.database().write([&](Connection& db) {
    std::optional<store::SessionRecord> ended;
    for (const store::SessionRecord& session : store::listSessions(db, userId))
      if (session.id == sessionId) ended = session;
    if (!ended || !store::deleteSession(db, sessionId, userId))
      throw core::NotFound("session " + std::to_string(sessionId) + " not found");
    recordChange(db, context_.auditKey(), actor, "logout", "session", std::to_string(sessionId), "",
                 sessionRecord(*ended), std::nullopt);
  });
}

std::vector<store::SessionRecord> AuthService::sessions(std::int64_t userId) {
  const std::int64_t now = context_.nowMillis();
  std::vector<store::SessionRecord> open;
  for (store::SessionRecord& session : context_.database().read(
           [&](store::Reader& db) { return store::listSessions(db, userId); })) {
    if (session.expiresAt > now && session.lastSeenAt + idleMillis() > now)
      open.push_back(std::move(session));
  }
  return open;
}

void AuthService::changePassword(const core::Actor& actor, const std::string& userName,
                                 std::string_view current, std::string_view replacement) {
  if (replacement == current) throw core::InvalidInput("/new", "is the current password");
  context_.passwordPolicy().check(replacement, userName, "/new");
  const std::vector<ThrottleKey> keys = {
      {accountKey(userName), kAccountCap, true, false},
      {pairKey(userName, actor.client), kAddressCap, false, true}};
  const std::int64_t start = context_.nowMillis();
  std::optional<store::UserRecord> user;
  bool opened = false;
  const Blocks blocks = context_.database().write([&](Connection& db) {
    Blocks state = blocksOf(db, keys, start);
    if (state.refuseUntil > start)
      opened = countRefusal(db, context_.auditKey(), actor, "change_password_refused", userName,
                            state, start);
    else
      user = store::findUser(db, userName);
    return state;
  });
  if (blocks.refuseUntil > start) {
    if (opened) pruneThrottle(context_, start, true);
    throwThrottled(blocks.refuseUntil, start);
  }
  delayFor(blocks, start);
  if (!user) throw core::NotFound("user " + userName + " not found");

  const std::int64_t now = context_.nowMillis();
  if (!verifyPassword(user->passwordHash, current)) {
    context_.database().write([&](Connection& db) {
      Json after = throttleJson(recordFailures(db, keys, now), now);
      if (const std::int64_t refused = takeRefusals(db, userName, actor.client, now))
        after.set("refused_before", refused);
      recordChange(db, context_.auditKey(), actor, "change_password_failed", "user", userName, "",
                   std::nullopt, after);
    });
    throw core::InvalidInput("/current", "is not your current password");
  }
  const std::string hash = hashPassword(replacement);
  context_.database().write([&](Connection& db) {
    const std::optional<store::UserRecord> before = store::findUser(db, userName);
    if (!before) throw core::NotFound("user " + userName + " not found");
    for (const ThrottleKey& key : keys) store::clearThrottle(db, key.key);
    store::setPasswordHash(db, userName, hash, core::utcTimestamp(now));
    const std::int64_t ended = store::deleteSessionsOfUser(db, before->id);
    store::deleteDeviceTokensOfUser(db, before->id);
    const std::vector<core::Grant> grants = store::listGrants(db, before->id);
    Json after = userRecord(store::findUser(db, userName).value(), grants);
    after.set("sessions_ended", ended);
    recordChange(db, context_.auditKey(), actor, "change_password", "user", userName, "",
                 userRecord(*before, grants), after);
  });
}

}  // namespace crossgrant::app
