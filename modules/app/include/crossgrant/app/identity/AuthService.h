// Logins, sessions and failed-login throttling, all kept in the database so that any number of
// crossgrant servers sharing it accept the same sessions and count the same failures.
//
// A session is known by a random token (256 bits, base64url) of which only the SHA-256 is
// stored; the CSRF token that browsers send with unsafe requests likewise. A session ends
// settings.sessionIdleSeconds after its last request, settings.sessionAbsoluteSeconds after
// login whatever the activity, at logout, at a password change (every session of the user),
// and when its user is deleted. Its last-seen time is written at most once a minute (or once
// per half idle timeout, if that is shorter), so an ordinary request costs no write.
//
// Throttling: failed logins are counted per account, per client address, and per account and
// address. From the 5th failure under a key, attempts under it are blocked for 1 s, doubling
// with every further failure, at most 30 s for an account, 15 min for an address and for an
// account at one address. A block of the address, or of the account at that address, refuses
// attempts (429 without checking the password). The account's block refuses only attempts from
// addresses that failed for the account in the last hour; from an address clean for the
// account it merely delays the check (by the rest of the block, at most 1 s). Failures are
// forgotten an hour after the last one; a successful login clears those of its account, of the
// account at its address and of its address.
//
// Whatever the number of addresses, an account takes at most settings.loginFailuresPerAccount
// failed logins per settings.loginWindowSeconds (a window from its first counted failure) from
// clients without its device cookie; beyond, they are refused until the window ends. Each
// attempt is counted before its password is checked, in the unit that checks the blocks, under
// a lock of the account's row: parallel attempts are counted one after the other, and a right
// password takes its count back. So that such an attack does not lock the real user out, a
// successful login without a valid device cookie issues one (OWASP's device cookies: a random
// token of the user, stored as its SHA-256, lasting settings.deviceCookieSeconds, the newest 20
// per user kept); a login presenting a valid device cookie of the user is counted against that
// device's own window (the same number per window) and none of the blocks above. A password
// change is throttled by the account and the account at the address alike, clears those two
// and ends the user's device cookies.
//
// Refused attempts are counted, not logged one by one: one entry per account and address (or
// address, when its own block refuses) and window, the count carried by the next entry of the
// account at the address or by the window's closing entry (AuthService.cpp). The throttle's
// rows expire with their windows and are pruned from then on, and it keeps at most
// settings.throttleMaxRows rows, pruning the oldest (by their last counted attempt) first.
//
// Every login, failed or refused login, logout and password change appends an audit entry in
// the transaction that records it. A login's entry names as its role the roles the user holds
// (each once, in the order of its grants, comma-separated: "lead", "controller,partner"; ""
// for a user without roles).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Access.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/store/UserRepository.h"

namespace crossgrant::app {

class Context;

struct LoginResult {
  std::string token;      ///< the session token; shown once, stored only as its hash
  std::string csrfToken;  ///< likewise
  /// A new device cookie's token when the login presented no valid one; "" otherwise.
  std::string deviceToken;
  store::SessionRecord session;
  store::UserRecord user;
  std::vector<core::Grant> grants;  ///< as stored
};

/// A request's valid session and who it acts for.
struct Authentication {
  store::SessionRecord session;
  core::Principal principal;  ///< with grants resolved for the policy
};

class AuthService {
 public:
  explicit AuthService(Context& context) : context_(context) {}

  /// Checks the password of user and opens a session (recording the user agent as printable
  /// ASCII). deviceToken is the client's device cookie, "" for none. Throws
  /// core::InvalidInput for an empty or over-long user name, core::Throttled while blocked,
  /// core::Unauthenticated "invalid_credentials" for a wrong user name or password (or a
  /// disabled user): the same answer for all.
  LoginResult login(std::string_view user, std::string_view password,
                    const std::string& clientAddress, const std::string& userAgent,
                    std::string_view deviceToken = "");

  /// The session of token when it is valid now; nullopt otherwise. An ended session found
  /// this way is deleted.
  std::optional<Authentication> authenticate(std::string_view token);

  /// Whether csrfToken is the session's CSRF token (constant-time comparison of hashes).
  static bool csrfMatches(const store::SessionRecord& session, std::string_view csrfToken);

  /// Ends one session of the user (logout, or ending another of one's sessions). NotFound when
  /// the user has no session with that id.
  void endSession(const core::Actor& actor, std::int64_t userId, std::int64_t sessionId);

  /// The user's sessions that have not ended, newest first.
  std::vector<store::SessionRecord> sessions(std::int64_t userId);

  /// Changes the user's own password and ends all of its sessions. The current password is
  /// checked like a login (throttled; a wrong one counts as a failure): InvalidInput at
  /// "/current" when wrong, at "/new" when the new one breaks the password rules.
  void changePassword(const core::Actor& actor, const std::string& userName,
                      std::string_view current, std::string_view replacement);

 private:
  std::int64_t idleMillis() const;
  std::int64_t touchMillis() const;

  Context& context_;
};

}  // namespace crossgrant::app
