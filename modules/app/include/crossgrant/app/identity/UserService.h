// Users and their roles, shared by `crossgrant user ...` and the admin HTTP API so that both
// validate and record alike. Each operation runs in one transaction and appends its audit
// entry, recorded as the service's actor, in it; one that throws changes nothing.
//
// User names: 1 to 100 characters of UTF-8 without white space, control characters, ':' or
// '/', not starting with '-'. Display names: at most 200 characters without control
// characters; the user name when empty. Passwords: Context::passwordPolicy().
// A grant names exactly the scope its role needs (see core::Grant): admin none; programme a
// programme; lead a project; partner and controller a project and a partner of it; auditor a
// programme, or none for all programmes; and what it names must exist.
//
// Errors: core::InvalidInput at "/name", "/display_name", "/password", "/role", "/programme",
// "/project", "/partner"; core::NotFound for an unknown user or a grant not held;
// core::Conflict for a name that is taken or a grant already held.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Access.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/store/UserRepository.h"

namespace crossgrant::app {

class Context;

struct UserView {
  store::UserRecord user;
  std::vector<core::Grant> grants;  ///< as stored
};

class UserService {
 public:
  /// actor: who the changes are recorded as in the audit trail.
  UserService(Context& context, core::Actor actor);

  std::vector<UserView> list();
  UserView get(std::string_view name);
  UserView create(const std::string& name, const std::string& displayName,
                  std::string_view password);
  /// Sets the user's password (a reset by an admin or the command line) and ends every session
  /// of the user.
  void setPassword(const std::string& name, std::string_view password);
  /// Deletes the user with its grants and sessions.
  void remove(const std::string& name);
  UserView grant(const std::string& name, const core::Grant& grant);
  UserView revoke(const std::string& name, const core::Grant& grant);

  /// A new random password that meets the password rules for the user name.
  std::string generatePassword(const std::string& name) const;

 private:
  Context& context_;
  core::Actor actor_;
};

/// Revokes, in the caller's transaction, every grant scoped to an object being deleted (see
/// store::grantsScopedTo), auditing each as a revoke by actor, so that a later object with the
/// same code does not inherit who could see the old one. Returns the grants revoked.
std::vector<store::ScopedGrant> revokeGrantsScopedTo(
    store::Connection& db, const core::AuditKey& key, const core::Actor& actor,
    std::int64_t nowMillis, std::string_view programme, std::string_view project,
    std::string_view partner);

}  // namespace crossgrant::app
