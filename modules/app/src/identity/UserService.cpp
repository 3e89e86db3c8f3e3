#include "crossgrant/app/identity/UserService.h"

#include "crossgrant/app/audit/AuditRecorder.h"

#include <optional>
#include <utility>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/identity/PasswordHasher.h"
#include "crossgrant/app/identity/SecureRandom.h"
#include "crossgrant/core/Date.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Text.h"
#include "crossgrant/store/AuditLog.h"
#include "crossgrant/store/Limits.h"

namespace crossgrant::app {
namespace {

using core::Json;
using store::Connection;

/// A rule of ours, not the column's (TEXT): a name people read in lists.
constexpr std::size_t kMaxDisplayName = 200;

bool hasControl(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

void checkName(const std::string& name) {
  if (name.empty()) throw core::InvalidInput("/name", "must not be empty");
  if (!core::isValidUtf8(name)) throw core::InvalidInput("/name", "is not valid UTF-8");
  if (const std::size_t most = store::characterLimit("users", "name");
      core::utf8Length(name) > most)
    throw core::InvalidInput("/name", "at most " + std::to_string(most) + " characters");
  for (unsigned char c : name) {
    if (c <= ' ' || c == 0x7F || c == ':' || c == '/')
      throw core::InvalidInput("/name",
                               "must not contain white space, control characters, ':' or '/'");
  }
  if (name.front() == '-') throw core::InvalidInput("/name", "must not start with '-'");
}

std::string checkedDisplayName(const std::string& name, const std::string& displayName) {
  if (displayName.empty()) return name;
  if (!core::isValidUtf8(displayName))
    throw core::InvalidInput("/display_name", "is not valid UTF-8");
  if (core::utf8Length(displayName) > kMaxDisplayName)
    throw core::InvalidInput("/display_name",
                             "at most " + std::to_string(kMaxDisplayName) + " characters");
  if (hasControl(displayName))
    throw core::InvalidInput("/display_name", "must not contain control characters");
  return displayName;
}

/// Every way the grant's scope is wrong for its role or names what does not exist.
void checkScope(store::Reader& db, const core::Grant& grant) {
  const std::string role(core::toString(grant.role));
  const bool wantsProgramme = grant.role == core::Role::kProgramme;
  const bool mayHaveProgramme = wantsProgramme || grant.role == core::Role::kAuditor;
  const bool wantsProject = grant.role == core::Role::kLead || grant.role == core::Role::kPartner ||
                            grant.role == core::Role::kController;
  const bool wantsPartner =
      grant.role == core::Role::kPartner || grant.role == core::Role::kController;

  std::vector<core::ValidationError> errors;
  const auto field = [&](const char* pointer, const std::string& value, bool wanted, bool allowed,
                         const char* what) {
    if (value.empty() && wanted)
      errors.push_back({pointer,
                        "the " + role + " role needs a " + what,
                        "grant_needs",
                        {{"role", role}, {"what", what}}});
    if (!value.empty() && !allowed)
      errors.push_back({pointer,
                        "the " + role + " role takes no " + what,
                        "grant_takes_no",
                        {{"role", role}, {"what", what}}});
  };
  field("/programme", grant.programme, wantsProgramme, mayHaveProgramme, "programme");
  field("/project", grant.project, wantsProject, wantsProject, "project");
  field("/partner", grant.partner, wantsPartner, wantsPartner, "partner");
  if (!errors.empty()) throw core::InvalidInput(std::move(errors));

  if (!grant.programme.empty() && !store::programmeExists(db, grant.programme))
    errors.push_back({"/programme",
                      "programme \"" + grant.programme + "\" does not exist",
                      "no_such_programme",
                      {{"found", grant.programme}}});
  if (!grant.project.empty() && !store::programmeOfProject(db, grant.project)) {
    errors.push_back({"/project",
                      "project \"" + grant.project + "\" does not exist",
                      "no_such_project",
                      {{"found", grant.project}}});
  } else if (!grant.partner.empty() && !store::partnerExists(db, grant.project, grant.partner)) {
    errors.push_back(
        {"/partner",
         "partner \"" + grant.partner + "\" does not exist in project \"" + grant.project + "\"",
         "no_such_partner",
         {{"found", grant.partner}, {"project", grant.project}}});
  }
  if (!errors.empty()) throw core::InvalidInput(std::move(errors));
}

std::string describe(const core::Grant& grant) {
  std::string text = "role " + std::string(core::toString(grant.role));
  if (!grant.programme.empty()) text += " in programme " + grant.programme;
  if (!grant.project.empty()) text += " in project " + grant.project;
  if (!grant.partner.empty()) text += " for partner " + grant.partner;
  return text;
}

store::UserRecord requireUser(store::Reader& db, std::string_view name) {
  auto user = store::findUser(db, name);
  if (!user) throw core::NotFound("user \"" + std::string(name) + "\" does not exist");
  return *user;
}

UserView viewOf(store::Reader& db, std::string_view name) {
  UserView view;
  view.user = requireUser(db, name);
  view.grants = store::listGrants(db, view.user.id);
  return view;
}

}  // namespace

UserService::UserService(Context& context, core::Actor actor)
    : context_(context), actor_(std::move(actor)) {}

std::vector<UserView> UserService::list() {
  return context_.database().read([](store::Reader& db) {
    std::vector<UserView> users;
    for (store::UserRecord& user : store::listUsers(db)) {
      std::vector<core::Grant> grants = store::listGrants(db, user.id);
      users.push_back({std::move(user), std::move(grants)});
    }
    return users;
  });
}

UserView UserService::get(std::string_view name) {
  return context_.database().read([&](store::Reader& db) { return viewOf(db, name); });
}

UserView UserService::create(const std::string& name, const std::string& displayName,
                             std::string_view password) {
  checkName(name);
  store::UserRecord user;
  user.name = name;
  user.displayName = checkedDisplayName(name, displayName);
  context_.passwordPolicy().check(password, name, "/password");
  user.passwordHash = hashPassword(password);
  user.createdAt = core::utcTimestamp(context_.nowMillis());
  user.changedAt = user.createdAt;
  return context_.database().write([&](Connection& db) {
    if (store::findUser(db, name)) throw core::Conflict("user \"" + name + "\" already exists");
    store::insertUser(db, user);
    UserView view = viewOf(db, name);
    recordChange(db, context_.auditKey(), actor_, "create", "user", name, "", std::nullopt,
                 userRecord(view.user, view.grants));
    return view;
  });
}

void UserService::setPassword(const std::string& name, std::string_view password) {
  context_.passwordPolicy().check(password, name, "/password");
  const std::string hash = hashPassword(password);
  const std::string now = core::utcTimestamp(context_.nowMillis());
  context_.database().write([&](Connection& db) {
    const UserView before = viewOf(db, name);
    store::setPasswordHash(db, name, hash, now);
    const std::int64_t ended = store::deleteSessionsOfUser(db, before.user.id);
    const UserView after = viewOf(db, name);
    Json afterJson = userRecord(after.user, after.grants);
    afterJson.set("sessions_ended", ended);
    recordChange(db, context_.auditKey(), actor_, "set_password", "user", name, "",
                 userRecord(before.user, before.grants), afterJson);
  });
}

void UserService::remove(const std::string& name) {
  context_.database().write([&](Connection& db) {
    const UserView before = viewOf(db, name);
    store::deleteUser(db, name);
    recordChange(db, context_.auditKey(), actor_, "delete", "user", name, "",
                 userRecord(before.user, before.grants), std::nullopt);
  });
}

UserView UserService::grant(const std::string& name, const core::Grant& grant) {
  const std::string now = core::utcTimestamp(context_.nowMillis());
  return context_.database().write([&](Connection& db) {
    const UserView before = viewOf(db, name);
    checkScope(db, grant);
    for (const core::Grant& held : before.grants)
      if (held == grant)
        throw core::Conflict("user \"" + name + "\" already holds " + describe(grant));
    store::insertGrant(db, before.user.id, grant, now);
    UserView after = viewOf(db, name);
    // Only the grant itself: the entry is filed under the grant's project, and the user's
    // other grants (other programmes' included) are none of that project's readers' business.
    recordChange(db, context_.auditKey(), actor_, "grant", "user", name, grant.project,
                 std::nullopt, grantRecord(grant));
    return after;
  });
}

UserView UserService::revoke(const std::string& name, const core::Grant& grant) {
  const std::string now = core::utcTimestamp(context_.nowMillis());
  return context_.database().write([&](Connection& db) {
    const UserView before = viewOf(db, name);
    if (!store::deleteGrant(db, before.user.id, grant, now))
      throw core::NotFound("user \"" + name + "\" does not hold " + describe(grant));
    UserView after = viewOf(db, name);
    recordChange(db, context_.auditKey(), actor_, "revoke", "user", name, grant.project,
                 grantRecord(grant), std::nullopt);
    return after;
  });
}

std::string UserService::generatePassword(const std::string& name) const {
  for (;;) {
    std::string password = randomPassword();
    if (!context_.passwordPolicy().problem(password, name)) return password;
  }
}

std::vector<store::ScopedGrant> revokeGrantsScopedTo(
    Connection& db, const core::AuditKey& key, const core::Actor& actor, std::int64_t nowMillis,
    std::string_view programme, std::string_view project, std::string_view partner) {
  const std::string now = core::utcTimestamp(nowMillis);
  std::vector<store::ScopedGrant> revoked = store::grantsScopedTo(db, programme, project, partner);
  for (const store::ScopedGrant& held : revoked) {
    store::deleteGrant(db, held.userId, held.grant, now);
    recordChange(db, key, actor, "revoke", "user", held.userName, held.grant.project,
                 grantRecord(held.grant), std::nullopt);
  }
  return revoked;
}

}  // namespace crossgrant::app
