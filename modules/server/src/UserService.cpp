#include "UserService.h"

#include "AuditTrail.h"

#include <optional>
#include <utility>

#include "AppContext.h"
#include "AuthService.h"
#include "PasswordHasher.h"
#include "SecureRandom.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/AuditLog.h"

namespace crossgrant::server {
namespace {

using core::Json;
using store::Connection;

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxDisplayName = 200;

std::size_t characters(std::string_view utf8) {
  std::size_t count = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

bool hasControl(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

void checkName(const std::string& name) {
  if (name.empty()) throw core::InvalidInput("/name", "must not be empty");
  if (!core::isValidUtf8(name)) throw core::InvalidInput("/name", "is not valid UTF-8");
  if (characters(name) > kMaxName)
    throw core::InvalidInput("/name", "at most " + std::to_string(kMaxName) + " characters");
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
  if (characters(displayName) > kMaxDisplayName)
    throw core::InvalidInput("/display_name",
                             "at most " + std::to_string(kMaxDisplayName) + " characters");
  if (hasControl(displayName))
    throw core::InvalidInput("/display_name", "must not contain control characters");
  return displayName;
}

/// Every way the grant's scope is wrong for its role or names what does not exist.
void checkScope(Connection& db, const core::Grant& grant) {
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
      errors.push_back({pointer, "the " + role + " role needs a " + what});
    if (!value.empty() && !allowed)
      errors.push_back({pointer, "the " + role + " role takes no " + what});
  };
  field("/programme", grant.programme, wantsProgramme, mayHaveProgramme, "programme");
  field("/project", grant.project, wantsProject, wantsProject, "project");
  field("/partner", grant.partner, wantsPartner, wantsPartner, "partner");
  if (!errors.empty()) throw core::InvalidInput(std::move(errors));

  if (!grant.programme.empty() && !store::programmeExists(db, grant.programme))
    errors.push_back({"/programme", "programme \"" + grant.programme + "\" does not exist"});
  if (!grant.project.empty() && !store::programmeOfProject(db, grant.project)) {
    errors.push_back({"/project", "project \"" + grant.project + "\" does not exist"});
  } else if (!grant.partner.empty() && !store::partnerExists(db, grant.project, grant.partner)) {
    errors.push_back({"/partner", "partner \"" + grant.partner + "\" does not exist in project \"" +
                                      grant.project + "\""});
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

store::UserRecord requireUser(Connection& db, std::string_view name) {
  auto user = store::findUser(db, name);
  if (!user) throw core::NotFound("user \"" + std::string(name) + "\" does not exist");
  return *user;
}

UserView viewOf(Connection& db, std::string_view name) {
  UserView view;
  view.user = requireUser(db, name);
  view.grants = store::listGrants(db, view.user.id);
  return view;
}

}  // namespace

UserService::UserService(AppContext& context, core::Actor actor)
    : context_(context), actor_(std::move(actor)) {}

std::vector<UserView> UserService::list() {
  return context_.database().transaction([](Connection& db) {
    std::vector<UserView> users;
    for (store::UserRecord& user : store::listUsers(db)) {
      std::vector<core::Grant> grants = store::listGrants(db, user.id);
      users.push_back({std::move(user), std::move(grants)});
    }
    return users;
  });
}

UserView UserService::get(std::string_view name) {
  return context_.database().transaction([&](Connection& db) { return viewOf(db, name); });
}

UserView UserService::create(const std::string& name, const std::string& displayName,
                             std::string_view password) {
  checkName(name);
  store::UserRecord user;
  user.name = name;
  user.displayName = checkedDisplayName(name, displayName);
  context_.passwordPolicy().check(password, name, "/password");
  user.passwordHash = hashPassword(password);
  user.createdAt = isoUtc(context_.nowMillis());
  user.changedAt = user.createdAt;
  return context_.database().transaction([&](Connection& db) {
    if (store::findUser(db, name)) throw core::Conflict("user \"" + name + "\" already exists");
    store::insertUser(db, user);
    UserView view = viewOf(db, name);
    recordChange(db, actor_, "create", "user", name, "", std::nullopt,
                 userJson(view.user, view.grants));
    return view;
  });
}

void UserService::setPassword(const std::string& name, std::string_view password) {
  context_.passwordPolicy().check(password, name, "/password");
  const std::string hash = hashPassword(password);
  const std::string now = isoUtc(context_.nowMillis());
  context_.database().transaction([&](Connection& db) {
    const UserView before = viewOf(db, name);
    store::setPasswordHash(db, name, hash, now);
    const std::int64_t ended = store::deleteSessionsOfUser(db, before.user.id);
    const UserView after = viewOf(db, name);
    Json afterJson = userJson(after.user, after.grants);
    afterJson.set("sessions_ended", ended);
    recordChange(db, actor_, "set_password", "user", name, "", userJson(before.user, before.grants),
                 afterJson);
  });
}

void UserService::remove(const std::string& name) {
  context_.database().transaction([&](Connection& db) {
    const UserView before = viewOf(db, name);
    store::deleteUser(db, name);
    recordChange(db, actor_, "delete", "user", name, "", userJson(before.user, before.grants),
                 std::nullopt);
  });
}

UserView UserService::grant(const std::string& name, const core::Grant& grant) {
  const std::string now = isoUtc(context_.nowMillis());
  return context_.database().transaction([&](Connection& db) {
    const UserView before = viewOf(db, name);
    checkScope(db, grant);
    for (const core::Grant& held : before.grants)
      if (held == grant)
        throw core::Conflict("user \"" + name + "\" already holds " + describe(grant));
    store::insertGrant(db, before.user.id, grant, now);
    UserView after = viewOf(db, name);
    // Only the grant itself: the entry is filed under the grant's project, and the user's
    // other grants (other programmes' included) are none of that project's readers' business.
    recordChange(db, actor_, "grant", "user", name, grant.project, std::nullopt, grantJson(grant));
    return after;
  });
}

UserView UserService::revoke(const std::string& name, const core::Grant& grant) {
  const std::string now = isoUtc(context_.nowMillis());
  return context_.database().transaction([&](Connection& db) {
    const UserView before = viewOf(db, name);
    if (!store::deleteGrant(db, before.user.id, grant, now))
      throw core::NotFound("user \"" + name + "\" does not hold " + describe(grant));
    UserView after = viewOf(db, name);
    recordChange(db, actor_, "revoke", "user", name, grant.project, grantJson(grant), std::nullopt);
    return after;
  });
}

std::string UserService::generatePassword(const std::string& name) const {
  for (;;) {
    std::string password = randomPassword();
    if (!context_.passwordPolicy().problem(password, name)) return password;
  }
}

core::Grant readGrant(const Json& body) {
  if (!body.isObject())
    throw core::InvalidInput("", "expected an object, found " + std::string(body.typeName()));
  core::Grant grant;
  std::vector<core::ValidationError> errors;
  bool hasRole = false;
  for (const auto& [key, value] : body.members()) {
    const std::string pointer = "/" + core::escapePointer(key);
    std::string* field = key == "programme" ? &grant.programme
                         : key == "project" ? &grant.project
                         : key == "partner" ? &grant.partner
                                            : nullptr;
    if (key != "role" && field == nullptr) {
      errors.push_back({pointer, "unknown member; a grant has role, programme, project, partner"});
    } else if (!value.isString()) {
      errors.push_back({pointer, "expected a string, found " + std::string(value.typeName())});
    } else if (field != nullptr) {
      *field = value.asString();
    } else if (auto role = core::parseRole(value.asString())) {
      grant.role = *role;
      hasRole = true;
    } else {
      errors.push_back({pointer, "unknown role \"" + value.asString() +
                                     "\"; one of admin, programme, lead, partner, controller, "
                                     "auditor"});
      hasRole = true;
    }
  }
  if (!hasRole) errors.push_back({"/role", "missing"});
  if (!errors.empty()) throw core::InvalidInput(std::move(errors));
  return grant;
}

void revokeGrantsScopedTo(Connection& db, const core::Actor& actor, std::int64_t nowMillis,
                          std::string_view programme, std::string_view project,
                          std::string_view partner) {
  const std::string now = isoUtc(nowMillis);
  for (const store::ScopedGrant& held : store::grantsScopedTo(db, programme, project, partner)) {
    store::deleteGrant(db, held.userId, held.grant, now);
    recordChange(db, actor, "revoke", "user", held.userName, held.grant.project,
                 grantJson(held.grant), std::nullopt);
  }
}

Json grantJson(const core::Grant& grant) {
  Json json = Json::object().set("role", core::toString(grant.role));
  if (!grant.programme.empty()) json.set("programme", grant.programme);
  if (!grant.project.empty()) json.set("project", grant.project);
  if (!grant.partner.empty()) json.set("partner", grant.partner);
  return json;
}

Json userJson(const store::UserRecord& user, const std::vector<core::Grant>& grants) {
  Json roles = Json::array();
  for (const core::Grant& grant : grants) roles.push(grantJson(grant));
  return Json::object()
      .set("name", user.name)
      .set("display_name", user.displayName)
      .set("disabled", user.disabled)
      .set("created_at", user.createdAt)
      .set("changed_at", user.changedAt)
      .set("version", user.version)
      .set("roles", std::move(roles));
}

}  // namespace crossgrant::server
